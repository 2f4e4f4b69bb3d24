/**
 * Text in a box for the PDF report, in any of the six languages: words found by the language's own
 * rules (Intl.Segmenter: Chinese, Japanese and Thai have no spaces), each run drawn in the face that
 * holds its characters (PdfFonts), lines wrapped to the box's width and never over it, right to left
 * for Arabic (words placed from the right; each word shaped by the font).
 */
import 'server-only';
import type { Face, PdfFonts, Weight } from './pdf-fonts';

export interface TextStyle {
  size: number;
  weight: Weight;
  /** Where a line sits in its box: `start` is the left in a left-to-right language, the right in Arabic. */
  align: 'start' | 'end';
  color?: string;
}

interface Run {
  text: string;
  face: Face;
  width: number;
}
interface Token {
  runs: Run[];
  width: number;
  space: boolean;
}

/** Line height as a share of the type size: room for Thai marks above and below. */
const LEADING = 1.5;

/** Scripts written without spaces between words: a line may break between any two of their words. */
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

export class PdfText {
  private readonly words: Intl.Segmenter;
  private readonly graphemes: Intl.Segmenter;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
    intl: string,
    readonly rtl: boolean,
  ) {
    this.words = new Intl.Segmenter(intl, { granularity: 'word' });
    this.graphemes = new Intl.Segmenter(intl, { granularity: 'grapheme' });
  }

  lineHeight(style: TextStyle): number {
    return style.size * LEADING;
  }

  /** The height `text` takes in a box `width` wide. */
  height(text: string, width: number, style: TextStyle): number {
    return this.lines(text, width, style).length * this.lineHeight(style);
  }

  /** Draws `text` in the box at (x, y), `width` wide; returns the height it took. */
  draw(text: string, x: number, y: number, width: number, style: TextStyle): number {
    const lines = this.lines(text, width, style);
    const lh = this.lineHeight(style);
    this.doc.fillColor(style.color ?? '#000');
    lines.forEach((line, i) => {
      const groups = this.rtl ? visualGroups(trimSpaces(line)) : [trimSpaces(line)];
      const used = groups.flat().reduce((s, t) => s + t.width, 0);
      const fromLeft = this.rtl === (style.align === 'end');
      const baseline = y + i * lh + style.size * 1.1;
      // Left to right, each group after the last; right to left, each group before it.
      let pen = this.rtl ? (fromLeft ? x + used : x + width) : fromLeft ? x : x + width - used;
      for (const group of groups) {
        const groupWidth = group.reduce((s, t) => s + t.width, 0);
        if (this.rtl) pen -= groupWidth;
        // Inside a group: words left to right for a Latin phrase or number, else right to left.
        const ltrGroup = !this.rtl || group.length > 1 || ['ltr', 'number'].includes(direction(group[0]!));
        let runX = ltrGroup ? pen : pen + groupWidth;
        for (const r of group.flatMap((t) => t.runs)) {
          if (!ltrGroup) runX -= r.width;
          this.doc.font(r.face as never).fontSize(style.size);
          const shown = ltrGroup ? r.text : mirrored(r.text);
          this.doc.text(shown, runX, baseline, { lineBreak: false, baseline: 'alphabetic' });
          if (ltrGroup) runX += r.width;
        }
        if (!this.rtl) pen += groupWidth;
      }
    });
    return lines.length * lh;
  }

  /** Every character's face, read before measuring: call once with all a document's text. */
  prepare(texts: Iterable<string>): Promise<void> {
    return this.fonts.prepare(texts);
  }

  private lines(text: string, width: number, style: TextStyle): Token[][] {
    const lines: Token[][] = [];
    for (const paragraph of text.split('\n')) {
      let line: Token[] = [];
      let used = 0;
      for (const token of this.tokens(paragraph, style)) {
        if (used + token.width > width && line.some((t) => !t.space)) {
          lines.push(line);
          line = [];
          used = 0;
          if (token.space) continue;
        }
        if (token.width > width) {
          // A word wider than the box: broken where it must be, character by character.
          for (const piece of this.split(token, width, style)) {
            if (line.length > 0) lines.push(line);
            line = [piece];
            used = piece.width;
          }
          continue;
        }
        line.push(token);
        used += token.width;
      }
      lines.push(line);
    }
    return lines;
  }

  /** Pieces that may end a line: a word with what sticks to it (punctuation), or a space. */
  private tokens(text: string, style: TextStyle): Token[] {
    const tokens: Token[] = [];
    let current = '';
    const flush = () => {
      if (current) tokens.push(this.token(current, style, false));
      current = '';
    };
    for (const { segment, isWordLike } of this.words.segment(text)) {
      if (/^\s+$/u.test(segment)) {
        flush();
        tokens.push(this.token(' ', style, true));
        continue;
      }
      // A new word may start a line only after a space, or beside a script written without them.
      if (current && isWordLike && (NO_SPACES.test(segment[0]!) || NO_SPACES.test(current.at(-1)!))) flush();
      current += segment;
    }
    flush();
    return tokens;
  }

  private token(text: string, style: TextStyle, space: boolean): Token {
    const runs: Run[] = [];
    for (const { segment } of this.graphemes.segment(text)) {
      const face = this.fonts.faceFor(segment, style.weight);
      const last = runs.at(-1);
      if (last && last.face === face) last.text += segment;
      else runs.push({ text: segment, face, width: 0 });
    }
    let width = 0;
    for (const r of runs) {
      r.width = this.doc
        .font(r.face as never)
        .fontSize(style.size)
        .widthOfString(r.text);
      width += r.width;
    }
    return { runs, width, space };
  }

  private split(token: Token, width: number, style: TextStyle): Token[] {
    const pieces: Token[] = [];
    let text = '';
    for (const r of token.runs) {
      for (const { segment } of this.graphemes.segment(r.text)) {
        if (text && this.token(text + segment, style, false).width > width) {
          pieces.push(this.token(text, style, false));
          text = '';
        }
        text += segment;
      }
    }
    if (text) pieces.push(this.token(text, style, false));
    return pieces;
  }
}

