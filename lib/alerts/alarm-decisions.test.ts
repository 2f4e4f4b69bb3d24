/**
 * The alarm decisions on a clock the test moves, over a real situation model: on-delay,
 * off-delay and deadband, chattering, and consequences held beneath their cause. The alarms
 * the decisions make are kept here as the repository would keep them (raise, count up, clear).
 */
import { describe, expect, it } from 'vitest';
import type { AlertConsequences, AlertView } from '../contracts/alerts';
import { SituationModel } from '../ingest/situation-model';
import { alertView, registry, T0, venueDef } from '../testing/fixtures';
import { AlarmDecider } from './alarm-decisions';
import { conditionKey, evaluateConditions } from './conditions';
import { parseRuleConfig, readRuleConfig, type RuleConfig } from './rule-config';

const shipped = readRuleConfig('config/alert-rules.json');
const S = 1000;

/** One venue with an uplink sensor besides the fixture's, and a second venue that keeps the feed going. */
function world(): SituationModel {
  const m = new SituationModel();
  const def = venueDef();
  def.sensors.push({
    id: 'uplink-1-latency',
    kind: 'net_latency',
    unit: 'ms',
    intervalMs: 5000,
    thresholds: { warnHigh: 80, critHigh: 200 },
  });
  m.applyRegistry('hangzhou', 'test-arena', registry(T0, 1, def), T0);
  m.applyRegistry(
    'hangzhou',
    'other-arena',
    registry(T0, 1, venueDef({ id: 'other-arena', name: { en: 'Other Arena', zh: '其他馆' } })),
    T0,
  );
  return m;
}

class Alarms {
  readonly model = world();
  readonly decider: AlarmDecider;
  readonly byKey = new Map<string, AlertView>();
  /** Every raise and return, in order: what would have sounded. */
  readonly sounded: string[] = [];
  private id = 0;
  private seq = 0;
  now = T0;

  constructor(readonly rules: RuleConfig = shipped) {
    this.decider = new AlarmDecider(rules);
  }

  /** A reading as the feed would send it, at the current time. */
  read(venue: string, sensor: string, value: number): void {
    expect(this.model.applySensor('hangzhou', venue, sensor, { ts: this.now, seq: ++this.seq, value }, this.now)).toBe(
      null,
    );
  }

  incident(venue: string, id: string, kind: 'power_fault' | 'broadcast_signal_loss', state: 'open' | 'cleared') {
    const sensorId = kind === 'power_fault' ? 'ups-1' : 'bc-1';
    const p = { ts: this.now, seq: ++this.seq, kind, severity: 'critical' as const, state, title: `${kind}`, sensorId };
    expect(this.model.applyIncident('hangzhou', venue, id, p, this.now)).toBe(null);
  }

  /** What each sensor reads now, by `venue/sensor`; the healthy defaults until a test says otherwise. */
  readonly values = new Map<string, number>();
  /** Venues that send nothing (their link is down). */
  readonly silent = new Set<string>();

  /** The whole feed as it normally is: every sensor of every venue speaking at its interval. */
  healthy = (): void => {
    for (const v of this.model.venues.values()) {
      if (this.silent.has(v.id)) continue;
      for (const s of v.sensors.values()) {
        if ((this.now - T0) % s.def.intervalMs !== 0) continue;
        const value = this.values.get(`${v.id}/${s.def.id}`) ?? HEALTHY[s.def.kind]!;
        // NaN: this sensor has stopped.
        if (!Number.isNaN(value)) this.read(v.id, s.def.id, value);
      }
      // Crowd counts come every second: a venue that reports is never quiet for long.
      const z = { ts: this.now, seq: ++this.seq, entries: 10, exits: 0, occupancy: 10 };
      this.model.applyCrowd('hangzhou', v.id, 'stand-1', z, this.now);
    }
  };

  /** Moves the clock second by second, the feed going on as `feed` says, one pass a second. */
  run(seconds: number, feed: () => void = this.healthy): void {
    for (let i = 0; i < seconds; i++) {
      this.now += S;
      feed();
      this.model.sweep(this.now);
      this.pass();
    }
  }

  pass(): void {
    this.decider.observeFeed(this.model.lastAcceptedAt, this.now);
    const c = evaluateConditions(this.model, this.rules, this.now, this.decider);
    const d = this.decider.decide(c, this.byKey, this.now);
    for (const cond of d.raise) {
      const key = conditionKey(cond.type, cond.source);
      const held = this.byKey.get(key);
      if (held && held.clearedAt === null) {
        this.byKey.set(key, { ...held, severity: cond.severity });
        continue;
      }
      this.sounded.push(key);
      this.byKey.set(
        key,
        held
          ? { ...held, count: held.count + 1, clearedAt: null }
          : alertView({ id: ++this.id, ...cond, message: cond.message, raisedAt: this.now }),
      );
    }
    for (const a of d.chattering) this.patch(a, { chatteringSince: this.now });
    for (const a of d.clear) this.patch(a, { clearedAt: this.now, chatteringSince: null });
    for (const { alert, consequences } of d.consequences) this.patch(alert, { consequences });
  }

