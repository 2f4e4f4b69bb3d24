/**
 * Fans the situation model out to stream clients. Once per flush interval it takes the
 * model's changes, builds one delta, serialises it once and hands the same bytes to
 * every client. Each client has a bounded queue: one that cannot keep up loses its
 * queued deltas and gets a fresh snapshot when it drains, so a slow client never slows
 * the others or grows memory.
 */
import 'server-only';
import type { AlertBoard } from '../alerts/alert-board';
import type { AlertView } from '../contracts/alerts';
import type { IngestMetrics } from '../ingest/ingest-metrics';
import { CROWD_JUMP_PEOPLE, type ModelChanges, type SituationModel } from '../ingest/situation-model';
import {
  STREAM_HEARTBEAT_MS,
  type AlertsDelta,
  type AlertsSnapshot,
  type FeedStatus,
  type Kpis,
  type StreamDelta,
  type StreamSnapshot,
  type VenueDelta,
  type VenueFigures,
  type VenueLive,
  type VenueSnapshot,
} from '../contracts/stream';
import { SEVERITIES } from '../contracts/payloads.schema';
import { sensorColumns, zoneColumns } from '../contracts/venue-changes';

export interface StreamHubOptions {
  /** ms between flushes when nothing urgent happens. @default 200 */
  flushMs?: number;
  /**
   * News someone must see at once (a status, an alert, a jump: SituationModel.onUrgent) is flushed this
   * many ms after it arrives, so what comes with it (an alarm and its sensor) goes in the same frame;
   * but never sooner than `minGapMs` after the last flush. @default 15
   */
  urgentMs?: number;
  /** Least ms between two flushes: at most 1000/minGapMs frames per second per client. @default 100 */
  minGapMs?: number;
  /** Frames a client may have queued before it is reset to a snapshot. @default 16 */
  maxQueuedFrames?: number;
  /** Bytes a client may have queued before it is reset to a snapshot. @default 4 MiB */
  maxQueuedBytes?: number;
  /** ms between model sweeps (offline detection, trend). @default 1000 */
  sweepMs?: number;
}

export interface StreamClient {
  readonly id: number;
  /** Called with each frame to send; returns false when the transport is full. */
  readonly send: (frame: Uint8Array) => boolean;
  queue: Uint8Array[];
  queuedBytes: number;
  needsSnapshot: boolean;
  /** Last sequence number this client received (for resume). */
  seq: number;
  /** Set while the hub is handing this client frames. */
  draining: boolean;
  readonly scope: StreamScope;
  /** scopeKey(scope): clients with equal keys share frames. */
  readonly scopeKey: string;
  /** Let in by a view pass (the database could not check the session): ended once it can. */
  readonly viewPass: boolean;
  /** Ends the client's transport (the browser reconnects and is asked who it is again). */
  readonly end: () => void;
}

export interface ConnectOptions {
  viewPass?: boolean;
  end?: () => void;
}

/**
 * What a client sees: the city wall; one venue in detail; or only the alerts (a responder's
 * phone), of some venues or (null) all. Each with the feed's state.
 */
export type StreamScope =
  { kind: 'city' } | { kind: 'venue'; venueId: string } | { kind: 'alerts'; venues: readonly string[] | null };

export const CITY_SCOPE: StreamScope = { kind: 'city' };

/** Clients with equal keys get the same bytes. */
function scopeKey(scope: StreamScope): string {
  if (scope.kind === 'city') return 'city';
  if (scope.kind === 'venue') return `venue:${scope.venueId}`;
  return `alerts:${scope.venues === null ? '*' : [...scope.venues].sort().join(',')}`;
}

function alertInScope(a: AlertView, venues: readonly string[] | null): boolean {
  return venues === null || (a.venueId !== null && venues.includes(a.venueId));
}

interface AlertChanges {
  changed: AlertView[];
  removed: number[];
}
const NO_ALERT_CHANGES: AlertChanges = { changed: [], removed: [] };

