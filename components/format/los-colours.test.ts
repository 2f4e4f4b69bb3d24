import { describe, expect, it } from 'vitest';
import { LOS_RGB } from './format';

/** HSL saturation, 0 (grey) to 1. */
function saturation([r, g, b]: [number, number, number]): number {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const l = (max + min) / 2;
  return max === min ? 0 : (max - min) / (1 - Math.abs(2 * l - 1));
}
const lightness = ([r, g, b]: [number, number, number]) => (Math.max(r, g, b) + Math.min(r, g, b)) / 510;

describe("a walkway's level of service on a plan (ISA-101: normal is not coloured)", () => {
  it('draws A to D in greys, darker as the walkway fills, and only E and F in colour', () => {
    const normal = (['A', 'B', 'C', 'D'] as const).map((l) => LOS_RGB[l]);
    for (const rgb of normal) expect(saturation(rgb)).toBeLessThan(0.25);
    const light = normal.map(lightness);
    expect([...light].sort((a, b) => b - a)).toEqual(light);
    expect(saturation(LOS_RGB.E)).toBeGreaterThan(0.8);
    expect(saturation(LOS_RGB.F)).toBeGreaterThan(0.8);
  });
});
