/**
 * The embedded broker's doors: who may connect (the publishers file), what each may
 * publish and subscribe to (lib/ingest/publishers), counted and logged by identity and
 * reason. Anonymous connections are refused.
 */
import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import type { AuthenticateError, Client, PublishPacket, Subscription } from 'aedes';
import { verifyPublisherPassword } from '../auth/publisher-hash';
import { RateLimiter } from '../auth/rate-limit';
import type { IngestMetrics } from './ingest-metrics';
import { maySubscribe, publishRefusal, type Publisher, type PublishRefusal, type Publishers } from './publishers';
import type { RateLimitedLog } from './rate-limited-log';
import type { VenueCatalogue } from './venue-catalogue';

/** Failed connects per address a minute before that address is refused without a password check. */
const FAILED_CONNECTS_PER_MINUTE = 20;
/** Publish verdicts remembered, by publisher, retain flag and topic. */
const VERDICT_CACHE_SIZE = 100_000;

export interface BrokerAuth {
  authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void;
  authorizePublish(client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void): void;
  authorizeSubscribe(
    client: Client,
    sub: Subscription,
    done: (error: Error | null, subscription?: Subscription | null) => void,
  ): void;
  /** The publisher a connected client authenticated as. */
  publisherOf(client: Client | undefined): string | undefined;
}

const IDENTITY = Symbol('vcc.publisher');
/** Stands in for a name nobody has, so that it is refused after the same work as a wrong password. */
const UNKNOWN: Publisher = {
  id: '\0unknown',
  passwordHash: `$7$210000$${'A'.repeat(16)}$${'A'.repeat(86)}==`,
};
type IdentifiedClient = Client & { [IDENTITY]?: Publisher };

function addressOf(client: Client): string {
  const conn = client.conn as Partial<Socket> | undefined;
  return conn?.remoteAddress ?? client.req?.socket?.remoteAddress ?? 'unknown';
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

function refused(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export function createBrokerAuth(
  publishers: Publishers,
  catalogue: VenueCatalogue,
  metrics: IngestMetrics,
  log: RateLimitedLog,
): BrokerAuth {
  // PBKDF2 is slow on purpose; a publisher that reconnects with the same secret is checked
  // against the digest of its last good password instead (one entry per publisher: bounded).
  const verified = new Map<string, Buffer>();
  const failures = new RateLimiter(FAILED_CONNECTS_PER_MINUTE, 60_000);
  // Per message on the hot path: a feed repeats the same few thousand topics per publisher,
  // so each verdict is worked out once. Cleared when full: bounded under junk topics.
  const verdicts = new Map<string, PublishRefusal | null>();

  /** The cheap check: this publisher's last good password, by digest. */
  function knownGood(p: Publisher | undefined, password: Buffer): boolean {
    const known = p && verified.get(p.id);
    return known !== undefined && timingSafeEqual(known, sha256(password));
  }

  async function checkPassword(p: Publisher, password: Buffer): Promise<boolean> {
    if (knownGood(p, password)) return true;
    if (!(await verifyPublisherPassword(password.toString('utf8'), p.passwordHash))) return false;
    verified.set(p.id, sha256(password));
    return true;
  }

  const fail = (reason: string, who: string, address: string) => {
    metrics.authFailure(reason);
    log.log(`auth:${reason}`, `[mqtt] refused connection as '${who.slice(0, 64)}' from ${address}: ${reason}`);
  };

  return {
    authenticate(client, username, password, done) {
      const address = addressOf(client);
      // A flood of bad connects from an address (a NAT a real publisher may share) costs no more
      // PBKDF2; a publisher reconnecting with the password it last proved still gets in.
      const throttled = failures.peek(address) >= FAILED_CONNECTS_PER_MINUTE;
      if (throttled && !(username && password && knownGood(publishers.get(username), password))) {
        fail('throttled', username ?? '', address);
        return done(refused('too many failed connections from this address', 5), false);
      }
      if (!username || !password) {
        failures.take(address, Date.now());
        fail('anonymous', '', address);
        // [MQTT-3.2.2-3] 4: bad user name or password; 5: not authorised.
        return done(refused('a user name and password are required', 4), false);
      }
      const publisher = publishers.get(username);
      // An unknown name costs the same check as a wrong password, against a hash of nothing.
      void checkPassword(publisher ?? UNKNOWN, password).then(
        (ok) => {
          if (!publisher || !ok) {
            failures.take(address, Date.now());
            fail('bad_credentials', username, address);
            return done(refused('bad user name or password', 4), false);
          }
          (client as IdentifiedClient)[IDENTITY] = publisher;
          done(null, true);
        },
        () => done(refused('bad user name or password', 4), false),
      );
    },

    authorizePublish(client, packet, done) {
      // Wills re-published from persistence after a restart come without a client: nobody to vouch for them.
      const publisher = (client as IdentifiedClient | null)?.[IDENTITY];
      if (!publisher) return done(new Error('no identity'));
      const key = `${publisher.id}\0${packet.retain ? 'r' : '-'}${packet.topic}`;
      let why = verdicts.get(key);
      if (why === undefined) {
        why = publishRefusal(publisher, packet.topic, packet.retain, catalogue);
        if (verdicts.size >= VERDICT_CACHE_SIZE) verdicts.clear();
        verdicts.set(key, why);
      }
      if (why === null) return done(null);
      metrics.brokerRefusal(publisher.id, why);
      log.log(
        `publish:${publisher.id}:${why}`,
        `[mqtt] refused publish by '${publisher.id}' on '${packet.topic.slice(0, 200)}': ${why}`,
      );
      // MQTT 3.1.1 has no negative PUBACK: the connection is closed ([MQTT-3.3.5-2] allows it).
      done(new Error(`not authorised: ${why}`));
    },

    authorizeSubscribe(client, sub, done) {
      const publisher = (client as IdentifiedClient | null)?.[IDENTITY];
      if (publisher && maySubscribe(publisher, sub.topic)) return done(null, sub);
      const who = publisher?.id ?? 'unknown';
      metrics.brokerRefusal(who, 'subscribe_not_allowed');
      log.log(`subscribe:${who}`, `[mqtt] refused subscription by '${who}' to '${sub.topic.slice(0, 200)}'`);
      // A null subscription is granted as 0x80 (failure) [MQTT-3.9.3-2]; the client stays connected.
      done(null, null);
    },

    publisherOf(client) {
      return (client as IdentifiedClient | undefined)?.[IDENTITY]?.id;
    },
  };
}
