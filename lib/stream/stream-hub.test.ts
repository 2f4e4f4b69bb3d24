import { describe, expect, it, vi } from 'vitest';
import { AlertBoard } from '../alerts/alert-board';
import type { AlertView } from '../contracts/alerts';
import type { StreamDelta, StreamMessage, StreamSnapshot, VenueStreamMessage } from '../contracts/stream';
import { topics } from '../contracts/topics';
import { createIngest } from '../ingest/ingest';
import { IngestMetrics } from '../ingest/ingest-metrics';
import { RateLimitedLog } from '../ingest/rate-limited-log';
import { SituationModel } from '../ingest/situation-model';
import { alertView, json, registry, T0 } from '../testing/fixtures';
import { sensorRows } from '../contracts/venue-changes';
import { StreamHub } from './stream-hub';

const decoder = new TextDecoder();

function parseFrames(frames: Uint8Array[]): { id?: string; message: StreamMessage }[] {
  return frames
    .map((f) => decoder.decode(f))
    .filter((text) => text.includes('data: '))
    .map((text) => {
      const id = /^id: (.*)$/m.exec(text)?.[1];
      const data = /^data: (.*)$/m.exec(text)![1]!;
      return { id, message: JSON.parse(data) as StreamMessage };
    });
}

function setup() {
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = createIngest(model, metrics, new RateLimitedLog(10_000, () => {}));
  const hub = new StreamHub(model, metrics, { flushMs: 200, maxQueuedFrames: 4 }, 'srv-a');
  ingest.handle(topics.registry('hangzhou', 'test-arena'), json(registry()), T0);
  return { model, ingest, hub };
}

