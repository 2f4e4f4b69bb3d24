/**
 * Every request a screen makes has a deadline. On a link that passes nothing (a half-open proxy, a
 * phone between cells) an unanswered request holds one of the browser's six connections to the
 * server until none is left for the live stream; and a caller waiting on it waits for ever.
 */
export const REQUEST_DEADLINE_MS = 10_000;

/** A signal that aborts after `ms`, or earlier with `signal` (the component's own cancel). */
export function deadline(signal?: AbortSignal, ms = REQUEST_DEADLINE_MS): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
