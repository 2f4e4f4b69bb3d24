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

describe('the data keeper and what only moves', () => {
  it('hands over a colour at once, and a size at most once a second, saying when it may', () => {
    let t = 0;
    const { keep, takeChanged, takeHeldFor } = dataKeeper(1000, () => t);
    const drawn = (d: { id: string; colour: string; size: number }) => `${d.id}|${d.colour}|${d.size}`;
    const urgent = (d: { id: string; colour: string }) => `${d.id}|${d.colour}`;
    const first = keep('venues', [{ id: 'a', colour: 'grey', size: 4 }], drawn, urgent);
    takeChanged();
    t = 200;
    // Only its size moved, 200 ms after the last frame: held, and the map told when to come back.
    expect(keep('venues', [{ id: 'a', colour: 'grey', size: 5 }], drawn, urgent)).toBe(first);
    expect(takeChanged()).toBe(false);
    expect(takeHeldFor()).toBe(800);
    expect(takeHeldFor()).toBeNull();
    t = 1000;
    const grown = [{ id: 'a', colour: 'grey', size: 5 }];
    expect(keep('venues', grown, drawn, urgent)).toBe(grown);
    expect(takeChanged()).toBe(true);
    // Its colour moved 10 ms later: drawn at once.
    t = 1010;
    const red = [{ id: 'a', colour: 'red', size: 5 }];
    expect(keep('venues', red, drawn, urgent)).toBe(red);
    expect(takeChanged()).toBe(true);
    expect(takeHeldFor()).toBeNull();
  });
});

describe('the data keeper on a PC without a GPU', () => {
  it('holds what only moves for the longer interval once told to, and still hands over a colour at once', () => {
    let t = 0;
    const { keep, takeChanged, takeHeldFor, holdMovesFor } = dataKeeper(1000, () => t);
    const drawn = (d: { id: string; colour: string; size: number }) => `${d.id}|${d.colour}|${d.size}`;
    const urgent = (d: { id: string; colour: string }) => `${d.id}|${d.colour}`;
    holdMovesFor(3000);
    const first = keep('venues', [{ id: 'a', colour: 'grey', size: 4 }], drawn, urgent);
    takeChanged();
    // 1.5 s later a size moved: past the default second, but held to 3 s on software GL.
    t = 1500;
    expect(keep('venues', [{ id: 'a', colour: 'grey', size: 5 }], drawn, urgent)).toBe(first);
    expect(takeChanged()).toBe(false);
    expect(takeHeldFor()).toBe(1500);
    t = 3000;
    const grown = [{ id: 'a', colour: 'grey', size: 5 }];
    expect(keep('venues', grown, drawn, urgent)).toBe(grown);
    expect(takeChanged()).toBe(true);
    t = 3100;
    const red = [{ id: 'a', colour: 'red', size: 5 }];
    expect(keep('venues', red, drawn, urgent)).toBe(red);
    expect(takeChanged()).toBe(true);
  });
});
