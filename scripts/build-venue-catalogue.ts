/**
 * `npm run venue-catalogue`: writes config/venues.json, the venues the server accepts, from
 * the simulator's catalogue. A site lists its own venues in its own file (VENUES_FILE).
 */
import { writeFileSync } from 'node:fs';
import { VENUES } from '../telemetry-sim/venues';

const out = process.argv[2] ?? 'config/venues.json';
const file = {
  $comment:
    "The venues the server accepts (anything else is refused at the door): the simulator's catalogue, written by npm run venue-catalogue. Production: VENUES_FILE=/path/to/own.json.",
  venues: VENUES.map((v) => ({ id: v.id, cityId: v.cityId, name: v.en })),
};
writeFileSync(out, JSON.stringify(file, null, 2) + '\n');
console.log(`${out}: ${file.venues.length} venues`);