describe('StreamHub', () => {
  it('starts a new client with a snapshot of the whole situation', () => {
    const { hub } = setup();
    const frames: Uint8Array[] = [];
    hub.connect((f) => (frames.push(f), true));
    const [first] = parseFrames(frames);
    const snap = first!.message as StreamSnapshot;
    expect(snap.type).toBe('snapshot');
    expect(snap.serverId).toBe('srv-a');
    expect(snap.venues.map((v) => v.id)).toEqual(['test-arena']);
    expect(first!.id).toBe('srv-a:0');
  });

  it('coalesces many messages into one delta per flush, serialised once for all clients', () => {
    const { hub, ingest } = setup();
    const a: Uint8Array[] = [];
    const b: Uint8Array[] = [];
    hub.connect((f) => (a.push(f), true));
    hub.connect((f) => (b.push(f), true));
    for (let i = 1; i <= 500; i++) {
      ingest.handle(
        topics.crowd('hangzhou', 'test-arena', 'stand-1'),
        json({ ts: T0 + i, seq: i, entries: i, exits: 0, occupancy: i }),
        T0 + i,
      );
    }
    hub.flush(T0 + 1000);
    const deltas = parseFrames(a).filter((f) => f.message.type === 'delta');
    expect(deltas).toHaveLength(1);
    const d = deltas[0]!.message as StreamDelta;
    expect(d.live).toEqual([expect.objectContaining({ id: 'test-arena', occupancy: 500 })]);
    expect(hub.stats.deltasSerialised).toBe(1);
    // Both clients got the very same bytes.
    expect(a[a.length - 1]).toBe(b[b.length - 1]);
  });

  it("sends the city wall a venue's moving figures once a second, and a change of status at once", () => {
    const { hub, ingest } = setup();
    const frames: Uint8Array[] = [];
    hub.connect((f) => (frames.push(f), true));
    const lives = () =>
      parseFrames(frames).flatMap((f) =>
        f.message.type === 'delta' ? (f.message.live ?? []).map((l) => ({ at: f.message.at, ...l })) : [],
      );
    // People counted every 200 ms for 3 s: the tile's figure goes out at most once a second.
    for (let i = 1; i <= 15; i++) {
      const at = T0 + 10_000 + i * 200;
      ingest.handle(
        topics.crowd('hangzhou', 'test-arena', 'stand-1'),
        json({ ts: at, seq: i, entries: i, exits: 0, occupancy: i }),
        at,
      );
      hub.flush(at);
    }
    const sent = lives();
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(4);
    for (let k = 1; k < sent.length; k++) expect(sent[k]!.at - sent[k - 1]!.at).toBeGreaterThanOrEqual(1000);
    // The last count held back still goes out when its second is up, with nothing else happening.
    hub.flush(T0 + 10_000 + 16 * 200 + 1000);
    expect(lives().at(-1)!.occupancy).toBe(15);

    // A sensor past its critical threshold turns the tile red in the very next flush.
    const before = lives().length;
    const at = T0 + 10_000 + 17 * 200 + 1000;
    ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), json({ ts: at, seq: 1, value: 40 }), at);
    hub.flush(at + 10);
    expect(lives()).toHaveLength(before + 1);
    expect(lives().at(-1)).toMatchObject({ worst: 'critical', sensorsCritical: 1 });
  });

  it("sends the city's figures when they moved: the crowd's drift once a second, a jump in the next flush", () => {
    const { hub, ingest } = setup();
    const frames: Uint8Array[] = [];
    hub.connect((f) => (frames.push(f), true));
    const deltas = () => parseFrames(frames).flatMap((f) => (f.message.type === 'delta' ? [f.message] : []));
    const sentKpis = () => deltas().flatMap((d) => (d.kpis ? [{ at: d.at, people: d.kpis.peopleInside }] : []));
    const count = (at: number, seq: number, occupancy: number) => {
      ingest.handle(
        topics.crowd('hangzhou', 'test-arena', 'stand-1'),
        json({ ts: at, seq, entries: occupancy, exits: 0, occupancy }),
        at,
      );
      hub.flush(at);
    };
    const start = T0 + 10_000;
    count(start, 1, 3_000);
    // Three people more every 200 ms for 3 s: the city's figure goes out at most once a second.
    for (let i = 1; i <= 15; i++) count(start + i * 200, 1 + i, 3_000 + 3 * i);
    const drift = sentKpis().filter((k) => k.at > start);
    expect(drift.length).toBeGreaterThanOrEqual(2);
    expect(drift.length).toBeLessThanOrEqual(3);
    for (let k = 1; k < drift.length; k++) expect(drift[k]!.at - drift[k - 1]!.at).toBeGreaterThanOrEqual(1000);
    // Every delta says how old the feed is, with the figures or without.
    expect(deltas().every((d) => d.feed.feedAgeMs === 0)).toBe(true);
    expect(deltas().some((d) => d.kpis === undefined)).toBe(true);
    // The last drift held back goes out when its second is up.
    hub.flush(start + 16 * 200 + 1000);
    expect(sentKpis().at(-1)!.people).toBe(3_045);

    // A stand emptying by 1,000 (past 100 people and 1% of the crowd) shows in the very next flush.
    const jumpAt = start + 16 * 200 + 1100;
    count(jumpAt, 17, 2_045);
    expect(sentKpis().at(-1)).toEqual({ at: jumpAt, people: 2_045 });
    // Nothing new since: no figures again.
    const sent = sentKpis().length;
    hub.flush(jumpAt + 200);
    hub.flush(jumpAt + 400);
    expect(sentKpis()).toHaveLength(sent);
  });

  it('flushes news someone must see at once early, the drift at its tick, and never twice within minGapMs', () => {
    vi.useFakeTimers({ now: T0 + 10_000 });
    const { hub, ingest } = setup();
    try {
      const frames: Uint8Array[] = [];
      hub.connect((f) => (frames.push(f), true));
      const deltaTimes = () => parseFrames(frames).flatMap((f) => (f.message.type === 'delta' ? [f.message.at] : []));
      const reading = (seq: number, value: number) =>
        ingest.handle(
          topics.sensor('hangzhou', 'test-arena', 'temp-1'),
          json({ ts: Date.now(), seq, value }),
          Date.now(),
        );
      const count = (seq: number, occupancy: number) =>
        ingest.handle(
          topics.crowd('hangzhou', 'test-arena', 'stand-1'),
          json({ ts: Date.now(), seq, entries: occupancy, exits: 0, occupancy }),
          Date.now(),
        );
      hub.start();
      const start = T0 + 10_000;
      vi.advanceTimersByTime(200); // the first tick
      expect(deltaTimes()).toEqual([start + 200]);
      // 120 ms after that tick a sensor turns critical: out 15 ms later, not at the tick 80 ms after that.
      vi.advanceTimersByTime(120);
      reading(1, 40);
      vi.advanceTimersByTime(15);
      expect(deltaTimes().at(-1)).toBe(start + 335);
      const critical = parseFrames(frames).at(-1)!.message as StreamDelta;
      expect(critical.live).toEqual([expect.objectContaining({ id: 'test-arena', worst: 'critical' })]);
      expect(hub.stats.earlyFlushes).toBe(1);
      // A reading that changes nothing a screen colours waits for the tick, 200 ms after that flush.
      reading(2, 41);
      count(1, 30);
      vi.advanceTimersByTime(150);
      expect(deltaTimes().at(-1)).toBe(start + 335);
      vi.advanceTimersByTime(50);
      expect(deltaTimes().at(-1)).toBe(start + 535);
      // A stand emptying by 500 people 10 ms after a flush: out no sooner than 100 ms after the last.
      count(2, 530);
      vi.advanceTimersByTime(10);
      count(3, 30);
      vi.advanceTimersByTime(89);
      expect(deltaTimes().at(-1)).toBe(start + 535);
      vi.advanceTimersByTime(1);
      expect(deltaTimes().at(-1)).toBe(start + 635);
      expect(hub.stats.earlyFlushes).toBe(2);
    } finally {
      hub.stop();
      vi.useRealTimers();
    }
  });

  it('sends a heartbeat delta when nothing changed, at least once a second', () => {
    const { hub } = setup();
    const frames: Uint8Array[] = [];
    hub.connect((f) => (frames.push(f), true));
    hub.flush(T0 + 10_000);
    hub.flush(T0 + 10_200);
    hub.flush(T0 + 11_100);
    expect(parseFrames(frames).filter((f) => f.message.type === 'delta')).toHaveLength(2);
  });

  it('resumes a reconnecting client from its last event id, and resyncs any other', () => {
    const { hub, ingest } = setup();
    hub.connect(() => true);
    ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), json({ ts: T0, seq: 1, value: 20 }), T0);
    hub.flush(T0 + 1000);
    const resumed: Uint8Array[] = [];
    hub.connect((f) => (resumed.push(f), true), hub.currentEventId);
    expect(parseFrames(resumed)).toHaveLength(0);
    const gap: Uint8Array[] = [];
    hub.connect((f) => (gap.push(f), true), 'srv-a:0');
    expect(parseFrames(gap)[0]!.message.type).toBe('snapshot');
    const otherServer: Uint8Array[] = [];
    hub.connect((f) => (otherServer.push(f), true), 'srv-old:1234');
    expect(parseFrames(otherServer)[0]!.message.type).toBe('snapshot');
  });

  it('bounds a slow client: drops its queue and sends a fresh snapshot when it drains', () => {
    const { hub, ingest } = setup();
    let open = true;
    const slow: Uint8Array[] = [];
    const client = hub.connect((f) => (open ? (slow.push(f), true) : false));
    const fast: Uint8Array[] = [];
    hub.connect((f) => (fast.push(f), true));
    open = false;
    for (let i = 1; i <= 20; i++) {
      ingest.handle(
        topics.sensor('hangzhou', 'test-arena', 'temp-1'),
        json({ ts: T0 + i, seq: i, value: 20 + i }),
        T0 + i,
      );
      hub.flush(T0 + i * 200);
      expect(client.queue.length).toBeLessThanOrEqual(4);
    }
    expect(hub.stats.clientResets).toBeGreaterThan(0);
    expect(parseFrames(fast).filter((f) => f.message.type === 'delta')).toHaveLength(20);
    open = true;
    hub.drain(client, T0 + 5000);
    const last = parseFrames(slow).at(-1)!.message;
    expect(last.type).toBe('snapshot');
  });

  it('forgets a client on disconnect', () => {
    const { hub } = setup();
    const c = hub.connect(() => true);
    expect(hub.clientCount).toBe(1);
    hub.disconnect(c);
    expect(hub.clientCount).toBe(0);
  });
});

