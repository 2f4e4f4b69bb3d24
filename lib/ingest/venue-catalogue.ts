/**
 * The venues the server accepts: cities are fixed (lib/contracts/cities), venues come from
 * configuration (config/venues.json, the simulator's catalogue; VENUES_FILE for a site's
 * own). A registry or message for any other venue, or for a venue in another city, is
 * refused at the door, so the model is bounded by configuration, not by what arrives.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { CITIES } from '../contracts/cities';
import { ID_PATTERN } from '../contracts/topics';
import { assertConfig } from '../contracts/config-file';

const CatalogueSchema = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    venues: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: ID_PATTERN }),
          cityId: Type.Union(CITIES.map((c) => Type.Literal(c.id))),
          name: Type.Optional(Type.String({ maxLength: 120 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  { additionalProperties: false },
);

/** venue id -> its city id. */
export type VenueCatalogue = ReadonlyMap<string, string>;

export const DEFAULT_VENUES_FILE = 'config/venues.json';

export function parseVenueCatalogue(json: unknown, where: string): VenueCatalogue {
  assertConfig(CatalogueSchema, json, where);
  const venues = new Map<string, string>();
  for (const v of json.venues) {
    if (venues.has(v.id)) throw new Error(`${where}: venue '${v.id}' appears twice`);
    venues.set(v.id, v.cityId);
  }
  return venues;
}

export function readVenueCatalogue(file = DEFAULT_VENUES_FILE): VenueCatalogue {
  return parseVenueCatalogue(JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, 'utf8')), file);
}
