/**
 * A second server process for the DATA_DIR lock test: opens the embedded database in the directory
 * given, says "open", and holds it until killed.
 *   node --conditions=react-server --import tsx lib/testing/hold-embedded-database.ts <dir>
 */
import { openDatabase } from '../db/database';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-embedded-database.ts <dir>');
await openDatabase({ url: undefined, dataDir: dir });
console.log('open');
setInterval(() => undefined, 60_000);
