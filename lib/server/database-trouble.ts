/**
 * An API handler whose database is away answers 503 in words a person can act on ("nothing was
 * recorded; try again"), quickly (the pool's timeouts), instead of hanging or a bare 500. Any other
 * error is a bug and is left to surface as one.
 */
import 'server-only';
import { isDatabaseLinkError } from '../db/database';
import { json } from './request-auth';

export function answeringDatabaseTrouble<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (!isDatabaseLinkError(err)) throw err;
      console.error(`[http] database not answering: ${(err as Error).message}`);
      return json({ error: 'the database is not answering: nothing was recorded, try again in a moment' }, 503, {
        'Retry-After': '2',
      });
    }
  };
}
