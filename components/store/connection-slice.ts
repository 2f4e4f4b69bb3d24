/**
 * The link to the server, as every stream-fed store keeps it (the city, a venue, the responder's
 * alerts): one slice, one setter, so the three stores cannot drift apart in what "live" means.
 */
import { NO_MESSAGE, type StreamFreshness } from './data-age';

export type ConnectionPhase = 'connecting' | 'live' | 'reconnecting' | 'stale';

/**
 * The link and the data's age. Ages of server timestamps are taken against the server's time
 * (`serverOffsetMs`), so a wall PC's wrong clock does not grey out, or freshen, what it shows.
 */
export interface ConnectionSlice extends StreamFreshness {
  phase: ConnectionPhase;
  /**
   * The stream has been silent past its missed heartbeats and an attempt to connect again has failed:
   * the link is down, not between two attempts. Only then does a screen say "connection lost".
   */
  linkLost: boolean;
  setLink: (phase: ConnectionPhase, linkLost: boolean) => void;
}

type SetState<S> = (partial: (s: S) => S | Partial<S>) => void;

/** The slice's starting state and setter, for a store's initialiser. */
export function connectionSlice<S extends ConnectionSlice>(set: SetState<S>): ConnectionSlice {
  return {
    phase: 'connecting',
    linkLost: false,
    ...NO_MESSAGE,
    setLink: (phase, linkLost) =>
      set((s) => (s.phase === phase && s.linkLost === linkLost ? s : ({ phase, linkLost } as Partial<S>))),
  };
}
