/**
 * `npm run bench -- pixel`: publish -> pixel. The built server with the simulator at the full world (scale 1,
 * Games time at real speed) and two pages in Debian's Chromium (software GL): a sensor's page at the main
 * stadium and the city wall. The benchmark publishes a reading over MQTT and a MutationObserver in the page
 * stamps the moment the page shows it; both clocks are this machine's `Date.now()`.
 *
 * - Sensor page: a temperature reading with a value the page does not show yet, until its figure reads it.
 * - City KPI: a stand's crowd count moved by 3,000 people, until "people inside" on the wall has moved by
 *   at least 2,000 (the rest of the city moves by tens a second at real speed).
 *
 * A sensor probe goes between two of the simulator's readings of that sensor (0.5-4 s after one; it
 * reports every 10 s), a stand probe right after the simulator's count (it counts every second); each
 * carries the simulator's last sequence number with a later timestamp, so the model takes it, the
 * simulator's next reading takes over, and no sequence gap is counted. 50 probes of each
 * (BENCH_PIXEL_SAMPLES); with 50 the p99 is the worst of them. A probe not seen within 5 s is printed.
 */
import { chromium, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { readFileSync } from 'node:fs';
import { topics } from '../lib/contracts/topics';
import type { CrowdCountT, SensorReadingT } from '../lib/contracts/payloads.schema';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { DEMO_READER, DEMO_SIM_PASSWORD, DEMO_SIM_USERNAME } from '../telemetry-sim/demo-credentials';
import { Simulator } from '../telemetry-sim/simulator';
import { median, percentile } from './harness';

const SAMPLES = Number(process.env.BENCH_PIXEL_SAMPLES ?? 50);
const VENUE = 'hz-olympic-stadium';
const PROBE_TIMEOUT_MS = 5000;

/**
 * Installs `window.__arm(selector, mode, target, timeoutMs)`: `window.__seen` then resolves with the
 * Date.now() at which a MutationObserver first saw the test pass (0: not within the timeout). A string,
 * not a function: the bench's TypeScript loader would wrap a function's inner names in a helper the page lacks.
 */
const PROBE_SCRIPT = `
window.__arm = (selector, mode, target, timeoutMs) => {
  const read = () => document.querySelector(selector)?.textContent ?? '';
  const num = (s) => Number(s.replace(/[^\\d]/g, ''));
  const base = num(read());
  const passes = () => (mode === 'text' ? read().includes(String(target)) : Math.abs(num(read()) - base) >= Number(target));
  window.__seen = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!passes()) return;
      observer.disconnect();
      resolve(Date.now());
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => (observer.disconnect(), resolve(0)), timeoutMs);
  });
};`;

const installProbe = (page: Page) => page.evaluate(PROBE_SCRIPT);

const arm = (page: Page, selector: string, mode: 'text' | 'moved', target: string | number) =>
  page.evaluate(`window.__arm(${JSON.stringify(selector)}, '${mode}', ${JSON.stringify(target)}, ${PROBE_TIMEOUT_MS})`);
const seenAt = (page: Page) => page.evaluate('window.__seen') as Promise<number>;

/** Resolves with the next message the simulator publishes on `topic`. */
function nextFrom(client: mqtt.MqttClient, topic: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing on ${topic} for 30 s`)), 30_000);
    const on = (t: string, payload: Buffer) => {
      if (t !== topic) return;
      clearTimeout(timer);
      client.off('message', on);
      resolve(payload);
    };
    client.on('message', on);
  });
}

interface Series {
  samples: number[];
  missed: number;
}

function summary(s: Series) {
  return {
    p50Ms: median(s.samples),
    p99Ms: percentile(s.samples, 99),
    maxMs: Math.max(...s.samples),
    /** The tail, so a p99 that is one probe's can be told from a slow pipeline. */
    slowestMs: [...s.samples].sort((a, b) => b - a).slice(0, 5),
    samples: s.samples.length,
    missed: s.missed,
  };
}

export async function benchPublishToPixel() {
  const center = new CommandCenter(await freePort(), await freePort());
  await center.startWeb();
  await center.startSim(1);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // Publishing as the simulator (a venue publisher); listening as a reader, as the server does.
  const client = await mqtt.connectAsync(center.mqttUrl, {
    username: DEMO_SIM_USERNAME,
    password: DEMO_SIM_PASSWORD,
    clientId: `bench-pixel-${process.pid}`,
  });
  (client.stream as { setNoDelay?: (b: boolean) => void }).setNoDelay?.(true);
  const reader = await mqtt.connectAsync(center.mqttUrl, {
    ...DEMO_READER,
    clientId: `bench-pixel-reader-${process.pid}`,
  });
  try {
    const world = new Simulator({ seed: 42, scale: 1, startMs: 0 }).venues.find((v) => v.id === VENUE)!;
    const def = world.world.def;
    const sensor = def.sensors.find((s) => s.kind === 'temperature')!;
    const stand = def.zones.filter((z) => z.kind === 'stand').sort((a, b) => b.maxOccupancy - a.maxOccupancy)[0]!;
    const sensorTopic = topics.sensor(def.cityId, VENUE, sensor.id);
    const standTopic = topics.crowd(def.cityId, VENUE, stand.id);
    await reader.subscribeAsync([sensorTopic, standTopic], { qos: 0 });

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await center.signIn(context);
    const sensorPage = await context.newPage();
    await sensorPage.goto(`${center.baseURL}/venues/${VENUE}/sensors/${sensor.id}`);
    await sensorPage.getByTestId('sensor-value').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    const wall = await context.newPage();
    await wall.goto(center.baseURL + '/');
    await wall.getByTestId('kpi-people-inside-venues').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    await Promise.all([installProbe(sensorPage), installProbe(wall)]);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

    // The simulator's latest reading of the sensor, and when it came: a probe goes only between two of
    // them (0.5-4 s after one, its interval is 10 s), so the simulator never overwrites it before it shows.
    let lastSensor = {
      reading: JSON.parse((await nextFrom(reader, sensorTopic)).toString()) as SensorReadingT,
      at: Date.now(),
    };
    reader.on('message', (topic, payload) => {
      if (topic === sensorTopic)
        lastSensor = { reading: JSON.parse(payload.toString()) as SensorReadingT, at: Date.now() };
    });
    const sensorSeries: Series = { samples: [], missed: 0 };
    for (let i = 0; i < SAMPLES; i++) {
      for (;;) {
        const since = Date.now() - lastSensor.at;
        if (since >= 500 && since <= 4000) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // A value the page does not show now, with two decimals as the page writes it (no trailing zero).
      const shown = (await sensorPage.getByTestId('sensor-value').textContent()) ?? '';
      let k = i;
      while (shown.includes((21.01 + (k % 30) * 0.1).toFixed(2))) k++;
      const value = Math.round((21.01 + (k % 30) * 0.1) * 100) / 100;
      await arm(sensorPage, '[data-testid="sensor-value"]', 'text', value.toFixed(2));
      const sentAt = Date.now();
      // The simulator's sequence number with a later time: taken, and no gap counted when its next comes.
      const probe: SensorReadingT = { ts: sentAt, seq: lastSensor.reading.seq, value };
      await client.publishAsync(sensorTopic, JSON.stringify(probe), { qos: 0 });
      const at = await seenAt(sensorPage);
      if (at) sensorSeries.samples.push(at - sentAt);
      else {
        sensorSeries.missed++;
        const now = (await sensorPage.getByTestId('sensor-value').textContent()) ?? '';
        console.log(`[pixel] sensor probe ${i} (${value}) not seen; the page shows '${now}'`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }

    const kpiSeries: Series = { samples: [], missed: 0 };
    for (let i = 0; i < SAMPLES; i++) {
      // Right after the simulator's count of the stand: the next comes a second later.
      const last = JSON.parse((await nextFrom(reader, standTopic)).toString()) as CrowdCountT;
      const occupancy =
        last.occupancy + 3000 <= stand.maxOccupancy ? last.occupancy + 3000 : Math.max(0, last.occupancy - 3000);
      const moved = Math.abs(occupancy - last.occupancy);
      if (moved < 1500) continue; // a stand nearly empty and nearly full at once cannot happen; guard anyway
      await arm(wall, '[data-testid="kpi-people-inside-venues"]', 'moved', Math.round(moved * 0.66));
      const sentAt = Date.now();
      const probe: CrowdCountT = {
        ts: sentAt,
        seq: last.seq,
        entries: last.exits + occupancy,
        exits: last.exits,
        occupancy,
      };
      await client.publishAsync(standTopic, JSON.stringify(probe), { qos: 0 });
      const at = await seenAt(wall);
      if (at) kpiSeries.samples.push(at - sentAt);
      else {
        kpiSeries.missed++;
        console.log(`[pixel] KPI probe ${i} (stand ${last.occupancy} -> ${occupancy}) not seen`);
      }
      await new Promise((r) => setTimeout(r, 1500)); // the simulator's next count takes the stand back
    }
    await context.close();
    const out = {
      loadavg: load,
      sensorPage: summary(sensorSeries),
      cityKpi: summary(kpiSeries),
    };
    for (const [name, s] of [
      ['sensor page value', out.sensorPage],
      ['city KPI (people inside)', out.cityKpi],
    ] as const) {
      console.log(
        `[pixel] ${name}: publish -> on the page p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, max ${s.maxMs} ms; ` +
          `slowest ${s.slowestMs.join(', ')} ms; ${s.samples} seen, ${s.missed} not seen within ${PROBE_TIMEOUT_MS / 1000} s ` +
          `(loadavg ${load})`,
      );
    }
    return out;
  } finally {
    await Promise.all([client.endAsync(), reader.endAsync()]);
    await browser.close();
    await center.stop();
  }
}
