/**
 * Sends one action on an alert and waits for the server's word. The request carries an id
 * made once per action, so a retry after a lost answer (a phone between cells) acts once.
 */
import type { AlertAction, AlertView } from '@/lib/contracts/alerts';
import { deadline } from '@/components/net/deadline';

export type ActionResult =
  { ok: true; alert: AlertView } | { ok: false; message: string; alert?: AlertView; signedOut?: boolean };

const RETRIES = 3;

export async function sendAlertAction(
  alertId: number,
  action: AlertAction,
  note: string | null,
  /** For assign: someone else (an admin's choice; default the caller); for shelve: for how long. */
  extra: { assignee?: string; minutes?: number } = {},
  fetcher: typeof fetch = fetch,
): Promise<ActionResult> {
  const requestId = crypto.randomUUID();
  const body = JSON.stringify({ action, requestId, ...(note ? { note } : {}), ...extra });
  let lastError = 'no answer from the server';
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    let res: Response;
    try {
      res = await fetcher(`/api/alerts/${alertId}/actions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: deadline(),
      });
    } catch {
      // The request may or may not have arrived: the same id makes a retry safe.
      lastError = 'no answer from the server';
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      continue;
    }
    const answer = (await res.json().catch(() => ({}))) as { alert?: AlertView; error?: string };
    if (res.ok && answer.alert) return { ok: true, alert: answer.alert };
    if (res.status >= 500) {
      lastError = answer.error ?? `server error ${res.status}`;
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      continue;
    }
    return {
      ok: false,
      message: answer.error ?? `refused (${res.status})`,
      ...(answer.alert ? { alert: answer.alert } : {}),
      ...(res.status === 401 ? { signedOut: true } : {}),
    };
  }
  return { ok: false, message: `${lastError}; not recorded — try again` };
}
