import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPublisherPassword, verifyPublisherPassword } from '../auth/publisher-hash';
import { SCENARIO_TOPIC, topics } from '../contracts/topics';
import { VENUES } from '../../telemetry-sim/venues';
import {
  DEMO_READER,
  DEMO_SIM_PASSWORD,
  DEMO_SIM_USERNAME,
  DEMO_VENUE_PUBLISHER,
} from '../../telemetry-sim/demo-credentials';
import { maySubscribe, parsePublishers, publishRefusal, readPublishers, type Publisher } from './publishers';
import { parseVenueCatalogue, readVenueCatalogue } from './venue-catalogue';

const catalogue = readVenueCatalogue();
const demo = readPublishers('config/publishers.json', catalogue);
const sim = demo.get(DEMO_SIM_USERNAME)!;
const binjiang = demo.get(DEMO_VENUE_PUBLISHER.username)!;
const reader = demo.get(DEMO_READER.username)!;
const telemetryOnly: Publisher = { ...binjiang, id: 'binjiang-sensors', registry: false };

const BJ = 'binjiang-gymnasium';
const OLY = 'hz-olympic-stadium';

describe('publisher passwords', () => {
  it("verify in Mosquitto's own $7$ format, salted, and nothing else", async () => {
    const h = hashPublisherPassword('s3cret', 1000);
    expect(h).toMatch(/^\$7\$1000\$[^$]+\$[^$]+$/);
    expect(await verifyPublisherPassword('s3cret', h)).toBe(true);
    expect(await verifyPublisherPassword('s3cret!', h)).toBe(false);
    expect(hashPublisherPassword('s3cret', 1000)).not.toBe(h);
    for (const bad of ['', '$6$abc$def', 'scrypt$16384$8$1$a$b', '$7$0$a$b', '$7$99999999$a$b']) {
      expect(await verifyPublisherPassword('s3cret', bad), bad).toBe(false);
    }
  });

  it('the demo credentials match the demo publishers file', async () => {
    expect(await verifyPublisherPassword(DEMO_SIM_PASSWORD, sim.passwordHash)).toBe(true);
    expect(await verifyPublisherPassword(DEMO_VENUE_PUBLISHER.password, binjiang.passwordHash)).toBe(true);
    expect(await verifyPublisherPassword(DEMO_READER.password, reader.passwordHash)).toBe(true);
  });

  it('a hash Mosquitto wrote verifies here', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'vcc-pw-')), 'pw');
    writeFileSync(file, '');
    execFileSync('mosquitto_passwd', ['-b', '-I', '1000', file, 'alice', 'wonderland']);
    const stored = readFileSync(file, 'utf8').trim().split(':')[1]!;
    expect(await verifyPublisherPassword('wonderland', stored)).toBe(true);
  });
});

