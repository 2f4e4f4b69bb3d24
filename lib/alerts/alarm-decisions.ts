/**
 * From conditions to alarm decisions, once a pass: ISA-18.2's on-delay and off-delay,
 * chattering detection, and designed suppression of consequential alarms under their cause.
 * Pure apart from its own memory of the previous passes; the engine carries the decisions out
 * against the database. Tested on a clock the test moves (alarm-decisions.test.ts).
 */
import type { AlertConsequences, AlertType, AlertView } from '../contracts/alerts';
import {
  QUIET_MS,
  conditionKey,
  type Condition,
  type ConditionLevel,
  type Conditions,
  type RuleContext,
} from './conditions';
import type { RuleConfig } from './rule-config';

/** The window ISA-18.2 counts chattering in. */
const CHATTER_WINDOW_MS = 60_000;
/** Examples of consequences listed beneath a cause. */
const CONSEQUENCE_EXAMPLES = 5;
const CONSEQUENCES_EVERY_MS = 5000;

interface Track {
  /** Start of the condition's present unbroken run; null while absent. */
  presentSince: number | null;
  /** Start of its absent run while the alarm is active; null while present. */
  absentSince: number | null;
  lastPresentAt: number;
  level: ConditionLevel | undefined;
  offDelayMs: number;
  /** Times it was raised (or raised again) within the chattering window. */
  raises: number[];
}

/** What the engine should do this pass, in order. */
export interface Decisions {
  /** New alarms, returns of cleared ones, and severity changes of active ones. */
  raise: Condition[];
  /** Active alarms whose conditions have been gone long enough (or chattered and fell quiet). */
  clear: AlertView[];
  /** Alarms raised so often within a minute that they are to be held and silenced. */
  chattering: AlertView[];
  /** Causes whose list of consequences changed. */
  consequences: { alert: AlertView; consequences: AlertConsequences | null }[];
  /** Conditions held silent under a cause this pass. */
  suppressed: number;
}

/** The engine's view of what the database holds: an unresolved alarm per condition key. */
export interface HeldAlarms {
  get(key: string): AlertView | undefined;
  entries(): Iterable<[string, AlertView]>;
}

const sameConsequences = (a: AlertConsequences | null, b: AlertConsequences | null) =>
  JSON.stringify(a) === JSON.stringify(b);

export class AlarmDecider implements RuleContext {
  private readonly tracks = new Map<string, Track>();
  feedResumedAt = 0;
  readonly venueResumedAt = new Map<string, number>();
  private feedWasFresh = false;
  private silentBefore = new Set<string>();
  private readonly listedAt = new Map<number, number>();

  constructor(private readonly rules: RuleConfig) {}

  heldLevel(key: string): ConditionLevel | undefined {
    const t = this.tracks.get(key);
    return t && t.absentSince === null && t.presentSince !== null ? t.level : undefined;
  }

  /** Notes when the whole feed comes back from silence, before the rules run: its silence explains every other. */
  observeFeed(lastAcceptedAt: number, now: number): void {
    const fresh = lastAcceptedAt !== 0 && now - lastAcceptedAt <= QUIET_MS;
    if (fresh && !this.feedWasFresh) this.feedResumedAt = now;
    this.feedWasFresh = fresh;
  }