/**
 * A screen gets a venue's live figures at most this often when only its count of people or its
 * last-heard time moved (a tile's percentage or a venue's headcount does not need five updates a
 * second); a change of status, sensors in alarm or open incidents goes out in the next flush.
 */
export const LIVE_FIGURES_EVERY_MS = 1_000;

/** Whether a venue's tile would change colour or counts, not only its figures. */
const statusMoved = (a: VenueLive, b: VenueLive) =>
  a.worst !== b.worst ||
  a.sensorsWarning !== b.sensorsWarning ||
  a.sensorsCritical !== b.sensorsCritical ||
  a.sensorsOffline !== b.sensorsOffline ||
  SEVERITIES.some((s) => a.openIncidents[s] !== b.openIncidents[s]);

const sameLive = (a: VenueLive, b: VenueLive) =>
  !statusMoved(a, b) && a.occupancy === b.occupancy && a.lastSeen === b.lastSeen;

/**
 * What a group of screens was last sent of each venue's live part, and when: decides whether a
 * venue's live part is due (all of it, at once, when its status moved; its figures alone at most
 * every LIVE_FIGURES_EVERY_MS) or held back.
 */
class LivePacing {
  private readonly sent = new Map<string, { live: VenueLive; at: number }>();

  /** What of `live` is due now, or null; `whole` sends all of it (a venue new to these screens). */
  due(live: VenueLive, now: number, whole = false): VenueLive | VenueFigures | null {
    const sent = this.sent.get(live.id);
    if (!whole && sent && sameLive(sent.live, live)) return null;
    const urgent = whole || !sent || statusMoved(sent.live, live);
    if (!urgent && now - sent.at < LIVE_FIGURES_EVERY_MS) return null;
    this.sent.set(live.id, { live, at: now });
    // Its status as the screens have it: the figures alone say what moved.
    return urgent ? live : { id: live.id, occupancy: live.occupancy, lastSeen: live.lastSeen };
  }

  /** Whether `live` differs from what was last sent (a held-back venue is still owed). */
  owes(live: VenueLive): boolean {
    const sent = this.sent.get(live.id);
    return !sent || !sameLive(sent.live, live);
  }

  /** Forgets venues no screen of the group watches any more. */
  retain(watched: ReadonlySet<string>): void {
    for (const id of this.sent.keys()) if (!watched.has(id)) this.sent.delete(id);
  }
}

/**
 * The city's figures go out at once when a count the wall shows as a warning moved (sensors offline,
 * venues reporting, open incidents, rejected messages starting or stopping) or the crowd jumped: by at
 * least `people` and at least `peopleShare` of it (a stand emptying, a gate's count arriving). The
 * crowd's drift and the message rate go at most every LIVE_FIGURES_EVERY_MS.
 */
export const KPIS_AT_ONCE = { peopleShare: 0.01, people: CROWD_JUMP_PEOPLE } as const;

function kpisUrgent(sent: Kpis, k: Kpis): boolean {
  const jump = Math.abs(k.peopleInside - sent.peopleInside);
  return (
    (jump >= KPIS_AT_ONCE.people && jump >= KPIS_AT_ONCE.peopleShare * sent.peopleInside) ||
    k.sensorsOffline !== sent.sensorsOffline ||
    k.sensorsTotal !== sent.sensorsTotal ||
    k.venuesReporting !== sent.venuesReporting ||
    k.rejectedPerSecond > 0 !== sent.rejectedPerSecond > 0 ||
    SEVERITIES.some((s) => k.openIncidents[s] !== sent.openIncidents[s])
  );
}

const sameKpis = (a: Kpis, b: Kpis) =>
  !kpisUrgent(a, b) &&
  a.peopleInside === b.peopleInside &&
  a.messagesPerSecond === b.messagesPerSecond &&
  a.rejectedPerSecond === b.rejectedPerSecond;

