/**
 * Called once when a server process starts: opens the process's one broker connection
 * (or the embedded broker) and starts ingest and the stream hub.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { readServerEnv } = await import('./lib/server/env');
  const { startFeedRuntime } = await import('./lib/server/feed-runtime');
  await startFeedRuntime(readServerEnv());
}
