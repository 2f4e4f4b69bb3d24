/** The alerts API: the logic behind app/api/alerts/*. Permissions are checked again in the repository. */
import 'server-only';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MAX_NOTE_LENGTH } from '../contracts/alerts';
import { AlertActionBody } from '../contracts/http.schema';
import { canViewVenue } from '../auth/permissions';
import { actOnAlert, alertTrail, loadAlert } from '../alerts/alert-repository';
import { getFeedRuntime } from './feed-runtime';
import { readJsonBody } from './http-body';
import { actionLimiter, forgedOrigin, json, requestUser, sameOrigin, signInFirst, tooMany } from './request-auth';

const notStarted = () => json({ error: 'server starting' }, 503, { 'Retry-After': '1' });
const actionBody = TypeCompiler.Compile(AlertActionBody);

type AlertParams = { params: Promise<{ alertId: string }> };

function alertIdOf(raw: string): number | null {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 && id < 2 ** 31 ? id : null;
}

/** GET /api/alerts: the alerts on screens now that this user may see. */
export async function alertsGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  return json({ alerts: rt.alerts.board.list().filter((a) => canViewVenue(user, a.venueId)) });
}

/** GET /api/alerts/{id}: one alert and its audit trail. */
export async function alertGET(request: Request, { params }: AlertParams): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  const id = alertIdOf((await params).alertId);
  const alert = id === null ? undefined : await loadAlert(rt.alerts.db, id);
  // Another venue's alert is as absent as a missing one: its existence is not this user's business.
  if (!alert || !canViewVenue(user, alert.venueId)) return json({ error: 'no such alert' }, 404);
  return json({ alert, trail: await alertTrail(rt.alerts.db, alert.id) });
}

/**
 * POST /api/alerts/{id}/actions {action, requestId, note?, assignee?}: answered after the
 * transaction commits; a retry with the same requestId acts once.
 */
export async function alertActionPOST(request: Request, { params }: AlertParams): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  if (!sameOrigin(request, rt.env.trustProxy)) return forgedOrigin();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  const now = Date.now();
  const wait = actionLimiter.take(user.id, now);
  if (wait > 0) return tooMany(wait);

  const id = alertIdOf((await params).alertId);
  if (id === null) return json({ error: 'no such alert' }, 404);
  const body = await readJsonBody(request, actionBody);
  if (body instanceof Response) return body;
  const action = body.action;
  const note = body.note?.trim() || null;
  if (note && note.length > MAX_NOTE_LENGTH)
    return json({ error: `a note has at most ${MAX_NOTE_LENGTH} characters` }, 400);
  if (action === 'note' && !note) return json({ error: 'a note needs text' }, 400);
  let assignee: { id: string; name: string } | undefined;
  if (action === 'assign' && body.assignee !== undefined && body.assignee !== user.id) {
    const target = rt.alerts.users.get(body.assignee);
    if (!target) return json({ error: `no user '${body.assignee}'` }, 400);
    assignee = { id: target.id, name: target.name };
  }

  const outcome = await actOnAlert(rt.alerts.db, {
    alertId: id,
    action,
    requestId: `${user.id}:${body.requestId}`,
    note,
    assignee,
    actor: user,
    now,
  });
  if (outcome.status === 200) {
    // Show it here at once; other instances hear it through the database's notification.
    rt.alerts.board.apply(outcome.alert);
    return json({ alert: outcome.alert });
  }
  if (outcome.status === 409) return json({ error: outcome.error, alert: outcome.alert }, 409);
  return json({ error: outcome.error }, outcome.status);
}