describe('what a publisher may publish', () => {
  const t = (venueId: string) => VENUES.find((v) => v.id === venueId)!;
  const sensor = (venueId: string) => topics.sensor(t(venueId).cityId, venueId, 'temp-1');
  const registry = (venueId: string) => topics.registry(t(venueId).cityId, venueId);

  it("a venue's publisher: its own venue's telemetry and registry, nobody else's", () => {
    expect(publishRefusal(binjiang, sensor(BJ), false, catalogue)).toBeNull();
    expect(publishRefusal(binjiang, topics.crowd('hangzhou', BJ, 'gate-1'), false, catalogue)).toBeNull();
    expect(publishRefusal(binjiang, registry(BJ), true, catalogue)).toBeNull();
    expect(publishRefusal(binjiang, sensor(OLY), false, catalogue)).toBe('not_your_venue');
    expect(publishRefusal(binjiang, registry(OLY), true, catalogue)).toBe('not_your_venue');
    expect(publishRefusal(binjiang, topics.incident('hangzhou', OLY, 'it-1'), false, catalogue)).toBe('not_your_venue');
  });

  it('registries and retained deletes only for those allowed them; telemetry never retained', () => {
    expect(publishRefusal(telemetryOnly, registry(BJ), true, catalogue)).toBe('registry_not_allowed');
    expect(publishRefusal(telemetryOnly, sensor(BJ), false, catalogue)).toBeNull();
    expect(publishRefusal(binjiang, sensor(BJ), true, catalogue)).toBe('retain_not_allowed');
  });

  it('unknown venues and cities, and a venue named under another city, are refused', () => {
    expect(publishRefusal(sim, topics.registry('atlantis', 'atlantis-arena'), true, catalogue)).toBe('unknown_venue');
    expect(publishRefusal(sim, topics.registry('hangzhou', 'atlantis-arena'), true, catalogue)).toBe('unknown_venue');
    expect(publishRefusal(sim, topics.registry('ningbo', BJ), true, catalogue)).toBe('unknown_venue');
  });

  it('presence only as itself', () => {
    expect(publishRefusal(binjiang, topics.presence('binjiang-ops'), true, catalogue)).toBeNull();
    expect(publishRefusal(binjiang, topics.presence('binjiang-ops-2'), true, catalogue)).toBe('not_your_presence');
    expect(publishRefusal(binjiang, topics.presence('telemetry-sim'), true, catalogue)).toBe('not_your_presence');
    expect(publishRefusal(binjiang, topics.presence('binjiang-opsx'), true, catalogue)).toBe('not_your_presence');
  });

  it('nothing outside the tree; scenario commands only for the simulator', () => {
    expect(publishRefusal(sim, '$SYS/x', false, catalogue)).toBe('not_in_tree');
    expect(publishRefusal(sim, 'vcc/v1/hangzhou', false, catalogue)).toBe('not_in_tree');
    expect(publishRefusal(sim, SCENARIO_TOPIC, false, catalogue)).toBeNull();
    expect(publishRefusal(binjiang, SCENARIO_TOPIC, false, catalogue)).toBe('scenario_not_allowed');
    expect(publishRefusal(reader, sensor(BJ), false, catalogue)).toBe('not_your_venue');
  });

  it('subscriptions: readers take the tree, the simulator its commands, publishers nothing', () => {
    expect(maySubscribe(reader, 'vcc/v1/#')).toBe(true);
    expect(maySubscribe(sim, SCENARIO_TOPIC)).toBe(true);
    expect(maySubscribe(sim, 'vcc/v1/#')).toBe(false);
    expect(maySubscribe(binjiang, 'vcc/v1/#')).toBe(false);
    expect(maySubscribe(reader, '#')).toBe(false);
    expect(maySubscribe(reader, '$SYS/#')).toBe(false);
  });
});

describe('publishers file and venue catalogue', () => {
  it('the catalogue is the simulator’s: every simulated venue, in its city', () => {
    expect(catalogue.size).toBe(VENUES.length);
    for (const v of VENUES) expect(catalogue.get(v.id), v.id).toBe(v.cityId);
  });

  it('refuses a city that does not host the Games, and duplicates', () => {
    expect(() => parseVenueCatalogue({ venues: [{ id: 'x', cityId: 'atlantis' }] }, 'f')).toThrow(/cityId/);
    expect(() =>
      parseVenueCatalogue(
        {
          venues: [
            { id: 'x', cityId: 'hangzhou' },
            { id: 'x', cityId: 'hangzhou' },
          ],
        },
        'f',
      ),
    ).toThrow(/twice/);
  });

  it('refuses a publisher for a venue outside the catalogue, and a hash Mosquitto could not read', () => {
    const entry = { id: 'p', passwordHash: binjiang.passwordHash, venues: ['atlantis-arena'] };
    expect(() => parsePublishers({ publishers: [entry] }, 'f', catalogue)).toThrow(/atlantis-arena/);
    expect(() =>
      parsePublishers({ publishers: [{ ...entry, venues: [BJ], passwordHash: 'scrypt$1' }] }, 'f', catalogue),
    ).toThrow(/passwordHash/);
  });
});