describe('StreamHub with a transport that pulls re-entrantly', () => {
  it('hands every frame over exactly once, as a web ReadableStream pull() would ask', () => {
    const { hub, ingest } = setup();
    const frames: Uint8Array[] = [];
    // A web stream calls pull() from inside enqueue(); pull() drains the hub again.
    const ref: { client?: ReturnType<StreamHub['connect']> } = {};
    ref.client = hub.connect((f) => {
      frames.push(f);
      if (ref.client) hub.drain(ref.client);
      return true;
    });
    for (let i = 1; i <= 5; i++) {
      ingest.handle(
        topics.sensor('hangzhou', 'test-arena', 'temp-1'),
        json({ ts: T0 + i, seq: i, value: 20 + i }),
        T0 + i,
      );
      hub.flush(T0 + i * 200);
    }
    const ids = parseFrames(frames).map((f) => f.id);
    expect(ids).toEqual(['srv-a:0', 'srv-a:1', 'srv-a:2', 'srv-a:3', 'srv-a:4', 'srv-a:5']);
  });
});

describe('StreamHub venue scope', () => {
  function parseVenueFrames(frames: Uint8Array[]) {
    return frames
      .map((f) => new TextDecoder().decode(f))
      .filter((t) => t.includes('data: '))
      .map((t) => JSON.parse(/^data: (.*)$/m.exec(t)![1]!) as VenueStreamMessage);
  }

  it("sends a venue's zones and sensors, and nothing of other venues", () => {
    const { hub, ingest } = setup();
    const other = registry(T0, 1, { ...registry().venue, id: 'other-hall', name: { en: 'Other', zh: '其他' } });
    ingest.handle(topics.registry('hangzhou', 'other-hall'), json(other), T0);
    const frames: Uint8Array[] = [];
    hub.connect((f) => (frames.push(f), true), null, { kind: 'venue', venueId: 'test-arena' });
    const [snap] = parseVenueFrames(frames);
    expect(snap).toMatchObject({ type: 'venue-snapshot', venueId: 'test-arena' });
    expect(snap!.type === 'venue-snapshot' && snap!.detail?.sensors.map((s) => s.id)).toEqual([
      'temp-1',
      'ups-1',
      'bc-1',
    ]);

    hub.flush(T0 + 100);
    ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), json({ ts: T0 + 1, seq: 1, value: 33 }), T0 + 1);
    ingest.handle(topics.sensor('hangzhou', 'other-hall', 'temp-1'), json({ ts: T0 + 1, seq: 1, value: 99 }), T0 + 1);
    ingest.handle(
      topics.crowd('hangzhou', 'other-hall', 'gate-1'),
      json({ ts: T0 + 1, seq: 1, entries: 5, exits: 0, occupancy: 5 }),
      T0 + 1,
    );
    hub.flush(T0 + 1200);
    const deltas = parseVenueFrames(frames).filter((m) => m.type === 'venue-delta');
    const last = deltas.at(-1)!;
    if (last.type !== 'venue-delta') throw new Error('expected a venue delta');
    expect(sensorRows(last.sensors!, last.at).map((s) => [s.id, s.value, s.status])).toEqual([
      ['temp-1', 33, 'warning'],
    ]);
    expect(last.zones).toBeUndefined();
    expect(deltas.every((d) => d.venueId === 'test-arena')).toBe(true);
    expect(JSON.stringify(deltas)).not.toContain('other-hall');
  });

  it("sends a changed sensor's and zone's changing fields only, their definitions once, rounded as shown", () => {
    const { hub, ingest } = setup();
    const frames: Uint8Array[] = [];
    hub.connect((f) => (frames.push(f), true), null, { kind: 'venue', venueId: 'test-arena' });
    hub.flush(T0 + 100);
    ingest.handle(
      topics.sensor('hangzhou', 'test-arena', 'temp-1'),
      json({ ts: T0 + 1, seq: 1, value: 31.23456789 }),
      T0 + 1,
    );
    ingest.handle(
      topics.crowd('hangzhou', 'test-arena', 'gate-1'),
      json({ ts: T0 + 1, seq: 1, entries: 5, exits: 1, occupancy: 4 }),
      T0 + 1,
    );
    hub.flush(T0 + 1200);
    const last = parseVenueFrames(frames).at(-1)!;
    if (last.type !== 'venue-delta') throw new Error('expected a venue delta');
    expect(last.detail).toBeUndefined();
    // A column per changing field, times in ms before the message's stamp.
    expect(last.sensors).toEqual({
      id: ['temp-1'],
      value: [31.23],
      status: ['ok'],
      tsAgoMs: [1199],
      lastSeenAgoMs: [1199],
    });
    expect(sensorRows(last.sensors!, last.at)).toEqual([
      { id: 'temp-1', value: 31.23, status: 'ok', ts: T0 + 1, lastSeen: T0 + 1 },
    ]);
    expect(last.zones).toEqual({
      id: ['gate-1'],
      occupancy: [4],
      flowInPerMin: [null],
      flowOutPerMin: [null],
      minutesToCapacity: [null],
      lastSeenAgoMs: [1199],
    });

    // A registry that changes the definition sends the whole detail again, definitions and all.
    const redefined = registry(T0 + 2, 2);
    redefined.venue.sensors = redefined.venue.sensors.map((x) => (x.id === 'temp-1' ? { ...x, unit: 'K' } : x));
    ingest.handle(topics.registry('hangzhou', 'test-arena'), json(redefined), T0 + 2);
    hub.flush(T0 + 2400);
    const again = parseVenueFrames(frames).at(-1)!;
    expect(again.type === 'venue-delta' && again.detail?.sensors.find((x) => x.id === 'temp-1')?.unit).toBe('K');
  });

  it("sends a venue page its venue's headcount at most once a second, a change of status at once", () => {
    const { hub, ingest } = setup();
    const frames: Uint8Array[] = [];
    hub.connect((f) => (frames.push(f), true), null, { kind: 'venue', venueId: 'test-arena' });
    const lives = () =>
      parseVenueFrames(frames).flatMap((m) => (m.type === 'venue-delta' && m.live ? [{ at: m.at, ...m.live }] : []));
    hub.flush(T0 + 10_000);
    const first = lives().length;
    for (let i = 1; i <= 15; i++) {
      const at = T0 + 10_000 + i * 200;
      ingest.handle(
        topics.crowd('hangzhou', 'test-arena', 'stand-1'),
        json({ ts: at, seq: i, entries: i, exits: 0, occupancy: i }),
        at,
      );
      hub.flush(at);
    }
    const sent = lives().slice(first);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(4);
    for (let k = 1; k < sent.length; k++) expect(sent[k]!.at - sent[k - 1]!.at).toBeGreaterThanOrEqual(1000);
    // The figures alone: the page has the status.
    expect(Object.keys(sent.at(-1)!).sort()).toEqual(['at', 'id', 'lastSeen', 'occupancy']);
    hub.flush(T0 + 10_000 + 16 * 200 + 1000);
    expect(lives().at(-1)!.occupancy).toBe(15);

    const at = T0 + 10_000 + 17 * 200 + 1000;
    ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), json({ ts: at, seq: 1, value: 40 }), at);
    hub.flush(at + 10);
    expect(lives().at(-1)).toMatchObject({ at: at + 10, worst: 'critical', sensorsCritical: 1 });
  });

  it('sends a venue page nothing while its venue is quiet but a heartbeat each second, with the feed state only', () => {
    const { hub, ingest } = setup();
    const other = registry(T0, 1, { ...registry().venue, id: 'other-hall', name: { en: 'Other', zh: '其他' } });
    ingest.handle(topics.registry('hangzhou', 'other-hall'), json(other), T0);
    const city: Uint8Array[] = [];
    const venue: Uint8Array[] = [];
    hub.connect((f) => (city.push(f), true));
    hub.connect((f) => (venue.push(f), true), null, { kind: 'venue', venueId: 'test-arena' });
    hub.flush(T0 + 10_000);
    const venueBefore = parseVenueFrames(venue).length;
    const cityBefore = parseFrames(city).length;
    // Two seconds of another venue's readings, five flushes a second.
    for (let i = 1; i <= 10; i++) {
      const at = T0 + 10_000 + i * 200;
      ingest.handle(
        topics.sensor('hangzhou', 'other-hall', 'temp-1'),
        json({ ts: at, seq: i, value: 20 + i / 10 }),
        at,
      );
      hub.flush(at);
    }
    expect(parseFrames(city).length - cityBefore).toBe(10);
    const quiet = parseVenueFrames(venue).slice(venueBefore);
    expect(quiet).toHaveLength(2); // heartbeats, one a second
    for (const m of quiet) {
      expect(Object.keys(m).sort()).toEqual(['at', 'feed', 'seq', 'type', 'venueId']);
      expect(m.feed).toEqual({ feedAgeMs: 0, publishersOnline: 0, simulated: false });
    }
    expect(quiet[1]!.at - quiet[0]!.at).toBe(1000);
  });

  it("resumes a venue page that holds its venue's last frame, though the city moved on", () => {
    const { hub, ingest } = setup();
    const scope = { kind: 'venue', venueId: 'test-arena' } as const;
    const ids: string[] = [];
    const client = hub.connect((f) => (ids.push(/^id: (.*)$/m.exec(decoder.decode(f))?.[1] ?? ''), true), null, scope);
    ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), json({ ts: T0, seq: 1, value: 20 }), T0);
    hub.flush(T0 + 1000);
    // Another venue's readings: the city wall gets them, the page nothing.
    const other = registry(T0, 1, { ...registry().venue, id: 'other-hall', name: { en: 'Other', zh: '其他' } });
    ingest.handle(topics.registry('hangzhou', 'other-hall'), json(other), T0);
    hub.connect(() => true);
    for (const at of [T0 + 1200, T0 + 1400]) {
      ingest.handle(topics.sensor('hangzhou', 'other-hall', 'temp-1'), json({ ts: at, seq: at, value: 20 }), at);
      hub.flush(at);
    }
    const held = ids.at(-1)!;
    expect(held).not.toBe(hub.currentEventId);
    hub.disconnect(client);
    const resumed: Uint8Array[] = [];
    hub.connect((f) => (resumed.push(f), true), held, scope);
    expect(parseVenueFrames(resumed)).toHaveLength(0);
    // A page that missed one of its venue's frames starts again from a snapshot.
    ingest.handle(
      topics.sensor('hangzhou', 'test-arena', 'temp-1'),
      json({ ts: T0 + 1500, seq: 2, value: 21 }),
      T0 + 1500,
    );
    hub.flush(T0 + 1600);
    const behind: Uint8Array[] = [];
    hub.connect((f) => (behind.push(f), true), held, scope);
    expect(parseVenueFrames(behind)[0]?.type).toBe('venue-snapshot');
  });

  it('serialises one venue delta per watched venue per flush, not per client', () => {
    const { hub, ingest } = setup();
    for (let i = 0; i < 10; i++) hub.connect(() => true, null, { kind: 'venue', venueId: 'test-arena' });
    hub.connect(() => true);
    const before = hub.stats.deltasSerialised;
    ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), json({ ts: T0 + 1, seq: 1, value: 20 }), T0 + 1);
    hub.flush(T0 + 1000);
    expect(hub.stats.deltasSerialised - before).toBe(2); // the city delta and the venue's
  });
});

