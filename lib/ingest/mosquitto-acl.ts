/**
 * The publishers file as Mosquitto understands it: `password_file` lines (`id:$7$…`, the
 * hash as stored) and an `acl_file` that grants each identity what publishRefusal and
 * maySubscribe grant on the embedded broker, topic by topic. What an ACL cannot say
 * (telemetry never retained) the server's ingest still refuses on arrival.
 */
import 'server-only';
import { SCENARIO_TOPIC, TOPIC_ROOT } from '../contracts/topics';
import { publishesFor, type Publishers } from './publishers';
import type { VenueCatalogue } from './venue-catalogue';

export function mosquittoPasswords(publishers: Publishers): string {
  return [...publishers.values()].map((p) => `${p.id}:${p.passwordHash}\n`).join('');
}

export function mosquittoAcl(
  publishers: Publishers,
  catalogue: VenueCatalogue,
  prefix: string,
  source: string,
): string {
  const out = [
    `# Written by npm run mosquitto-config from ${source}; edit that file and run it again.`,
    '# Anything not granted here is refused (Mosquitto denies by default once an acl_file is set).',
    '',
  ];
  for (const p of publishers.values()) {
    out.push(`user ${p.id}`);
    // Its own presence, as message and as last will.
    out.push(`topic write ${prefix}${TOPIC_ROOT}/presence/${p.id}`);
    for (const [venueId, cityId] of catalogue) {
      if (!publishesFor(p, venueId)) continue;
      const venue = `${prefix}${TOPIC_ROOT}/${cityId}/${venueId}`;
      for (const kind of ['sensor', 'crowd', 'incident']) out.push(`topic write ${venue}/${kind}/+`);
      if (p.registry) out.push(`topic write ${venue}/registry`);
    }
    if (p.read) out.push(`topic read ${prefix}${TOPIC_ROOT}/#`);
    if (p.simulator) out.push(`topic readwrite ${prefix}${SCENARIO_TOPIC}`);
    out.push('');
  }
  return out.join('\n');
}
