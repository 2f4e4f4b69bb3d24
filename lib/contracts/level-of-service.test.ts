import { describe, expect, it } from 'vitest';
import { crowdMeasure, density, levelOfService } from './level-of-service';

describe("Fruin's walkway level of service", () => {
  // 100 m² zone: persons for exactly 35, 25, 15, 10 and 5 ft² a person, and either side of each.
  const area = 100;
  const personsAt = (ft2: number) => (area * 10.7639) / ft2;

  it.each([
    [0, 'A'],
    [Math.floor(personsAt(35)), 'A'],
    [Math.ceil(personsAt(35)), 'B'],
    [Math.floor(personsAt(25)), 'B'],
    [Math.ceil(personsAt(25)), 'C'],
    [Math.floor(personsAt(15)), 'C'],
    [Math.ceil(personsAt(15)), 'D'],
    [Math.floor(personsAt(10)), 'D'],
    [Math.ceil(personsAt(10)), 'E'],
    [Math.floor(personsAt(5)), 'E'],
    [Math.ceil(personsAt(5)), 'F'],
    [1000, 'F'],
  ])('%i people on 100 m² is level %s', (people, los) => {
    expect(levelOfService(people, area)).toBe(los);
  });

  it('gives density in persons per m²', () => {
    expect(density(250, 100)).toBe(2.5);
    expect(density(10, 0)).toBe(0);
  });
});

describe('crowd measure by zone kind', () => {
  it('judges gates and concourses as walkways, stands and the field by their share of capacity', () => {
    // 0.8 m² a person is E on a walkway, 1 m² is D; half the seats of a stand is just half full.
    expect(crowdMeasure({ kind: 'gate', occupancy: 500, areaM2: 400, capacity: 600 })).toEqual({
      measure: 'walkway',
      los: 'E',
    });
    expect(crowdMeasure({ kind: 'concourse', occupancy: 400, areaM2: 400, capacity: 900 })).toMatchObject({
      los: 'D',
    });
    expect(crowdMeasure({ kind: 'stand', occupancy: 1500, areaM2: 600, capacity: 3000 })).toEqual({
      measure: 'capacity',
      percent: 50,
      over: false,
    });
    expect(crowdMeasure({ kind: 'field', occupancy: 40, areaM2: 3000, capacity: 30 })).toEqual({
      measure: 'capacity',
      percent: 133,
      over: true,
    });
  });
});
