import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline';

describe('sparkline path', () => {
  it('spans the width, lowest value at the bottom and highest at the top', () => {
    const d = sparklinePath([0, 5, 10]);
    expect(d).toBe('M0.0 15.0L30.0 8.0L60.0 1.0');
  });

  it('leaves a gap where the sensor was silent, and draws nothing from one point', () => {
    expect(sparklinePath([1, null, 2, 3])).toBe('M0.0 15.0M40.0 8.0L60.0 1.0');
    expect(sparklinePath([null, 4, null])).toBe('');
  });

  it('draws a flat line for a constant value', () => {
    expect(sparklinePath([7, 7])).toBe('M0.0 15.0L60.0 15.0');
  });
});
