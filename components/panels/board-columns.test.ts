import { describe, expect, it } from 'vitest';
import { blanksBeforeHeadings, columnRows } from './board-columns';

describe('blanksBeforeHeadings', () => {
  it('moves a heading that would end a column to the top of the next', () => {
    // 22 rows (the 8K wall): Hangzhou 32, Ningbo 4 -> Wenzhou's heading at cell 38... and a case landing on row 21.
    const sizes = [32, 9, 4];
    // Cells: Hangzhou heading 0, venues 1-32; next heading at 33 (row 11), venues 34-42; next at 43 = row 21 of column 2.
    expect(blanksBeforeHeadings(sizes, 22)).toEqual([false, false, true]);
  });

  it('leaves headings alone when none ends a column', () => {
    expect(blanksBeforeHeadings([3, 3], 8)).toEqual([false, false]);
  });

  it('counts the blanks it adds in the cells after them', () => {
    // rows 4: heading 0, venues 1-2; heading at 3 = last row -> blank at 3, heading at 4, venue 5-6; heading at 7 -> blank.
    expect(blanksBeforeHeadings([2, 2, 1], 4)).toEqual([false, true, true]);
  });

  it('adds nothing when the board flows in rows', () => {
    expect(blanksBeforeHeadings([32, 9, 4], 0)).toEqual([false, false, false]);
  });
});

describe('columnRows', () => {
  it('counts the explicit rows of a column-major grid', () => {
    expect(columnRows({ gridAutoFlow: 'column', gridTemplateRows: '30px 30px 31.5px' })).toBe(3);
  });
  it('is 0 for a grid that flows in rows', () => {
    expect(columnRows({ gridAutoFlow: 'row', gridTemplateRows: 'none' })).toBe(0);
  });
});
