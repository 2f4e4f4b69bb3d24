/**
 * After `next build`: a brotli and a gzip copy beside every text asset of `.next/static` (JavaScript,
 * CSS, SVG, JSON, source maps), written once here at the highest levels, so the server sends them
 * compressed at no cost per request (lib/server/static-assets.ts). Fonts (woff2) are compressed already.
 *
 *   node --import tsx scripts/precompress.ts [dir]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { COMPRESSIBLE, MIN_COMPRESS_BYTES } from '../lib/server/static-assets';

const root = process.argv[2] ?? path.join('.next', 'static');

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

let count = 0;
let raw = 0;
let br = 0;
let gz = 0;
const started = performance.now();
for (const file of files(root)) {
  if (!COMPRESSIBLE.has(path.extname(file)) || statSync(file).size < MIN_COMPRESS_BYTES) continue;
  const body = readFileSync(file);
  const brotli = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gzip = gzipSync(body, { level: 9 });
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzip);
  count++;
  raw += body.length;
  br += brotli.length;
  gz += gzip.length;
}
const kb = (n: number) => `${Math.round(n / 1024)} KB`;
console.log(
  `[precompress] ${count} assets in ${root}: ${kb(raw)} -> brotli ${kb(br)}, gzip ${kb(gz)} ` +
    `(${Math.round(performance.now() - started)} ms)`,
);
