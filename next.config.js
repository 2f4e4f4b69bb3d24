// @ts-check
/** @type {import('next').NextConfig} */

/** On every answer (OWASP ASVS 14.4); pages add their nonce policy in proxy.ts (lib/server/security-headers). */
const COMMON_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];
const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";
const HSTS = 'max-age=31536000; includeSubDomains';
const NON_DOCUMENT_PATHS = [
  '/api/:path*',
  '/_next/:path*',
  '/geo/:path*',
  '/sounds/:path*',
  '/icon.svg',
  '/favicon.ico',
];

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The MQTT broker and client, the database drivers and the PDF writer (it reads its font metrics
  // from its own folder) run in the server process as plain Node packages.
  serverExternalPackages: ['aedes', 'mqtt', 'ws', '@sinclair/typebox', '@electric-sql/pglite', 'pg', 'pdfkit'],
  // SSE must not be buffered by response compression; put compression in the reverse proxy.
  compress: false,
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
