/**
 * Called once when a server process starts: opens the process's one broker connection
 * (or the embedded broker) and starts ingest and the stream hub. Next serves nothing until
 * this returns, so it waits for the feed only: the database attaches when it is reachable,
 * and meanwhile /api/health says so and pages say "starting".
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { readServerEnv } = await import('./lib/server/env');
  const { feedStarted, startFeedRuntime } = await import('./lib/server/feed-runtime');
  startFeedRuntime(readServerEnv()).catch((err: Error) => {
    // A start that cannot succeed by waiting (a broken users file, the broker's port taken, the embedded
    // database's DATA_DIR in use): say why and exit, for a person or an orchestrator to act on.
    console.error(`[start] cannot start: ${err.message}`);
    process.exit(1);
  });
  await feedStarted();
}
