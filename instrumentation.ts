/**
 * Called once when a server process starts: opens the process's one broker connection
 * (or the embedded broker) and starts ingest and the stream hub. Next serves nothing until
 * this returns, so it waits for the feed only: the database attaches when it is reachable,
 * and meanwhile /api/health says so and pages say "starting".
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./instrumentation-node');
  await startServer();
}
