/**
 * Keeps the browser subscribed to /api/stream. Messages are queued and applied to the
 * store at most once per animation frame; a snapshot supersedes everything queued
 * before it. The connection phase is re-evaluated twice a second, so a dead stream or
 * a stopped feed shows within a second or two: stale data never looks live.
 */
import { reloadTo } from '@/components/auth/reload-to';
import { FEED_STALE_MS, STREAM_HEARTBEAT_MS } from '@/lib/contracts/stream';
import { dataAgeMs, type StreamFreshness } from './data-age';
import { ServerClock } from './server-clock';
import type { ConnectionPhase } from './connection-slice';
import { deadline } from '@/components/net/deadline';

/** What any store fed by a stream offers: the city store and the venue store alike. */
export interface StreamTarget<M> {
  getState(): StreamFreshness & {
    applyMessages: (messages: M[], receivedAt: number, serverOffsetMs: number) => void;
    setLink: (phase: ConnectionPhase, linkLost: boolean) => void;
  };
}

/** The SSE event names each kind of stream sends. */
const EVENTS = ['snapshot', 'delta', 'venue-snapshot', 'venue-delta', 'alerts-snapshot', 'alerts-delta'] as const;

/** A stream silent for this long is treated as down even if the socket looks open. */
const STREAM_SILENT_MS = STREAM_HEARTBEAT_MS * 4;
/**
 * A stream asked for but not answered within this (the request lost on a link that passes nothing)
 * is asked for again: EventSource would wait for ever. Generous: a busy server still answers within it.
 */
const STREAM_CONNECT_MS = 10_000;
/** Bound on queued messages (a hidden tab gets no animation frames and throttled timers). */
const MAX_PENDING = 64;

/**
 * What the screen is showing. A link silent past its heartbeats is down (greyed, "reconnecting"), but
 * an error answered by an attempt to connect again is not: what arrived within the heartbeat bound is
 * still live while the browser connects again (a proxy ending an idle stream, a server restart).
 */
export function phaseFor(args: {
  everReceived: boolean;
  /** Since the last message arrived, by this browser's clock: the link's silence. */
  sinceMessageMs: number;
  /** Age of the newest data, by the server's stamps (dataAgeMs); null: the feed has not been heard. */
  dataAgeMs: number | null;
}): ConnectionPhase {
  if (!args.everReceived) return 'connecting';
  if (args.sinceMessageMs > STREAM_SILENT_MS) return 'reconnecting';
  if (args.dataAgeMs === null) return 'stale';
  return args.dataAgeMs > FEED_STALE_MS ? 'stale' : 'live';
}

/** "Connection lost" is said only after missed heartbeats and a failed attempt to connect again. */
export function linkLostFor(args: { sinceMessageMs: number; failedAttempts: number }): boolean {
  return args.sinceMessageMs > STREAM_SILENT_MS && args.failedAttempts > 0;
}

export function connectStream<M extends { type: string; at: number }>(
  store: StreamTarget<M>,
  url = '/api/stream',
): () => void {
  let source: EventSource | undefined;
  let pending: M[] = [];
  let frame = 0;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  let reopen: ReturnType<typeof setTimeout> | undefined;
  let backoffMs = 1000;
  let stopped = false;
  let openedAt = 0;
  /** Whether the current attempt has delivered anything, and attempts since the last message that did not. */
  let heardSinceOpen = false;
  let failedAttempts = 0;
  const clock = new ServerClock();

  const flush = () => {
    frame = 0;
    if (fallback) clearTimeout(fallback);
    fallback = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    store.getState().applyMessages(batch, Date.now(), clock.offsetMs);
  };

  const schedule = () => {
    if (frame || fallback) return;
    frame = requestAnimationFrame(flush);
    // Hidden tabs get no frames: apply anyway, a little later.
    fallback = setTimeout(() => {
      if (frame) cancelAnimationFrame(frame);
      flush();
    }, 500);
  };

  const receive = (ev: MessageEvent<string>) => {
    let msg: M;
    try {
      msg = JSON.parse(ev.data) as M;
    } catch {
      return;
    }
    clock.observe(msg.at, Date.now());
    heardSinceOpen = true;
    failedAttempts = 0;
    if (msg.type.endsWith('snapshot')) pending = [msg];
    else pending.push(msg);
    backoffMs = 1000;
    // A throttled background tab may not run the frame or the timer for a minute: past the
    // bound, apply now rather than hold more.
    if (pending.length >= MAX_PENDING) flush();
    else schedule();
  };

  /**
   * Reconnection is ours, not EventSource's: jittered and backing off, so when an instance of a
   * fleet dies its walls come back through the others spread over a second, not all at once.
   */
  const retry = () => {
    if (source && !heardSinceOpen) failedAttempts++;
    source?.close();
    source = undefined;
    if (stopped || reopen) return;
    void signedOutCheck();
    reopen = setTimeout(
      () => {
        reopen = undefined;
        open();
      },
      backoffMs * (0.5 + Math.random() / 2),
    );
    backoffMs = Math.min(backoffMs * 2, 15_000);
  };

  const open = () => {
    if (stopped) return;
    source = new EventSource(url);
    openedAt = Date.now();
    heardSinceOpen = false;
    for (const name of EVENTS) source.addEventListener(name, receive as EventListener);
    source.onerror = () => {
      retry();
      evaluate();
    };
  };

  // A stream refused because the session ended (expired, signed out elsewhere) goes to sign-in
  // rather than retrying for ever.
  // One at a time, and given up after a while: on a link that passes nothing, each unanswered request
  // would hold one of the browser's six connections to the server until none was left for the stream.
  let checking = false;
  const signedOutCheck = async () => {
    if (checking) return;
    checking = true;
    const res = await fetch('/api/auth/me', { signal: deadline() }).catch(() => undefined);
    checking = false;
    if (res?.status === 401 && !stopped) {
      const next = window.location.pathname + window.location.search;
      reloadTo(`/login?next=${encodeURIComponent(next)}`);
    }
  };

  const evaluate = () => {
    const s = store.getState();
    const now = Date.now();
    // Open but silent past the heartbeat bound: a half-open link (a proxy or a network that stopped
    // passing anything) that will never error by itself. Drop it and connect again.
    const lastHeard = Math.max(s.lastMessageAt, openedAt);
    if (source?.readyState === EventSource.OPEN && now - lastHeard > STREAM_SILENT_MS) retry();
    else if (source?.readyState === EventSource.CONNECTING && now - openedAt > STREAM_CONNECT_MS) retry();
    const sinceMessageMs = s.lastMessageAt > 0 ? now - s.lastMessageAt : Infinity;
    s.setLink(
      phaseFor({
        everReceived: s.lastMessageAt > 0,
        sinceMessageMs,
        dataAgeMs: dataAgeMs(s, now),
      }),
      linkLostFor({ sinceMessageMs, failedAttempts }),
    );
  };

  open();
  // Whatever the store held from before (a city picture kept while on a venue page) is not live yet.
  evaluate();
  const ticker = setInterval(evaluate, 500);
  return () => {
    stopped = true;
    clearInterval(ticker);
    if (reopen) clearTimeout(reopen);
    if (frame) cancelAnimationFrame(frame);
    if (fallback) clearTimeout(fallback);
    source?.close();
  };
}
