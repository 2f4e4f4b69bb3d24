/**
 * Build assets sent compressed by the server itself, from the copies scripts/precompress.ts writes:
 * brotli or gzip as the client takes them, with the same headers Next would put on them; anything
 * else (no copy, a client that takes neither, a path out of the folder) left to Next.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from './static-assets';
import { createWebServer } from './web-server';

const CHUNK = `export const venues = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: `venue-${i}` })))};\n`;

function get(port: number, url: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('build assets sent precompressed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-static-'));
  const staticDir = path.join(dir, 'static');
  const server = createWebServer((_req, res) => res.end('from next'), 0, staticDir);
  let port = 0;

  beforeAll(async () => {
    mkdirSync(path.join(staticDir, 'chunks'), { recursive: true });
    writeFileSync(path.join(staticDir, 'chunks', 'app.js'), CHUNK);
    writeFileSync(path.join(staticDir, 'chunks', 'tiny.js'), 'export {};\n');
    writeFileSync(path.join(dir, 'secret.js'), CHUNK);
    writeFileSync(path.join(dir, 'secret.js.br'), 'not for you');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/precompress.ts', staticDir]);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli to a browser, with the headers Next would send', async () => {
    const res = await get(port, '/_next/static/chunks/app.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe(CHUNK);
    expect(res.body.length).toBeLessThan(CHUNK.length / 4);
    expect(res.headers).toMatchObject({
      'content-type': 'application/javascript; charset=utf-8',
      vary: 'Accept-Encoding',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    });
  });

  it('sends gzip to a client that takes only gzip, and leaves the rest to Next', async () => {
    const gz = await get(port, '/_next/static/chunks/app.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(CHUNK);
    // Neither encoding taken; too small to have a copy; a path that climbs out of the folder.
    for (const [url, accept] of [
      ['/_next/static/chunks/app.js', undefined],
      ['/_next/static/chunks/app.js', 'br;q=0, gzip;q=0'],
      ['/_next/static/chunks/tiny.js', 'br'],
      ['/_next/static/..%2fsecret.js', 'br'],
      ['/_next/static/chunks/missing.js', 'br'],
    ] as const) {
      const res = await get(port, url, accept);
      expect(res.body.toString(), `${url} with ${accept}`).toBe('from next');
      expect(res.headers['content-encoding']).toBeUndefined();
    }
  });

  it('reads Accept-Encoding as browsers and proxies write it', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});