/** Whether a venue or alerts delta carries anything but the feed's state. */
function carriesChange(d: VenueDelta | AlertsDelta): boolean {
  return (
    d.alerts !== undefined ||
    d.alertsRemoved !== undefined ||
    ('venueId' in d &&
      (d.detail !== undefined ||
        d.live !== undefined ||
        d.zones !== undefined ||
        d.sensors !== undefined ||
        d.incidents !== undefined ||
        d.incidentsRemoved !== undefined))
  );
}

const encoder = new TextEncoder();

function sseFrame(event: string, id: string, data: string): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
}

export class StreamHub {
  readonly serverId: string;
  private readonly clients = new Map<number, StreamClient>();
  private nextClientId = 1;
  private seq = 0;
  private lastSentAt = 0;
  private lastSweepAt = 0;
  private lastTrendT = -1;
  /** What the city wall was last sent of each venue; venues changed since but held back. */
  private readonly cityLive = new LivePacing();
  private readonly cityLivePending = new Set<string>();
  /** The city's figures as the city wall was last sent them, and when (KPIS_AT_ONCE). */
  private kpisSent: { kpis: Kpis; at: number } | undefined;
  /** The same for the venue pages, of the venues they watch. */
  private readonly venueLive = new LivePacing();
  /**
   * Per venue or alerts scope: the sequence number of the last frame it was sent and when. A flush
   * with nothing for a scope sends it nothing (a heartbeat at least every STREAM_HEARTBEAT_MS), so a
   * client resumes if it holds its scope's last frame. Scopes nobody watches are forgotten.
   */
  private readonly scopeSent = new Map<string, { seq: number; at: number }>();
  /** The feed's publishers as last sent: a change goes to every scope at once. */
  private lastFeed: FeedStatus | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private lastFlushAt = 0;
  private nextFlushAt = 0;
  private readonly snapshotCache = new Map<string, Uint8Array>();
  private snapshotCacheSeq = -1;
  /** False while the database that fills the alert board is not attached yet: screens say "starting". */
  private alertsLoaded = true;
  readonly stats = {
    flushes: 0,
    /** Flushes brought forward by urgent news. */
    earlyFlushes: 0,
    deltasSerialised: 0,
    snapshotsSerialised: 0,
    framesSent: 0,
    clientResets: 0,
    lastDeltaBytes: 0,
  };
  readonly options: Required<StreamHubOptions>;

