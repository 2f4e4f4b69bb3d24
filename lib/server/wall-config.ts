/**
 * The wall's configuration (lib/contracts/wall.ts): one JSON file, config/wall.json or
 * WALL_CONFIG_FILE, checked against this schema on first use; a bad file fails with the
 * reason and the place, never a half-laid-out wall.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { ID_PATTERN } from '../contracts/topics';
import { gridProblem, PANELS_OF_VIEW, type ScreenGrid, type WallConfig } from '../contracts/wall';
import { assertConfig } from '../contracts/config-file';

const Grid = Type.Object(
  {
    areas: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    columns: Type.Optional(Type.String({ minLength: 1 })),
    rows: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

const Seconds = Type.Number({ minimum: 3, maximum: 3600 });

const WallConfigSchema = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    rotation: Type.Object(
      {
        views: Type.Array(
          Type.Union([
            Type.Object({ view: Type.Literal('city'), seconds: Seconds }, { additionalProperties: false }),
            Type.Object({ view: Type.Literal('incidents'), seconds: Seconds }, { additionalProperties: false }),
            Type.Object({ view: Type.Literal('venues'), seconds: Seconds }, { additionalProperties: false }),
            Type.Object(
              { view: Type.Literal('venue'), venueId: Type.String({ pattern: ID_PATTERN }), seconds: Seconds },
              { additionalProperties: false },
            ),
          ]),
          { minItems: 1 },
        ),
      },
      { additionalProperties: false },
    ),
    rooms: Type.Optional(
      Type.Record(
        Type.String({ pattern: ID_PATTERN }),
        Type.Object(
          {
            name: Type.String({ minLength: 1 }),
            diagonalInches: Type.Number({ minimum: 10, maximum: 2000 }),
            viewingDistanceM: Type.Number({ minimum: 0.5, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    watchdog: Type.Object(
      {
        reloadAfterDeadSeconds: Type.Number({ minimum: 30, maximum: 86_400 }),
        maxHeapMb: Type.Number({ minimum: 64, maximum: 16_384 }),
      },
      { additionalProperties: false },
    ),
    screens: Type.Record(
      Type.String({ pattern: '^[2-9]$' }),
      Type.Array(
        Type.Object(
          { name: Type.String({ minLength: 1 }), city: Grid, incidents: Grid, venue: Grid },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export const DEFAULT_WALL_FILE = 'config/wall.json';

export function parseWallConfig(json: unknown, where: string): WallConfig {
  assertConfig(WallConfigSchema, json, where);
  for (const [count, screens] of Object.entries(json.screens)) {
    if (screens.length !== Number(count)) {
      throw new Error(`${where}: /screens/${count} lists ${screens.length} screens, not ${count}`);
    }
    screens.forEach((screen, i) => {
      for (const kind of ['city', 'incidents', 'venue'] as const) {
        const problem = gridProblem(screen[kind] satisfies ScreenGrid, PANELS_OF_VIEW[kind]);
        if (problem) throw new Error(`${where}: /screens/${count}/${i}/${kind}/areas ${problem}`);
      }
    });
  }
  return { rooms: json.rooms ?? {}, rotation: json.rotation, watchdog: json.watchdog, screens: json.screens };
}

const cache = new Map<string, WallConfig>();

/** Read once per file and process: every page of the wall asks for it. */
export function readWallConfig(file = DEFAULT_WALL_FILE): WallConfig {
  let config = cache.get(file);
  if (!config) {
    // A site's own file, read at run time: not something to trace into the build.
    config = parseWallConfig(JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, 'utf8')), file);
    cache.set(file, config);
  }
  return config;
}
