/**
 * The Node.js half of instrumentation.ts, in a module of its own: Next also compiles instrumentation.ts for
 * the Edge runtime, which has no process.exit, and warned of it on every build ("Ecmascript file had an error").
 */
import { readServerEnv } from './lib/server/env';
import { feedStarted, startFeedRuntime } from './lib/server/feed-runtime';

export async function startServer(): Promise<void> {
  startFeedRuntime(readServerEnv()).catch((err: Error) => {
    // A start that cannot succeed by waiting (a broken users file, the broker's port taken, the embedded
    // database's DATA_DIR in use): say why and exit, for a person or an orchestrator to act on.
    console.error(`[start] cannot start: ${err.message}`);
    process.exit(1);
  });
  await feedStarted();
}