function trimSpaces(line: Token[]): Token[] {
  let a = 0;
  let b = line.length;
  while (a < b && line[a]!.space) a++;
  while (b > a && line[b - 1]!.space) b--;
  return line.slice(a, b);
}

const ARABIC = /\p{Script=Arabic}/u;
const LATIN = /\p{Script=Latin}/u;
const DIGIT = /[0-9]/;

/** A word's direction: Latin words lead a left-to-right phrase; a number reads left to right but leads none. */
function direction(t: Token): 'rtl' | 'ltr' | 'number' | 'neutral' {
  const text = t.runs.map((r) => r.text).join('');
  if (ARABIC.test(text)) return 'rtl';
  if (LATIN.test(text)) return 'ltr';
  return DIGIT.test(text) ? 'number' : 'neutral';
}

/**
 * A right-to-left line as groups, in the order they are placed from the right: a Latin phrase or
 * with the numbers after it and the spaces and signs between its words is one group that reads
 * left to right inside ("Chen Wei", "(ISA-18.2 / EEMUA 191)"); every other word, a lone number
 * too, is a group of its own ("24 سبتمبر 2023 10:00" keeps its numbers apart, as a browser does).
 */
function visualGroups(tokens: Token[]): Token[][] {
  const dirs = tokens.map(direction);
  const groups: Token[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (dirs[i] !== 'ltr') {
      groups.push([tokens[i]!]);
      continue;
    }
    let end = i;
    // A number after a Latin word belongs to its phrase (Unicode's bidi rule W7): "EEMUA 191".
    for (let j = i + 1; j < tokens.length && dirs[j] !== 'rtl'; j++) if (dirs[j] !== 'neutral') end = j;
    groups.push(tokens.slice(i, end + 1));
    i = end;
  }
  return groups;
}

const MIRROR: Record<string, string> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
  '≤': '≥',
  '≥': '≤',
};

/** Brackets and signs that point the other way in right-to-left text (Unicode's Bidi_Mirrored pairs). */
const mirrored = (text: string) => text.replace(/[()[\]{}<>«»≤≥]/g, (c) => MIRROR[c]!);
