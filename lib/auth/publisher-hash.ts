/**
 * Password hashes for MQTT publishers, in Mosquitto's own `password_file` format
 * (`$7$iterations$salt$hash`: PBKDF2-HMAC-SHA512, base64), so that one publishers file
 * serves the embedded broker and a site's Mosquitto alike (`npm run mosquitto-config`).
 * People's passwords (config/users.json) use scrypt; no broker has to read those.
 */
import 'server-only';
import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** OWASP's figure for PBKDF2-HMAC-SHA512 (2023); Mosquitto reads the count from the hash. */
export const PUBLISHER_HASH_ITERATIONS = 210_000;
const KEY_BYTES = 64;
const SALT_BYTES = 12;
export const PUBLISHER_HASH_PATTERN = '^\\$7\\$[0-9]{1,7}\\$[A-Za-z0-9+/=]{8,64}\\$[A-Za-z0-9+/=]{86,88}$';

export function hashPublisherPassword(password: string, iterations = PUBLISHER_HASH_ITERATIONS): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = pbkdf2Sync(password, salt, iterations, KEY_BYTES, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Checks a password against a stored hash off the main thread (PBKDF2 at 210,000 rounds takes
 * a tenth of a second or more: on the event loop it would stall every stream while it ran).
 */
export async function verifyPublisherPassword(password: string, stored: string): Promise<boolean> {
  const [empty, scheme, iterations, salt, hash] = stored.split('$');
  const n = Number(iterations);
  if (empty !== '' || scheme !== '7' || !Number.isInteger(n) || n < 1 || n > 10_000_000 || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const actual = await pbkdf2Async(password, Buffer.from(salt, 'base64'), n, expected.length, 'sha512');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
