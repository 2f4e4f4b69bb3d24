/**
 * One simple TrueType glyph (`glyf` table entry) from an outline: what the PDF writer embeds for a
 * glyph of a variable font at a chosen weight. fontkit 2.0.4 has this encoder but it cannot run
 * (it hands restructure 3 a length where a buffer is due), so every variable font failed to embed.
 * Points are rounded to font units; hinting instructions are left out (PDF viewers do not use them).
 */

export interface OutlineCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const SAME_X = 0x10;
const SAME_Y = 0x20;

/** The glyf bytes (padded to 4) for a quadratic outline; the empty array for an empty one. */
export function encodeSimpleGlyph(commands: readonly OutlineCommand[]): Uint8Array {
  const xs: number[] = [];
  const ys: number[] = [];
  const onCurve: boolean[] = [];
  const endPts: number[] = [];
  const close = () => {
    if (xs.length > 0 && endPts[endPts.length - 1] !== xs.length - 1) endPts.push(xs.length - 1);
  };
  for (const c of commands) {
    if (c.command === 'closePath') {
      close();
      continue;
    }
    if (c.command === 'moveTo') close();
    if (c.command === 'bezierCurveTo') throw new Error('a cubic outline is not a TrueType glyph');
    for (let j = 0; j < c.args.length; j += 2) {
      xs.push(Math.round(c.args[j]!));
      ys.push(Math.round(c.args[j + 1]!));
      // A quadratic's first pair is its control point, off the curve.
      onCurve.push(!(c.command === 'quadraticCurveTo' && j === 0));
    }
  }
  close();
  if (xs.length === 0) return new Uint8Array(0);

  const flags: number[] = [];
  const xBytes: number[] = [];
  const yBytes: number[] = [];
  const coordinate = (delta: number, out: number[], short: number, same: number): number => {
    if (delta === 0) return same;
    if (delta >= -255 && delta <= 255) {
      out.push(Math.abs(delta));
      return short | (delta > 0 ? same : 0);
    }
    out.push((delta >> 8) & 0xff, delta & 0xff);
    return 0;
  };
  let lastX = 0;
  let lastY = 0;
  for (let i = 0; i < xs.length; i++) {
    let flag = onCurve[i] ? ON_CURVE : 0;
    flag |= coordinate(xs[i]! - lastX, xBytes, X_SHORT, SAME_X);
    flag |= coordinate(ys[i]! - lastY, yBytes, Y_SHORT, SAME_Y);
    flags.push(flag);
    lastX = xs[i]!;
    lastY = ys[i]!;
  }

  const size = 10 + 2 * endPts.length + 2 + flags.length + xBytes.length + yBytes.length;
  const out = new Uint8Array(size + ((4 - (size % 4)) % 4));
  const view = new DataView(out.buffer);
  let pos = 0;
  const int16 = (v: number) => {
    view.setInt16(pos, v);
    pos += 2;
  };
  int16(endPts.length);
  int16(Math.min(...xs));
  int16(Math.min(...ys));
  int16(Math.max(...xs));
  int16(Math.max(...ys));
  for (const e of endPts) int16(e);
  int16(0); // no instructions
  for (const bytes of [flags, xBytes, yBytes]) {
    out.set(bytes, pos);
    pos += bytes.length;
  }
  return out;
}