  /**
   * `aside`: whether a person has put this condition aside (its alarm shelved, or its source
   * out of service): it is neither raised nor raised again meanwhile; whatever else happens, it
   * touches nothing of any other source.
   */
  decide(
    c: Conditions,
    held: HeldAlarms,
    now: number,
    aside: (key: string, source: string) => boolean = () => false,
  ): Decisions {
    const out: Decisions = { raise: [], clear: [], chattering: [], consequences: [], suppressed: 0 };
    // A venue that speaks again: its sensors' silence until now was its own (from the next pass).
    if (c.feedFresh) {
      for (const id of this.silentBefore) if (!c.silentVenues.has(id)) this.venueResumedAt.set(id, now);
      this.silentBefore = new Set(c.silentVenues);
    }
    const releaseMs = this.rules.consequences.releaseSeconds * 1000;
    const chatter = this.rules.chattering;

    // Which present conditions a cause explains, and under which cause's alarm they are listed.
    const beneath = new Map<string, Condition[]>();
    const isSuppressed = (cond: Condition): boolean => {
      let silenced = false;
      for (const causeKey of cond.causes) {
        const causePresent = c.present.has(causeKey);
        const recent = (this.tracks.get(causeKey)?.lastPresentAt ?? -Infinity) >= now - releaseMs;
        if (!causePresent && !recent) continue;
        silenced = true;
        if (held.get(causeKey)) {
          const list = beneath.get(causeKey) ?? [];
          list.push(cond);
          beneath.set(causeKey, list);
          break;
        }
      }
      return silenced;
    };

    for (const [key, cond] of c.present) {
      const t = this.track(key);
      t.presentSince ??= now;
      t.absentSince = null;
      t.lastPresentAt = now;
      t.offDelayMs = cond.offDelayMs;
      const alarm = held.get(key);
      const active = alarm !== undefined && alarm.clearedAt === null;
      if (aside(key, cond.source)) {
        if (active) t.level = cond.level;
        continue;
      }
      if (active) {
        t.level = cond.level;
        if (alarm.severity !== cond.severity && alarm.chatteringSince === null) out.raise.push(cond);
        continue;
      }
      if (isSuppressed(cond)) {
        out.suppressed++;
        continue;
      }
      if (now - t.presentSince < cond.onDelayMs) continue;
      t.level = cond.level;
      t.raises = t.raises.filter((at) => at > now - CHATTER_WINDOW_MS);
      t.raises.push(now);
      out.raise.push(cond);
      // The raise that makes it chatter is the last one that sounds: the engine holds it active and silent.
      if (alarm && t.raises.length >= chatter.raisesPerMinute) out.chattering.push(alarm);
    }

    for (const [key, alarm] of held.entries()) {
      if (alarm.clearedAt !== null || c.present.has(key)) continue;
      // On old data nothing is known to have ended: not while the feed or the alarm's venue is silent.
      if (!c.feedFresh && alarm.type !== 'feed_stale') continue;
      if (alarm.venueId !== null && c.silentVenues.has(alarm.venueId) && alarm.type !== 'venue_silent') continue;
      const t = this.track(key);
      t.presentSince = null;
      t.level = undefined;
      t.absentSince ??= now;
      const gone = now - t.absentSince;
      const wait = alarm.chatteringSince !== null ? chatter.quietMinutesToRelease * 60_000 : t.offDelayMs;
      if (gone >= wait) out.clear.push(alarm);
    }

    for (const [key, t] of this.tracks) {
      if (c.present.has(key)) continue;
      t.presentSince = null;
      if (!held.get(key)) t.level = undefined;
      // Forget what is long gone and holds no alarm.
      if (!held.get(key) && now - t.lastPresentAt > Math.max(releaseMs, CHATTER_WINDOW_MS)) this.tracks.delete(key);
    }

    // The causes' lists, where they changed.
    const heldIds = new Set<number>();
    for (const [, a] of held.entries()) heldIds.add(a.id);
    for (const id of this.listedAt.keys()) if (!heldIds.has(id)) this.listedAt.delete(id);
    for (const [key, alarm] of held.entries()) {
      let next: AlertConsequences | null = null;
      if (key === conditionKey('feed_stale', 'feed') && alarm.clearedAt === null && c.venuesWithoutData > 0) {
        next = { count: c.venuesWithoutData, byType: { venue_silent: c.venuesWithoutData }, examples: [] };
      } else {
        const list = beneath.get(key);
        if (list) next = summarise(list);
      }
      // A cause keeps the last list it had, once its consequences are gone: it says what it explained.
      if (next === null || sameConsequences(alarm.consequences, next)) continue;
      // Counts settle over a few passes (sensors fall silent at their own intervals): write at most every few seconds.
      const last = this.listedAt.get(alarm.id) ?? -Infinity;
      if (alarm.consequences !== null && now - last < CONSEQUENCES_EVERY_MS) continue;
      this.listedAt.set(alarm.id, now);
      out.consequences.push({ alert: alarm, consequences: next });
    }
    return out;
  }

  private track(key: string): Track {
    let t = this.tracks.get(key);
    if (!t) {
      t = {
        presentSince: null,
        absentSince: null,
        lastPresentAt: -Infinity,
        level: undefined,
        offDelayMs: 0,
        raises: [],
      };
      this.tracks.set(key, t);
    }
    return t;
  }
}

function summarise(list: Condition[]): AlertConsequences {
  const byType: Partial<Record<AlertType, number>> = {};
  for (const c of list) byType[c.type] = (byType[c.type] ?? 0) + 1;
  return {
    count: list.length,
    byType,
    examples: list.slice(0, CONSEQUENCE_EXAMPLES).map((c) => ({ type: c.type, source: c.source, message: c.message })),
  };
}