describe('StreamHub alerts', () => {
  const alert = (id: number, venueId: string | null, version = 1): AlertView =>
    alertView({ id, venueId, venueName: venueId, severity: 'critical', version });
  const messages = (frames: Uint8Array[]) =>
    frames
      .map((f) => decoder.decode(f))
      .filter((t) => t.includes('data: '))
      .map((t) => JSON.parse(/^data: (.*)$/m.exec(t)![1]!) as { type: string; alerts?: AlertView[] });

  it("each scope gets the alerts it may see: the city all, a venue its own, a manager's phone only theirs", () => {
    const model = new SituationModel();
    const metrics = new IngestMetrics();
    const board = new AlertBoard();
    const hub = new StreamHub(model, metrics, {}, 'srv-a', board);
    board.apply(alert(1, 'test-arena'));
    const city: Uint8Array[] = [];
    const venue: Uint8Array[] = [];
    const phone: Uint8Array[] = [];
    hub.connect((f) => (city.push(f), true));
    hub.connect((f) => (venue.push(f), true), null, { kind: 'venue', venueId: 'other-hall' });
    hub.connect((f) => (phone.push(f), true), null, { kind: 'alerts', venues: ['test-arena'] });
    expect(messages(city)[0]?.alerts?.map((a) => a.id)).toEqual([1]);
    expect(messages(venue)[0]?.alerts).toEqual([]);
    expect(messages(phone)[0]).toMatchObject({ type: 'alerts-snapshot', alerts: [{ id: 1 }] });

    board.apply(alert(2, 'other-hall'));
    board.apply(alert(3, null));
    board.apply(alert(1, 'test-arena', 2));
    hub.flush(T0 + 1000);
    const ids = (frames: Uint8Array[]) =>
      messages(frames)
        .at(-1)
        ?.alerts?.map((a) => a.id)
        .sort();
    expect(ids(city)).toEqual([1, 2, 3]);
    expect(ids(venue)).toEqual([2]);
    expect(ids(phone)).toEqual([1]);
    expect(messages(phone).at(-1)).toMatchObject({ type: 'alerts-delta', alerts: [{ id: 1, version: 2 }] });
  });

  it('says alerts are starting until the database fills the board, then re-sends every scope and ends view-pass streams', () => {
    const model = new SituationModel();
    const board = new AlertBoard();
    const hub = new StreamHub(model, new IngestMetrics(), {}, 'srv-a', board);
    hub.awaitAlerts();
    const wall: Uint8Array[] = [];
    const phone: Uint8Array[] = [];
    let ended = 0;
    hub.connect((f) => (wall.push(f), true));
    const byPass = hub.connect(
      (f) => (phone.push(f), true),
      null,
      { kind: 'alerts', venues: null },
      {
        viewPass: true,
        end: () => ended++,
      },
    );
    expect(messages(wall)[0]).toMatchObject({ type: 'snapshot', alerts: [], alertsLoaded: false });
    expect(messages(phone)[0]).toMatchObject({ type: 'alerts-snapshot', alerts: [], alertsLoaded: false });
    const before = hub.currentEventId;

    board.load([alert(1, 'test-arena')]);
    hub.alertsAttached(T0 + 500);
    expect(messages(wall).at(-1)).toMatchObject({ type: 'snapshot', alerts: [{ id: 1 }], alertsLoaded: true });
    // The stream let in by a pass is ended (asked for its session again), not sent the board.
    expect(ended).toBe(1);
    expect(messages(phone)).toHaveLength(1);
    expect(hub.clientCount).toBe(1);
    // Reconnecting with the event id it had, it is not resumed from the empty board: a snapshot.
    const again: Uint8Array[] = [];
    hub.connect((f) => (again.push(f), true), before, byPass.scope);
    expect(messages(again)[0]).toMatchObject({ type: 'alerts-snapshot', alerts: [{ id: 1 }], alertsLoaded: true });
  });
});