  private patch(a: AlertView, change: Partial<AlertView>): void {
    const key = conditionKey(a.type, a.source);
    this.byKey.set(key, { ...this.byKey.get(key)!, ...change });
  }

  get(type: AlertView['type'], source: string): AlertView | undefined {
    return this.byKey.get(conditionKey(type, source));
  }
}

const LATENCY = 'sensor:test-arena/uplink-1-latency';
const HEALTHY: Partial<Record<string, number>> = { temperature: 22, ups: 0, broadcast: 99, net_latency: 15 };

describe('alarm decisions', () => {
  const latency = (a: Alarms, ms: number) => a.values.set('test-arena/uplink-1-latency', ms);

  it('on-delay: a one-reading spike past a limit raises nothing; a held one raises once, after the delay', () => {
    const a = new Alarms();
    a.run(30);
    latency(a, 240);
    a.run(5);
    latency(a, 15);
    a.run(30);
    expect(a.sounded).toEqual([]);
    latency(a, 240);
    a.run(shipped.sensorThreshold.onDelaySeconds - 1);
    expect(a.sounded).toEqual([]);
    // The next reading (every 5 s) starts the delay: raised within one interval of it.
    a.run(10);
    expect(a.sounded).toEqual([conditionKey('sensor_threshold', LATENCY)]);
    // The alarm says the value and the limit; its severity is the rules' (minor), never "critical" in words.
    expect(a.get('sensor_threshold', LATENCY)).toMatchObject({
      severity: 'minor',
      title: 'Uplink latency uplink-1-latency at 240 ms, above 200 ms',
      message: { key: 'alarm.sensorHigh', params: { value: 240, limit: 200, unit: 'ms' } },
    });
  });

  it('deadband and off-delay: a value hovering at its limit raises once and clears once, well below it', () => {
    const a = new Alarms();
    a.run(30);
    latency(a, 210);
    a.run(20);
    expect(a.sounded).toHaveLength(1);
    const hovering = [204, 197, 203, 195, 201, 196, 205, 193];
    for (let i = 0; i < hovering.length * 4; i++) {
      latency(a, hovering[i % hovering.length]!);
      a.run(5);
    }
    expect(a.sounded).toHaveLength(1);
    expect(a.get('sensor_threshold', LATENCY)?.clearedAt).toBeNull();
    // Below the band (200 - 5%) but only briefly: the off-delay holds it.
    latency(a, 150);
    a.run(15);
    latency(a, 205);
    a.run(5);
    expect(a.get('sensor_threshold', LATENCY)?.clearedAt).toBeNull();
    latency(a, 150);
    a.run(shipped.sensorThreshold.offDelaySeconds + 5);
    expect(a.get('sensor_threshold', LATENCY)?.clearedAt).not.toBeNull();
    expect(a.sounded).toHaveLength(1);
  });

  it('chattering: the third raise within a minute is the last that sounds; it is held until quiet', () => {
    // A rule with no delays (the feed's incidents) can chatter; a feed toggling one incident does.
    const a = new Alarms();
    a.run(30);
    const key = conditionKey('it_power_fault', 'it:test-arena/ups-1');
    for (let n = 0; n < 5; n++) {
      a.incident('test-arena', 'inc-1', 'power_fault', n % 2 === 0 ? 'open' : 'cleared');
      a.run(8);
    }
    // Raised, cleared, raised, cleared, raised: the third raise makes it chatter.
    expect(a.sounded).toEqual([key, key, key]);
    expect(a.byKey.get(key)).toMatchObject({ clearedAt: null });
    expect(a.byKey.get(key)?.chatteringSince).not.toBeNull();
    // It goes on toggling for minutes: nothing more sounds, and it stays active and marked.
    for (let n = 0; n < 20; n++) {
      a.incident('test-arena', 'inc-1', 'power_fault', n % 2 === 0 ? 'cleared' : 'open');
      a.run(8);
    }
    expect(a.sounded).toHaveLength(3);
    expect(a.byKey.get(key)).toMatchObject({ clearedAt: null });
    // Quiet (cleared) for the configured minutes: it clears, and the mark goes with it.
    a.incident('test-arena', 'inc-1', 'power_fault', 'cleared');
    a.run(shipped.chattering.quietMinutesToRelease * 60 - 5);
    expect(a.byKey.get(key)?.clearedAt).toBeNull();
    a.run(10);
    expect(a.byKey.get(key)).toMatchObject({ chatteringSince: null });
    expect(a.byKey.get(key)?.clearedAt).not.toBeNull();
    expect(a.sounded).toHaveLength(3);
  });

  it('a power loss: one alarm, the UPS on battery held silent beneath it', () => {
    const a = new Alarms();
    a.run(30);
    a.incident('test-arena', 'inc-7', 'power_fault', 'open');
    a.values.set('test-arena/ups-1', 1);
    a.run(120);
    expect(a.sounded).toEqual([conditionKey('it_power_fault', 'it:test-arena/ups-1')]);
    const cause = a.get('it_power_fault', 'it:test-arena/ups-1')!;
    expect(cause.consequences).toMatchObject<Partial<AlertConsequences>>({
      count: 1,
      byType: { sensor_threshold: 1 },
    });
    expect(cause.consequences?.examples[0]).toMatchObject({ source: 'sensor:test-arena/ups-1' });
    // Power back: the incident clears, the UPS returns to mains a little later, within the release time.
    a.incident('test-arena', 'inc-7', 'power_fault', 'cleared');
    a.run(20);
    a.values.set('test-arena/ups-1', 0);
    a.run(120);
    expect(a.sounded, a.sounded.join()).toHaveLength(1);
  });

  it('the UPS on battery with no power incident to explain it sounds, after its on-delay', () => {
    const a = new Alarms();
    a.run(30);
    a.values.set('test-arena/ups-1', 1);
    a.run(10 + shipped.sensorThreshold.onDelaySeconds);
    expect(a.sounded).toEqual([conditionKey('sensor_threshold', 'sensor:test-arena/ups-1')]);
    expect(a.get('sensor_threshold', 'sensor:test-arena/ups-1')).toMatchObject({
      severity: 'major',
      message: { key: 'alarm.sensorState', params: { kind: 'ups', sensor: 'ups-1', state: 'ups.1' } },
    });
  });

  it('a broadcast loss: the signal sensor is held beneath the incident', () => {
    const a = new Alarms();
    a.run(30);
    a.incident('test-arena', 'inc-9', 'broadcast_signal_loss', 'open');
    a.values.set('test-arena/bc-1', 0);
    a.run(90);
    expect(a.sounded).toEqual([conditionKey('it_broadcast_signal_loss', 'it:test-arena/bc-1')]);
    expect(a.get('it_broadcast_signal_loss', 'it:test-arena/bc-1')?.consequences?.count).toBe(1);
  });

  it('a silent venue: one alarm for the venue, its sensors beneath it, and none as it comes back', () => {
    const a = new Alarms();
    a.run(60);
    a.silent.add('test-arena');
    a.run(120);
    expect(a.sounded).toEqual([conditionKey('venue_silent', 'venue:test-arena')]);
    // Back: sensors report at their own intervals; none of them is called offline meanwhile.
    a.silent.delete('test-arena');
    a.run(180);
    expect(a.sounded).toEqual([conditionKey('venue_silent', 'venue:test-arena')]);
    expect(a.get('venue_silent', 'venue:test-arena')?.clearedAt).not.toBeNull();
  });

  it('a 70 s pause of the whole feed: one alarm (the feed), then nothing as it settles', () => {
    const a = new Alarms();
    a.run(60);
    a.run(70, () => {});
    expect(a.sounded).toEqual([conditionKey('feed_stale', 'feed')]);
    expect(a.get('feed_stale', 'feed')?.consequences).toMatchObject({ count: 2, byType: { venue_silent: 2 } });
    a.run(240);
    expect(a.sounded).toEqual([conditionKey('feed_stale', 'feed')]);
    expect(a.get('feed_stale', 'feed')?.clearedAt).not.toBeNull();
  });

  it('a sensor that stops on its own, in a venue that goes on, is called offline after its delay', () => {
    const a = new Alarms();
    a.run(60);
    const withoutUps = () => {
      a.values.set('test-arena/ups-1', NaN);
      a.healthy();
    };
    // Three missed intervals (30 s) make it offline; the rule waits its on-delay beyond that.
    a.run(30 + shipped.sensorOffline.onDelaySeconds - 5, withoutUps);
    expect(a.sounded).toEqual([]);
    a.run(15, withoutUps);
    expect(a.sounded).toEqual([conditionKey('sensor_offline', 'sensor:test-arena/ups-1')]);
  });

  it('the rules file states every delay: one without them is refused with the reason', () => {
    const noDelay: Partial<RuleConfig['sensorThreshold']> = { ...shipped.sensorThreshold };
    delete noDelay.onDelaySeconds;
    expect(() => parseRuleConfig({ ...shipped, sensorThreshold: noDelay }, 'r.json')).toThrow(
      /r\.json: \/sensorThreshold\/onDelaySeconds/,
    );
  });
});
