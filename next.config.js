// @ts-check
import { readFileSync } from 'node:fs';

/**
 * On every answer (OWASP ASVS 14.4); pages add their nonce policy in proxy.ts (lib/server/security-headers).
 * One list, also read by lib/server/static-assets.ts for the build assets it sends itself.
 */
const SHARED = JSON.parse(readFileSync(new URL('./lib/server/security-headers.json', import.meta.url), 'utf8'));
/** @type {{ key: string, value: string }[]} */
const COMMON_SECURITY_HEADERS = Object.entries(SHARED.common).map(([key, value]) => ({ key, value }));
/** @type {string} */
const NON_DOCUMENT_CSP = SHARED.nonDocumentCsp;
/** @type {string} */
const HSTS = SHARED.hsts;
const NON_DOCUMENT_PATHS = [
  '/api/:path*',
  '/_next/:path*',
  '/geo/:path*',
  '/sounds/:path*',
  '/icon.svg',
  '/favicon.ico',
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The MQTT broker and client, the database drivers, and the PDF writer and its font readers (they
  // read their own files) run in the server process as plain Node packages.
  serverExternalPackages: [
    'aedes',
    'mqtt',
    'ws',
    '@sinclair/typebox',
    '@electric-sql/pglite',
    'pg',
    'pdfkit',
    'fontkit',
    'wawoff2',
  ],
  // SSE must not be buffered by response compression. Build assets go out precompressed (brotli, gzip)
  // from scripts/serve.ts (lib/server/static-assets.ts); a reverse proxy may compress the JSON answers.
  compress: false,
  turbopack: {
    resolveAlias: {
      // Node's Buffer is never used in the browser: ECharts' renderer tests for it (`typeof Buffer`) and falls back
      // to btoa, but the mention alone made the bundler ship a 20 KB polyfill to every chart page.
      'next/dist/compiled/buffer': { browser: './lib/browser/no-buffer.js' },
    },
  },
  async headers() {
    return [
      { source: '/:path*', headers: COMMON_SECURITY_HEADERS },
      // Pages get a nonce policy from proxy.ts; these paths (proxy.ts's matcher leaves them) are never documents.
      ...NON_DOCUMENT_PATHS.map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: NON_DOCUMENT_CSP }],
      })),
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: HSTS }],
      },
    ];
  },
};

export default nextConfig;
