/**
 * Pages compressed by the server as they stream (page-compression.ts), through the real web server with a
 * handler that writes the way Next does: headers set, then chunks each followed by `res.flush()`. The event
 * stream and every other answer go out exactly as written.
 */
import { request, type IncomingMessage } from 'node:http';
import { brotliDecompressSync, createBrotliDecompress, createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from './web-server';

const PAGE_HEAD = `<!DOCTYPE html><html><head><title>Wall</title></head><body>${'<div class="tile">Binjiang Gymnasium 81%</div>'.repeat(200)}`;
const PAGE_TAIL = `<script>self.__next_f.push([1,"${'x'.repeat(2000)}"])</script></body></html>`;
const SVG_BODY = `<svg width="900" height="300" xmlns="http://www.w3.org/2000/svg">${'<path d="M56 272.5L850.1 272.5" stroke="#38bdf8"></path>'.repeat(100)}</svg>`;
const JSON_BODY = JSON.stringify({ venues: Array.from({ length: 100 }, (_, i) => `venue-${i}`) });

/** Resolved by the test when it has read the page's first part: the handler then writes the rest. */
let release: () => void = () => {};

const server = createWebServer((req, res) => {
  const flush = () => (res as unknown as { flush?: () => void }).flush?.();
  if (req.url === '/page') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Vary', 'RSC');
    res.flushHeaders();
    res.write(PAGE_HEAD);
    flush();
    new Promise<void>((r) => (release = r)).then(() => {
      res.write(Buffer.from(PAGE_TAIL));
      flush();
      res.end();
    });
  } else if (req.url === '/stream') {
    res.setHeader('Content-Type', 'text/event-stream');
    res.flushHeaders();
    res.write('event: snapshot\ndata: {}\n\n');
    flush();
    setTimeout(() => res.end('event: bye\ndata: {}\n\n'), 50);
  } else if (req.url === '/chart') {
    res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    res.end(SVG_BODY);
  } else if (req.url === '/json') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON_BODY);
  } else {
    res.statusCode = 304;
    res.end();
  }
}, 0);
let port = 0;

function open(path: string, acceptEncoding?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}
const body = (res: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => resolve(Buffer.concat(parts)));
    res.on('error', reject);
  });

describe('pages sent compressed', () => {
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());

  it('streams a page in brotli: its first part is readable before the server has written the rest', async () => {
    const res = await open('/page', 'gzip, deflate, br, zstd');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('RSC, Accept-Encoding');
    expect(res.headers['content-length']).toBeUndefined();
    const text = res.pipe(createBrotliDecompress());
    let read = '';
    let wire = 0;
    res.on('data', (c: Buffer) => (wire += c.length));
    await new Promise<void>((resolve) =>
      text.on('data', (c: Buffer) => {
        read += c.toString();
        if (read.length === PAGE_HEAD.length) resolve();
      }),
    );
    // The first part arrived whole while the handler still held the rest back.
    expect(read).toBe(PAGE_HEAD);
    release();
    await new Promise((r) => text.on('end', r));
    expect(read).toBe(PAGE_HEAD + PAGE_TAIL);
    expect(wire).toBeLessThan((PAGE_HEAD + PAGE_TAIL).length / 10);
  });

  it('sends gzip to a client that takes only gzip', async () => {
    const res = await open('/page', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    const text = res.pipe(createGunzip());
    const whole = body(text);
    text.once('data', () => release());
    expect((await whole).toString()).toBe(PAGE_HEAD + PAGE_TAIL);
  });

  it("compresses the wall's server-drawn chart (SVG)", async () => {
    const res = await open('/chart', 'br, gzip');
    expect(res.headers['content-encoding']).toBe('br');
    const wire = await body(res);
    expect(wire.length).toBeLessThan(SVG_BODY.length / 10);
    expect(brotliDecompressSync(wire).toString()).toBe(SVG_BODY);
  });

  it('leaves a page alone for a client that takes neither encoding', async () => {
    const res = await open('/page');
    expect(res.headers['content-encoding']).toBeUndefined();
    res.once('data', () => release());
    expect((await body(res)).toString()).toBe(PAGE_HEAD + PAGE_TAIL);
  });

  it('never compresses the event stream, an API answer or an answer without a body', async () => {
    const stream = await open('/stream', 'br, gzip');
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect((await body(stream)).toString()).toBe('event: snapshot\ndata: {}\n\nevent: bye\ndata: {}\n\n');
    const json = await open('/json', 'br, gzip');
    expect(json.headers['content-encoding']).toBeUndefined();
    // As Node sends a body given whole: with its length.
    expect(json.headers['content-length']).toBe(String(Buffer.byteLength(JSON_BODY)));
    expect((await body(json)).toString()).toBe(JSON_BODY);
    const notModified = await open('/other', 'br');
    expect(notModified.statusCode).toBe(304);
    expect(notModified.headers['content-encoding']).toBeUndefined();
    await body(notModified);
  });
});
