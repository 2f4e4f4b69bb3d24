/**
 * Crowd density and pedestrian level of service (LOS), after Fruin's walkway standard:
 * J. J. Fruin, "Pedestrian Planning and Design" (1971), walkway LOS by area per person:
 * A > 35 ft², B 25-35, C 15-25, D 10-15, E 5-10, F < 5 ft². The numbers live here only.
 */
import type { ZoneKindT } from './payloads.schema';

export type LevelOfService = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

const FT2_PER_M2 = 10.7639;

/** Lower bound of area per person (m²) for each level, best first. F is anything below E's bound. */
export const FRUIN_WALKWAY_M2_PER_PERSON: readonly { los: Exclude<LevelOfService, 'F'>; minM2: number }[] = [
  { los: 'A', minM2: 35 / FT2_PER_M2 }, // 3.25 m²
  { los: 'B', minM2: 25 / FT2_PER_M2 }, // 2.32 m²
  { los: 'C', minM2: 15 / FT2_PER_M2 }, // 1.39 m²
  { los: 'D', minM2: 10 / FT2_PER_M2 }, // 0.93 m²
  { los: 'E', minM2: 5 / FT2_PER_M2 }, // 0.46 m²
];

/** Persons per m². */
export function density(occupancy: number, areaM2: number): number {
  return areaM2 > 0 ? occupancy / areaM2 : 0;
}

/** Fruin walkway level of service for a zone's occupancy and area; an empty zone is A. */
export function levelOfService(occupancy: number, areaM2: number): LevelOfService {
  if (occupancy <= 0) return 'A';
  const m2PerPerson = areaM2 / occupancy;
  for (const { los, minM2 } of FRUIN_WALKWAY_M2_PER_PERSON) if (m2PerPerson >= minM2) return los;
  return 'F';
}

/**
 * Where people walk and queue: judged by Fruin's walkway table. Stands are seats and the field of
 * play is the athletes'; a full stand is the venue capacity rule's, never a walkway "D".
 * (The alarm rule's own list is `zoneLevelOfService.zoneKinds` in config/alert-rules.json.)
 */
export const WALKWAY_ZONE_KINDS: readonly ZoneKindT[] = ['gate', 'concourse'];

export const isWalkway = (kind: ZoneKindT) => WALKWAY_ZONE_KINDS.includes(kind);

/** How full a zone is, the way its kind is judged: walkways by level of service, the rest by share of capacity. */
export type CrowdMeasure =
  { measure: 'walkway'; los: LevelOfService } | { measure: 'capacity'; percent: number; over: boolean };

export function crowdMeasure(zone: {
  kind: ZoneKindT;
  occupancy: number;
  areaM2: number;
  capacity: number;
}): CrowdMeasure {
  if (isWalkway(zone.kind)) return { measure: 'walkway', los: levelOfService(zone.occupancy, zone.areaM2) };
  const percent = zone.capacity > 0 ? Math.round((zone.occupancy / zone.capacity) * 100) : 0;
  return { measure: 'capacity', percent, over: zone.capacity > 0 && zone.occupancy > zone.capacity };
}
