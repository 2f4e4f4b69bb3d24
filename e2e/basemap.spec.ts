/**
 * A site that hosts its own map tiles sets BASEMAP_URL; the wall then draws them under the
 * outlines. Here a local tile server stands in for the site's, and records what it serves.
 */
import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import { test as base, expect } from '@playwright/test';
import { CommandCenter, freePort } from './fixtures/command-center';
import { WallPage } from './fixtures/wall-page';

/** A 256x256 solid PNG, built by hand (no image library needed). */
function solidPng(r: number, g: number, b: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3, Buffer.from([r, g, b]))]);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const test = base.extend<{ tiles: { served: string[]; url: string }; center: CommandCenter }>({
  tiles: async ({}, use) => {
    const png = solidPng(40, 90, 60);
    const served: string[] = [];
    const server: Server = createServer((req, res) => {
      served.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      res.end(png);
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    await use({ served, url: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png` });
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  },
  center: async ({ tiles }, use) => {
    const center = new CommandCenter(await freePort(), await freePort(), { BASEMAP_URL: tiles.url });
    await center.startWeb();
    await center.startSim();
    await use(center);
    await center.stop();
  },
});

test('draws the site basemap under the venues when BASEMAP_URL is set', async ({ page, center, tiles }, testInfo) => {
  const wall = new WallPage(page);
  await center.signIn(page.context());
  await page.goto(center.baseURL);
  await expect(wall.connection).toContainText('Live');
  await expect.poll(() => tiles.served.length, { timeout: 30_000 }).toBeGreaterThan(3);
  // Tiles of the Zhejiang area at the zoom the wall opens with.
  expect(tiles.served.every((u) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
  const zooms = () => tiles.served.map((u) => Number(u.split('/')[2]));
  const z = Math.min(...zooms());
  expect(z).toBeGreaterThanOrEqual(5);
  expect(z).toBeLessThanOrEqual(9);
  // Hangzhou's core enlarged in its inset over the basemap too, on tiles of the inset's own closer zoom (one
  // tile layer serving both views had left the inset without any).
  await expect(page.locator('.map-inset-frame')).toBeVisible();
  await expect.poll(() => Math.max(...zooms()), { timeout: 30_000 }).toBeGreaterThanOrEqual(z + 2);
  // The cities' names above the canvas here: under it, the basemap it draws would hide them.
  const map = page.locator('.map-canvas');
  await expect(map.locator('.map-city-name[data-city="hangzhou"]')).toBeVisible();
  await expect
    .poll(() =>
      map.evaluate(
        (el) =>
          el.querySelector('canvas')!.compareDocumentPosition(el.querySelector('.map-city-names')!) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    )
    .toBeTruthy();
  await page.screenshot({ path: testInfo.outputPath('basemap.png') });
});
