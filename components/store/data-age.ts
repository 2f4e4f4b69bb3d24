/**
 * How old the data on a screen is, judged by the server's stamps rather than by when the page
 * took them: a page that runs behind shows its late figures as late, never as live.
 */

/** What every stream-fed store keeps about its last message. */
export interface StreamFreshness {
  /** Browser clock (ms) when the last message arrived; 0 before any. Judges the link. */
  lastMessageAt: number;
  /** Server clock (ms) the last message was sent at; 0 before any. Judges the data. */
  lastServerAt: number;
  /** Feed age the server reported in that message. */
  feedAgeAtMessage: number | null;
  /** Server clock minus this browser's (ServerClock), so server stamps are aged on the server's time. */
  serverOffsetMs: number;
}

export const NO_MESSAGE: StreamFreshness = {
  lastMessageAt: 0,
  lastServerAt: 0,
  feedAgeAtMessage: null,
  serverOffsetMs: 0,
};

/** The freshness after applying a batch whose newest message is `last`. */
export function freshnessAfter(
  prev: StreamFreshness,
  last: { at: number; feed: { feedAgeMs: number | null } } | undefined,
  receivedAt: number,
  serverOffsetMs: number,
): StreamFreshness {
  if (!last) return prev;
  return { lastMessageAt: receivedAt, lastServerAt: last.at, feedAgeAtMessage: last.feed.feedAgeMs, serverOffsetMs };
}

/** Age (ms) at browser time `now` of the newest data shown: the feed's age when sent, plus time since. */
export function dataAgeMs(f: StreamFreshness, now: number): number | null {
  if (f.feedAgeAtMessage === null || f.lastServerAt === 0) return null;
  return f.feedAgeAtMessage + Math.max(0, now + f.serverOffsetMs - f.lastServerAt);
}

/** The freshness fields of a store's state (select with useShallow). */
export function pickFreshness(s: StreamFreshness): StreamFreshness {
  return {
    lastMessageAt: s.lastMessageAt,
    lastServerAt: s.lastServerAt,
    feedAgeAtMessage: s.feedAgeAtMessage,
    serverOffsetMs: s.serverOffsetMs,
  };
}
