/** The alerts API: the logic behind app/api/alerts/*. Permissions are checked again in the repository. */
import 'server-only';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MAX_NOTE_LENGTH } from '../contracts/alerts';
import { AlertActionBody, OutOfServiceBody } from '../contracts/http.schema';
import { canViewVenue, mayTakeOutOfService } from '../auth/permissions';
import { activeShelves, describeShelves, returnToService, takeOutOfService } from '../alerts/shelving';
import { actOnAlert, alertTrail, loadAlert } from '../alerts/alert-repository';
import { answeringDatabaseTrouble } from './database-trouble';
import { getFeedRuntime } from './feed-runtime';
import { readJsonBody } from './http-body';
import { actionLimiter, forgedOrigin, json, requestUser, sameOrigin, signInFirst, tooMany } from './request-auth';

const notStarted = () => json({ error: 'server starting' }, 503, { 'Retry-After': '1' });
const actionBody = TypeCompiler.Compile(AlertActionBody);
const outOfServiceBody = TypeCompiler.Compile(OutOfServiceBody);

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
async function handleAlertGET(request: Request, { params }: AlertParams): Promise<Response> {
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
async function handleAlertActionPOST(request: Request, { params }: AlertParams): Promise<Response> {
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
  const maxShelf = rt.alerts.rules.shelving.maxMinutes;
  if (action === 'shelve') {
    if (!note) return json({ error: 'shelving needs a reason (the note)' }, 400);
    if (body.minutes === undefined || body.minutes > maxShelf)
      return json({ error: `shelving needs minutes, at most ${maxShelf}` }, 400);
  }
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
    minutes: body.minutes,
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

/** GET /api/shelves: alarms shelved and sources out of service now, as far as this user may see. */
async function handleShelvesGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  const shelves = (await activeShelves(rt.alerts.db)).filter((s) => canViewVenue(user, s.venueId));
  return json({
    shelves: await describeShelves(rt.alerts.db, shelves),
    maxMinutes: rt.alerts.rules.shelving.maxMinutes,
  });
}

/** The venue a source names (`sensor:venue/…`, `zone:venue/…`, `venue:venue`, `it:venue/…`). */
const venueOfSource = (source: string) => /^[a-z]+:([^/]+)/.exec(source)?.[1] ?? null;

/** POST /api/out-of-service {source, reason}: admins take a source out for maintenance. */
async function handleOutOfServicePOST(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  if (!sameOrigin(request, rt.env.trustProxy)) return forgedOrigin();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  if (!mayTakeOutOfService(user)) return json({ error: 'only an admin may take a source out of service' }, 403);
  const now = Date.now();
  const wait = actionLimiter.take(user.id, now);
  if (wait > 0) return tooMany(wait);
  const body = await readJsonBody(request, outOfServiceBody);
  if (body instanceof Response) return body;
  const reason = body.reason.trim();
  if (!reason) return json({ error: 'taking a source out of service needs a reason' }, 400);
  const outcome = await takeOutOfService(rt.alerts.db, {
    source: body.source,
    venueId: venueOfSource(body.source),
    reason,
    actor: user,
    now,
  });
  if ('error' in outcome) return json({ error: outcome.error }, outcome.status);
  for (const a of outcome.alerts) rt.alerts.board.apply(a);
  return json({ shelf: outcome.shelf }, 201);
}

/** POST /api/out-of-service/{shelfId}/return: admins return a source to service. */
async function handleReturnToServicePOST(
  request: Request,
  { params }: { params: Promise<{ shelfId: string }> },
): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  if (!sameOrigin(request, rt.env.trustProxy)) return forgedOrigin();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  if (!mayTakeOutOfService(user)) return json({ error: 'only an admin may return a source to service' }, 403);
  const id = alertIdOf((await params).shelfId);
  if (id === null) return json({ error: 'no such record' }, 404);
  const outcome = await returnToService(rt.alerts.db, id, user, Date.now());
  if ('error' in outcome) return json({ error: outcome.error }, outcome.status);
  for (const a of outcome.alerts) rt.alerts.board.apply(a);
  return json({ shelf: outcome.shelf });
}

// The database away: a clear 503 rather than a hang or a bare 500 (database-trouble.ts).
export const alertGET = answeringDatabaseTrouble(handleAlertGET);
export const alertActionPOST = answeringDatabaseTrouble(handleAlertActionPOST);
export const shelvesGET = answeringDatabaseTrouble(handleShelvesGET);
export const outOfServicePOST = answeringDatabaseTrouble(handleOutOfServicePOST);
export const returnToServicePOST = answeringDatabaseTrouble(handleReturnToServicePOST);
