/**
 * JSON bodies of the HTTP API, as TypeBox schemas: compiled and checked at the door
 * (lib/server/http-body) like the MQTT payloads, so a handler never casts what a client sent.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ALERT_ACTIONS, MAX_NOTE_LENGTH, type AlertActionRequest } from './alerts';
import { ID_PATTERN } from './topics';

/** POST /api/auth/login */
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBodyT = Static<typeof LoginBody>;

/** POST /api/alerts/{id}/actions */
export const AlertActionBody = Type.Object(
  {
    action: Type.Union(ALERT_ACTIONS.map((a) => Type.Literal(a))),
    requestId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH + 100 })),
    assignee: Type.Optional(Type.String({ pattern: ID_PATTERN })),
    minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 60 })),
  },
  { additionalProperties: false },
);
export type AlertActionBodyT = Static<typeof AlertActionBody>;

/** POST /api/out-of-service */
export const OutOfServiceBody = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 200, pattern: '^(sensor|zone|venue|it):[A-Za-z0-9_./-]+$' }),
    reason: Type.String({ minLength: 1, maxLength: MAX_NOTE_LENGTH }),
  },
  { additionalProperties: false },
);

// The browser's request type and the schema describe one body.
export const sameShape: AlertActionRequest extends AlertActionBodyT
  ? AlertActionBodyT extends AlertActionRequest
    ? true
    : never
  : never = true;
