// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The MQTT broker and client, the database drivers and the PDF writer (it reads its font metrics
  // from its own folder) run in the server process as plain Node packages.
  serverExternalPackages: ['aedes', 'mqtt', 'ws', '@sinclair/typebox', '@electric-sql/pglite', 'pg', 'pdfkit'],
  // SSE must not be buffered by response compression; put compression in the reverse proxy.
  compress: false,
};

export default nextConfig;
