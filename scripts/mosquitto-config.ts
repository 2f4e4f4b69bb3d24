/**
 * `npm run mosquitto-config -- --out DIR [--prefix P/]`: a Mosquitto `password_file` and
 * `acl_file` from the same publishers file the embedded broker reads (PUBLISHERS_FILE,
 * VENUES_FILE), so a site broker enforces the same identities and venues. Include them in
 * mosquitto.conf with `password_file DIR/password_file`, `acl_file DIR/acl_file` and
 * `allow_anonymous false` (docs/security.md).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mosquittoAcl, mosquittoPasswords } from '../lib/ingest/mosquitto-acl';
import { DEFAULT_PUBLISHERS_FILE, readPublishers } from '../lib/ingest/publishers';
import { DEFAULT_VENUES_FILE, readVenueCatalogue } from '../lib/ingest/venue-catalogue';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    prefix: { type: 'string', default: process.env.MQTT_TOPIC_PREFIX ?? '' },
    publishers: { type: 'string', default: process.env.PUBLISHERS_FILE ?? DEFAULT_PUBLISHERS_FILE },
    venues: { type: 'string', default: process.env.VENUES_FILE ?? DEFAULT_VENUES_FILE },
  },
});
if (!values.out) {
  console.error('usage: npm run mosquitto-config -- --out DIR [--prefix P/] [--publishers FILE] [--venues FILE]');
  process.exit(2);
}
const prefix = values.prefix!;
if (prefix && (!prefix.endsWith('/') || /[#+]/.test(prefix))) {
  console.error(`--prefix must end with '/' and contain no wildcards, got '${prefix}'`);
  process.exit(2);
}
const catalogue = readVenueCatalogue(values.venues);
const publishers = readPublishers(values.publishers!, catalogue);
mkdirSync(values.out, { recursive: true });
const passwordFile = path.join(values.out, 'password_file');
const aclFile = path.join(values.out, 'acl_file');
writeFileSync(passwordFile, mosquittoPasswords(publishers));
// Hashes only, but still nobody else's business.
chmodSync(passwordFile, 0o600);
writeFileSync(aclFile, mosquittoAcl(publishers, catalogue, prefix, values.publishers!));
console.log(`${passwordFile}, ${aclFile}: ${publishers.size} publishers, ${catalogue.size} venues`);
