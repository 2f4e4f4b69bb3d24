/**
 * `npm run bench -- js-floor`: the least JavaScript the wall's libraries can ship, whatever our code does.
 * Each library bundled on its own by esbuild (minified, tree-shaken, production React) from exactly the
 * imports the wall makes, then compressed as the server sends it (brotli, as scripts/precompress.ts). Their
 * sum is the floor under "JS for `/`" (`npm run bench -- page-weight` measures what a load downloads).
 */
import { build } from 'esbuild';
import { brotliCompressSync, constants } from 'node:zlib';

const LIBRARIES: Record<string, string> = {
  'deck.gl (core, layers the map draws)': `
    export { Deck, FlyToInterpolator, MapView, COORDINATE_SYSTEM, WebMercatorViewport } from '@deck.gl/core';
    export { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';`,
  'ECharts (line chart, grid, tooltip, canvas)': `
    import { LineChart } from 'echarts/charts';
    import { GridComponent, TooltipComponent } from 'echarts/components';
    import { init, use } from 'echarts/core';
    import { CanvasRenderer } from 'echarts/renderers';
    use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);
    export { init };`,
  'React DOM (client)': `export { hydrateRoot } from 'react-dom/client'; export { useState } from 'react';`,
};

async function compressedSize(contents: string): Promise<{ minified: number; brotli: number }> {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = out.outputFiles[0]!.contents;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength;
  return { minified: code.byteLength, brotli };
}

export async function benchJsFloor() {
  const libraries: Record<string, { minifiedKB: number; brotliKB: number }> = {};
  let total = 0;
  for (const [name, contents] of Object.entries(LIBRARIES)) {
    const { minified, brotli } = await compressedSize(contents);
    libraries[name] = { minifiedKB: Math.round(minified / 1024), brotliKB: Math.round(brotli / 1024) };
    total += brotli;
    console.log(
      `[js-floor] ${name}: ${Math.round(minified / 1024)} KB minified, ${Math.round(brotli / 1024)} KB brotli`,
    );
  }
  console.log(
    `[js-floor] the three together: ${Math.round(total / 1024)} KB brotli, before Next's runtime and our code`,
  );
  return { libraries, totalBrotliKB: Math.round(total / 1024) };
}
