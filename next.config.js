// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The MQTT broker and client, and the database drivers, run in the server process as plain Node packages.
  serverExternalPackages: ['aedes', 'mqtt', 'ws', '@sinclair/typebox', '@electric-sql/pglite', 'pg'],
  // SSE must not be buffered by response compression; put compression in the reverse proxy.
  compress: false,
};

export default nextConfig;