  constructor(
    private readonly model: SituationModel,
    private readonly metrics: IngestMetrics,
    options: StreamHubOptions = {},
    serverId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    /** The alerts screens show; none in tests and benchmarks of the feed alone. */
    private readonly alertBoard?: AlertBoard,
  ) {
    this.serverId = serverId;
    this.options = {
      flushMs: 200,
      urgentMs: 15,
      minGapMs: 100,
      maxQueuedFrames: 16,
      maxQueuedBytes: 4 * 1024 * 1024,
      sweepMs: 1000,
      ...options,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.model.onUrgent(() => this.urgent());
    this.alertBoard?.onChange(() => this.urgent());
    this.schedule(this.options.flushMs);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(inMs: number, early = false): void {
    clearTimeout(this.timer);
    this.nextFlushAt = Date.now() + inMs;
    this.timer = setTimeout(() => {
      if (early) this.stats.earlyFlushes++;
      this.flush(Date.now());
      if (this.running) this.schedule(this.options.flushMs);
    }, inMs);
    this.timer.unref?.();
  }

  /** News someone must see at once: flush soon (urgentMs, minGapMs after the last) rather than at the next tick. */
  private urgent(): void {
    if (!this.running) return;
    const now = Date.now();
    const at = Math.max(now + this.options.urgentMs, this.lastFlushAt + this.options.minGapMs);
    if (at < this.nextFlushAt) this.schedule(at - now, true);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get currentEventId(): string {
    return `${this.serverId}:${this.seq}`;
  }

  /** The id of the last frame a scope was sent (the city wall gets every flush's). */
  private lastEventIdOf(scope: StreamScope): string {
    const sent = scope.kind === 'city' ? undefined : this.scopeSent.get(scopeKey(scope));
    return sent ? `${this.serverId}:${sent.seq}` : this.currentEventId;
  }

  /**
   * Registers a client. `lastEventId` is what an EventSource sends on reconnect: the same
   * server and the current sequence resume with deltas; anything else (a gap, another
   * server, a restart) starts with a snapshot.
   */
  connect(
    send: (frame: Uint8Array) => boolean,
    lastEventId?: string | null,
    scope: StreamScope = CITY_SCOPE,
    options: ConnectOptions = {},
  ): StreamClient {
    const client: StreamClient = {
      viewPass: options.viewPass ?? false,
      end: options.end ?? (() => undefined),
      id: this.nextClientId++,
      send,
      scope,
      scopeKey: scopeKey(scope),
      queue: [],
      queuedBytes: 0,
      needsSnapshot: lastEventId !== this.lastEventIdOf(scope),
      seq: this.seq,
      draining: false,
    };
    this.clients.set(client.id, client);
    // Tell EventSource to retry after 1 s rather than its default 3 s.
    send(encoder.encode('retry: 1000\n\n'));
    if (client.needsSnapshot) this.drain(client);
    return client;
  }

  /** The alert board is not filled yet (a database still attaching): snapshots say so. */
  awaitAlerts(): void {
    this.alertsLoaded = false;
  }

  /**
   * The board is filled from the database: every client gets a fresh snapshot with the alerts, and
   * those let in by a view pass are ended, to be asked for their session now that it can be checked.
   */
  alertsAttached(now = Date.now()): void {
    this.alertsLoaded = true;
    this.seq++; // (older event ids, and the cached snapshots, are of the board before)
    this.scopeSent.clear();
    this.endViewPassClients();
    for (const client of this.clients.values()) {
      client.needsSnapshot = true;
      this.drain(client, now);
    }
  }

  /** Ends the clients let in by a view pass (their sessions can be checked again). */
  endViewPassClients(): number {
    let ended = 0;
    for (const client of [...this.clients.values()]) {
      if (!client.viewPass) continue;
      this.disconnect(client);
      client.end();
      ended++;
    }
    return ended;
  }

  disconnect(client: StreamClient): void {
    this.clients.delete(client.id);
    client.queue = [];
    client.queuedBytes = 0;
  }

  /**
   * Pushes what a client has queued while its transport accepts it. Re-entrant safe: handing
   * a frame to a web stream can call its `pull`, which drains again before `send` returns.
   */
  drain(client: StreamClient, now = Date.now()): void {
    if (client.draining) return;
    client.draining = true;
    try {
      if (client.needsSnapshot) {
        this.sendSnapshot(client, now);
        return;
      }
      while (client.queue.length > 0) {
        const frame = client.queue.shift()!;
        client.queuedBytes -= frame.byteLength;
        if (!client.send(frame)) {
          client.queue.unshift(frame);
          client.queuedBytes += frame.byteLength;
          return;
        }
        this.stats.framesSent++;
      }
    } finally {
      client.draining = false;
    }
  }

  snapshot(now: number): StreamSnapshot {
    const venues = [...this.model.venues.values()].filter((v) => v.def);
    const rates = this.metrics.sampleRatesPeek();
    return {
      type: 'snapshot',
      serverId: this.serverId,
      seq: this.seq,
      at: now,
      venues: venues.map((v) => v.summary()),
      live: venues.map((v) => v.live()),
      incidents: venues.flatMap((v) => [...v.incidents.values()].map((i) => i.view())),
      alerts: this.alertBoard?.list() ?? [],
      alertsLoaded: this.alertsLoaded,
      kpis: this.model.kpis(now, rates.perSecond, rates.rejectedPerSecond),
      trend: this.model.trend(),
      feed: this.model.feed(now),
    };
  }

  venueSnapshot(venueId: string, now: number): VenueSnapshot {
    const v = this.model.venues.get(venueId);
    return {
      type: 'venue-snapshot',
      serverId: this.serverId,
      seq: this.seq,
      at: now,
      venueId,
      detail: v?.def ? v.detail() : null,
      alerts: this.alertsOf([venueId]),
      alertsLoaded: this.alertsLoaded,
      feed: this.model.feed(now),
    };
  }

  alertsSnapshot(venues: readonly string[] | null, now: number): AlertsSnapshot {
    return {
      type: 'alerts-snapshot',
      serverId: this.serverId,
      seq: this.seq,
      at: now,
      alerts: this.alertsOf(venues),
      alertsLoaded: this.alertsLoaded,
      feed: this.model.feed(now),
    };
  }

  private alertsOf(venues: readonly string[] | null): AlertView[] {
    return (this.alertBoard?.list() ?? []).filter((a) => alertInScope(a, venues));
  }

  /** The snapshot frame for a scope, serialised once per sequence number however many clients ask. */
  private snapshotFrame({ scope, scopeKey: key }: StreamClient, now: number): Uint8Array {
    if (this.snapshotCacheSeq !== this.seq) {
      this.snapshotCache.clear();
      this.snapshotCacheSeq = this.seq;
    }
    let frame = this.snapshotCache.get(key);
    if (!frame) {
      const id = this.currentEventId;
      frame =
        scope.kind === 'city'
          ? sseFrame('snapshot', id, JSON.stringify(this.snapshot(now)))
          : scope.kind === 'venue'
            ? sseFrame('venue-snapshot', id, JSON.stringify(this.venueSnapshot(scope.venueId, now)))
            : sseFrame('alerts-snapshot', id, JSON.stringify(this.alertsSnapshot(scope.venues, now)));
      this.snapshotCache.set(key, frame);
      this.stats.snapshotsSerialised++;
    }
    return frame;
  }

  private sendSnapshot(client: StreamClient, now: number): void {
    const frame = this.snapshotFrame(client, now);
    client.queue = [];
    client.queuedBytes = 0;
    client.needsSnapshot = false;
    if (client.send(frame)) {
      client.seq = this.seq;
      this.stats.framesSent++;
    } else {
      // The transport is full; try again when it drains.
      client.needsSnapshot = true;
    }
  }

  /** One coalescing step: called every `flushMs`; public for tests and benchmarks. */
  flush(now: number): void {
    this.stats.flushes++;
    this.lastFlushAt = now;
    let rates = this.metrics.sampleRatesPeek();
    if (now - this.lastSweepAt >= this.options.sweepMs) {
      this.model.sweep(now);
      rates = this.metrics.sampleRates(now);
      this.lastSweepAt = now;
    }
    const changes = this.model.takeChanges();
    const alertChanges = this.alertBoard?.takeChanges() ?? NO_ALERT_CHANGES;
    const changed =
      changes.venuesChanged.size +
      changes.venuesDefined.size +
      changes.incidentsChanged.size +
      changes.incidentsRemoved.size +
      alertChanges.changed.length +
      alertChanges.removed.length;
    const cityLive = this.cityLiveDue(changes, now);
    const kpis = this.kpisDue(this.model.kpis(now, rates.perSecond, rates.rejectedPerSecond), now);
    const latestTrend = this.model.cityTrend.occupancy.latest();
    const trendMoved = latestTrend !== undefined && latestTrend[0] !== this.lastTrendT;
    if (changed === 0 && cityLive.length === 0 && !kpis && !trendMoved && now - this.lastSentAt < STREAM_HEARTBEAT_MS) {
      this.clearVenueChanges();
      return;
    }

    this.seq++;
    const feed = this.model.feed(now);
    const delta: StreamDelta = { type: 'delta', seq: this.seq, at: now, feed };
    if (kpis) delta.kpis = kpis;
    if (changes.venuesDefined.size > 0) {
      delta.venues = [...changes.venuesDefined].flatMap((id) => {
        const v = this.model.venues.get(id);
        return v ? [v.summary()] : [];
      });
    }
    if (cityLive.length > 0) delta.live = cityLive;
    if (changes.incidentsChanged.size > 0) {
      delta.incidents = [...changes.incidentsChanged].flatMap((key) => {
        const [venueId, id] = key.split('/') as [string, string];
        const i = this.model.venues.get(venueId)?.incidents.get(id);
        return i ? [i.view()] : [];
      });
    }
    if (changes.incidentsRemoved.size > 0) delta.incidentsRemoved = [...changes.incidentsRemoved];
    if (alertChanges.changed.length > 0) delta.alerts = alertChanges.changed;
    if (alertChanges.removed.length > 0) delta.alertsRemoved = alertChanges.removed;
    if (trendMoved) {
      // The previous bucket is now complete; send it (and the open one, refined later).
      const points = this.model.trend();
      delta.trend = points.filter((p) => p.t >= this.lastTrendT);
      this.lastTrendT = latestTrend[0];
    }
    this.lastSentAt = now;
    const feedMoved =
      this.lastFeed?.publishersOnline !== feed.publishersOnline || this.lastFeed.simulated !== feed.simulated;
    this.lastFeed = feed;

    // Serialise once per scope, share across that scope's clients (null: nothing for it this time).
    const frames = new Map<string, Uint8Array | null>();
    const watched = new Set<string>();
    for (const client of this.clients.values()) {
      const key = client.scopeKey;
      let frame = frames.get(key);
      if (frame === undefined) {
        const scope = client.scope;
        if (scope.kind === 'city') {
          frame = this.serialise('delta', delta);
          this.stats.lastDeltaBytes = frame.byteLength;
        } else {
          if (scope.kind === 'venue') watched.add(scope.venueId);
          const d =
            scope.kind === 'venue'
              ? this.venueDelta(scope.venueId, changes, alertChanges, feed, now)
              : this.alertsDelta(scope.venues, alertChanges, feed, now);
          frame = this.scopeFrame(key, d, feedMoved, now);
        }
        frames.set(key, frame);
      }
      if (frame) this.enqueue(client, frame, now);
    }
    for (const key of this.scopeSent.keys()) if (!frames.has(key)) this.scopeSent.delete(key);
    this.venueLive.retain(watched);
    this.clearVenueChanges();
  }

  /** A venue or alerts scope's frame: sent when it carries a change or a heartbeat is due, else null. */
  private scopeFrame(key: string, d: VenueDelta | AlertsDelta, feedMoved: boolean, now: number): Uint8Array | null {
    const sent = this.scopeSent.get(key);
    if (sent && !feedMoved && !carriesChange(d) && now - sent.at < STREAM_HEARTBEAT_MS) return null;
    this.scopeSent.set(key, { seq: this.seq, at: now });
    return this.serialise(d.type, d);
  }

  /** The city's figures if the city wall is due them now (KPIS_AT_ONCE), else undefined. */
  private kpisDue(kpis: Kpis, now: number): Kpis | undefined {
    const sent = this.kpisSent;
    if (sent && sameKpis(sent.kpis, kpis)) return undefined;
    if (sent && !kpisUrgent(sent.kpis, kpis) && now - sent.at < LIVE_FIGURES_EVERY_MS) return undefined;
    this.kpisSent = { kpis, at: now };
    return kpis;
  }

  /** The venues' live figures the city wall is due now (see LIVE_FIGURES_EVERY_MS); the rest wait. */
  private cityLiveDue(changes: ModelChanges, now: number): (VenueLive | VenueFigures)[] {
    for (const id of changes.venuesChanged) this.cityLivePending.add(id);
    for (const id of changes.venuesDefined) this.cityLivePending.add(id);
    const due: (VenueLive | VenueFigures)[] = [];
    for (const id of this.cityLivePending) {
      const live = this.model.venues.get(id)?.live();
      const part = live && this.cityLive.due(live, now, changes.venuesDefined.has(id));
      if (part) due.push(part);
      if (!live || !this.cityLive.owes(live)) this.cityLivePending.delete(id);
    }
    return due;
  }

  private serialise(event: string, message: StreamDelta | VenueDelta | AlertsDelta): Uint8Array {
    this.stats.deltasSerialised++;
    return sseFrame(event, this.currentEventId, JSON.stringify(message));
  }

  /** What changed in one venue, for the clients watching it (its live part paced: LivePacing). */
  private venueDelta(
    venueId: string,
    changes: ModelChanges,
    alertChanges: AlertChanges,
    feed: FeedStatus,
    now: number,
  ): VenueDelta {
    const d: VenueDelta = { type: 'venue-delta', seq: this.seq, at: now, venueId, feed };
    this.addAlerts(d, [venueId], alertChanges);
    const v = this.model.venues.get(venueId);
    if (!v?.def) return d;
    if (v.redefined) {
      d.detail = v.detail();
      this.venueLive.due(d.detail.live, now, true);
      return d;
    }
    const live = this.venueLive.due(v.live(), now);
    if (live) d.live = live;
    // The changing fields only: the definitions went with the detail and have not changed since.
    if (v.changedZones.size > 0)
      d.zones = zoneColumns(
        [...v.changedZones].flatMap((id) => v.zones.get(id)?.change() ?? []),
        now,
      );
    if (v.changedSensors.size > 0)
      d.sensors = sensorColumns(
        [...v.changedSensors].flatMap((id) => v.sensors.get(id)?.change() ?? []),
        now,
      );
    const prefix = `${venueId}/`;
    const incidents = [...changes.incidentsChanged].filter((k) => k.startsWith(prefix));
    if (incidents.length > 0)
      d.incidents = incidents.flatMap((k) => v.incidents.get(k.slice(prefix.length))?.view() ?? []);
    const removed = [...changes.incidentsRemoved].filter((k) => k.startsWith(prefix));
    if (removed.length > 0) d.incidentsRemoved = removed;
    return d;
  }

  private alertsDelta(
    venues: readonly string[] | null,
    alertChanges: AlertChanges,
    feed: FeedStatus,
    now: number,
  ): AlertsDelta {
    const d: AlertsDelta = { type: 'alerts-delta', seq: this.seq, at: now, feed };
    this.addAlerts(d, venues, alertChanges);
    return d;
  }

  /** Puts the alert changes a scope may see into its delta. Removed ids carry no venue: all are sent. */
  private addAlerts(d: VenueDelta | AlertsDelta, venues: readonly string[] | null, c: AlertChanges): void {
    const alerts = venues === null ? c.changed : c.changed.filter((a) => alertInScope(a, venues));
    if (alerts.length > 0) d.alerts = alerts;
    if (c.removed.length > 0) d.alertsRemoved = c.removed;
  }

  private clearVenueChanges(): void {
    for (const v of this.model.venues.values()) v.clearChanges();
  }

  private enqueue(client: StreamClient, frame: Uint8Array, now: number): void {
    if (client.needsSnapshot) {
      this.drain(client, now);
      return;
    }
    client.queue.push(frame);
    client.queuedBytes += frame.byteLength;
    if (client.queue.length > this.options.maxQueuedFrames || client.queuedBytes > this.options.maxQueuedBytes) {
      // Too far behind: drop what is queued; it gets a fresh snapshot when it drains.
      client.queue = [];
      client.queuedBytes = 0;
      client.needsSnapshot = true;
      this.stats.clientResets++;
      return;
    }
    this.drain(client, now);
  }
}
