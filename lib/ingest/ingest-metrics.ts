/** Counters of the ingest path, read by /api/metrics and the KPI tiles. Plain numbers: cheap per message. */
import type { TopicKind } from '../contracts/topics';
import type { RejectReason } from '../contracts/validate';

/** Upper bounds (seconds) of the ingest lag histogram: publish ts -> folded. */
export const LAG_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export class IngestMetrics {
  readonly accepted: Record<TopicKind, number> = { registry: 0, sensor: 0, crowd: 0, incident: 0, presence: 0 };
  readonly rejected = new Map<RejectReason, number>();
  readonly lagBuckets = new Float64Array(LAG_BUCKETS_S.length + 1);
  lagSum = 0;
  lagCount = 0;
  /** Messages received (accepted or not), for the rate. */
  received = 0;
  rejectedTotal = 0;

  private rate = { at: 0, received: 0, rejected: 0, perSecond: 0, rejectedPerSecond: 0 };

  observeLag(seconds: number): void {
    const s = seconds < 0 ? 0 : seconds;
    let i = 0;
    while (i < LAG_BUCKETS_S.length && s > LAG_BUCKETS_S[i]!) i++;
    this.lagBuckets[i]!++;
    this.lagSum += s;
    this.lagCount++;
  }

  /** Refusals by authenticated publisher and reason (`publisher\0reason`); publishers come from a file, so bounded. */
  readonly rejectedByPublisher = new Map<string, number>();
  /** MQTT connections refused by the embedded broker, by reason (bad credentials, throttled...). */
  readonly authFailures = new Map<string, number>();
  /** Publishes and subscriptions the embedded broker refused, `publisher\0reason`. */
  readonly brokerRefusals = new Map<string, number>();

  reject(reason: RejectReason, publisher?: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
    this.rejectedTotal++;
    if (publisher !== undefined) bump(this.rejectedByPublisher, `${publisher}\0${reason}`);
  }

  authFailure(reason: string): void {
    bump(this.authFailures, reason);
  }

  brokerRefusal(publisher: string, reason: string): void {
    bump(this.brokerRefusals, `${publisher}\0${reason}`);
  }

  /** Messages per second over the last sampling window (call about once a second). */
  sampleRates(now: number): { perSecond: number; rejectedPerSecond: number } {
    const r = this.rate;
    if (r.at > 0 && now > r.at) {
      const dt = (now - r.at) / 1000;
      r.perSecond = (this.received - r.received) / dt;
      r.rejectedPerSecond = (this.rejectedTotal - r.rejected) / dt;
    }
    r.at = now;
    r.received = this.received;
    r.rejected = this.rejectedTotal;
    return { perSecond: r.perSecond, rejectedPerSecond: r.rejectedPerSecond };
  }

  /** The rates of the last sample, without taking a new one. */
  sampleRatesPeek(): { perSecond: number; rejectedPerSecond: number } {
    return { perSecond: this.rate.perSecond, rejectedPerSecond: this.rate.rejectedPerSecond };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
