/**
 * The board flows down its rows, then across (column-major), each city's heading followed by its venues.
 * A heading that falls in a column's last row would stand alone, its venues at the top of the next column
 * (on the 8K wall, Wenzhou's). Pure: where to put a blank cell so each heading starts a column instead.
 */

/**
 * For each city group in order (`sizes[i]` venues after its heading), whether a blank goes before its
 * heading, in a grid of `rows` rows a column (0: the board flows in rows, where headings span the width).
 */
export function blanksBeforeHeadings(sizes: number[], rows: number): boolean[] {
  let cell = 0;
  return sizes.map((size) => {
    const blank = rows > 1 && cell % rows === rows - 1;
    if (blank) cell++;
    cell += 1 + size;
    return blank;
  });
}

/** The number of rows a column-major grid lays out, from its computed style; 0 when it flows in rows. */
export function columnRows(style: Pick<CSSStyleDeclaration, 'gridAutoFlow' | 'gridTemplateRows'>): number {
  if (!style.gridAutoFlow.startsWith('column')) return 0;
  const rows = style.gridTemplateRows.trim();
  return rows === '' || rows === 'none' ? 0 : rows.split(/\s+/).length;
}
