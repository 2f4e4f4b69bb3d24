/**
 * Crowd density and pedestrian level of service (LOS), after Fruin's walkway standard:
 * J. J. Fruin, "Pedestrian Planning and Design" (1971), walkway LOS by area per person:
 * A > 35 ft², B 25-35, C 15-25, D 10-15, E 5-10, F < 5 ft². The numbers live here only.
 */
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
