import { describe, expect, it } from 'vitest';
import { dataKeeper } from './kept-data';

describe('the data keeper', () => {
  it('keeps the array while what is drawn is the same, and takes the new one when it changes', () => {
    const { keep, takeChanged } = dataKeeper();
    const drawn = (d: { id: string; colour: string; count: number }) => `${d.id}|${d.colour}`;
    const first = keep('venues', [{ id: 'a', colour: 'green', count: 1 }], drawn);
    expect(takeChanged()).toBe(true);
    // A count that is not drawn moved: deck.gl is handed the same array and redraws nothing.
    expect(keep('venues', [{ id: 'a', colour: 'green', count: 2 }], drawn)).toBe(first);
    expect(takeChanged()).toBe(false);
    const red = [{ id: 'a', colour: 'red', count: 2 }];
    expect(keep('venues', red, drawn)).toBe(red);
    expect(takeChanged()).toBe(true);
    // Layers are kept apart.
    const other = [{ id: 'a', colour: 'red', count: 2 }];
    expect(keep('sensors', other, drawn)).toBe(other);
    // An item more or less is a change.
    const two = [...red, { id: 'b', colour: 'red', count: 0 }];
    expect(keep('venues', two, drawn)).toBe(two);
  });
});
