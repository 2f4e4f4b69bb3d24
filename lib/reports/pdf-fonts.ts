/**
 * The faces the PDF report writes with, per reader's language: the same self-hosted fonts as the
 * screens (Inter, Noto Sans SC / JP / KR / Thai / Arabic from @fontsource-variable). Each package
 * is split into files by Unicode range, as a browser loads them; the ranges come from the
 * package's own `wght.css`, and a file is read (WOFF2 unpacked to TrueType) only when a character
 * of the report needs it. Variable fonts, set to a regular (400) and a bold (700) weight.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import decompress from 'wawoff2/decompress';
import type { Locale } from '../i18n/locales';
import { encodeSimpleGlyph, type OutlineCommand } from './truetype-glyph';

export type Face = fontkit.Font;

type Package = 'inter' | 'noto-sans-sc' | 'noto-sans-jp' | 'noto-sans-kr' | 'noto-sans-thai' | 'noto-sans-arabic';

/** Where each language looks for a character, in order: its own script's face first. */
const CHAINS: Record<Locale, Package[]> = {
  en: ['inter', 'noto-sans-sc'],
  zh: ['noto-sans-sc', 'inter'],
  ja: ['noto-sans-jp', 'inter', 'noto-sans-sc'],
  ko: ['noto-sans-kr', 'inter', 'noto-sans-sc'],
  th: ['noto-sans-thai', 'inter', 'noto-sans-sc'],
  ar: ['noto-sans-arabic', 'inter', 'noto-sans-sc'],
};

const WEIGHT = { regular: 400, bold: 700 } as const;
export type Weight = keyof typeof WEIGHT;

interface FontFile {
  file: string;
  ranges: [number, number][];
}

const requireFromApp = createRequire(path.join(process.cwd(), 'package.json'));

/** A package's files and the code points each holds, from its stylesheet. */
const filesOf = (() => {
  const known = new Map<Package, FontFile[]>();
  return (pkg: Package): FontFile[] => {
    const held = known.get(pkg);
    if (held) return held;
    const css = requireFromApp.resolve(`@fontsource-variable/${pkg}/wght.css`);
    const files: FontFile[] = [];
    for (const block of readFileSync(css, 'utf8').split('@font-face').slice(1)) {
      const url = /url\(\.\/files\/([^)]+-wght-normal\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!url || !range) continue;
      const ranges = range.split(',').map((r): [number, number] => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
      });
      files.push({ file: path.join(path.dirname(css), 'files', url), ranges });
    }
    known.set(pkg, files);
    return files;
  };
})();

/** fontkit's own encoder for a glyph at a chosen weight cannot run (see truetype-glyph.ts): ours instead. */
let encoderFixed = false;
function fixGlyphEncoder(font: Face): void {
  if (encoderFixed) return;
  const encoder = font.createSubset().glyphEncoder;
  if (!encoder) throw new Error('fontkit has no glyph encoder where one was expected');
  Object.defineProperty(Object.getPrototypeOf(encoder), 'encodeSimple', {
    value: (outline: { commands: OutlineCommand[] }) => encodeSimpleGlyph(outline.commands),
  });
  encoderFixed = true;
}

/** Unpacked files and their weights, kept for the process: a report reads a few dozen at most. */
const faces = new Map<string, Promise<Face>>();

function faceOf(file: string, weight: Weight): Promise<Face> {
  const key = `${file}|${weight}`;
  let face = faces.get(key);
  if (!face) {
    face = (async () => {
      // A copy: the unpacker hands back a view of its own memory, which its next call overwrites.
      const font = fontkit.create(Buffer.from(await decompress(readFileSync(file))));
      const instance = font.getVariation({ wght: WEIGHT[weight] });
      fixGlyphEncoder(instance);
      // Named apart: the PDF writer takes two faces with one name for one font.
      const name = `${path.basename(file, '.woff2')}-${WEIGHT[weight]}`.replace(/[^A-Za-z0-9-]/g, '');
      Object.defineProperty(instance, 'postscriptName', { value: name });
      return instance;
    })();
    faces.set(key, face);
    face.catch(() => faces.delete(key));
  }
  return face;
}

/** The faces one document writes with: every character it will draw is looked up before drawing. */
export class PdfFonts {
  private readonly byChar = new Map<string, Face>();

  constructor(readonly locale: Locale) {}

  /**
   * Reads the faces for every character of `texts` in both weights (the first file of the
   * language's chain whose range and glyphs hold it; characters none holds are drawn from the
   * first face and show as a box, as a browser would).
   */
  async prepare(texts: Iterable<string>): Promise<void> {
    const wanted = new Set<number>();
    for (const text of texts) for (const ch of text) wanted.add(ch.codePointAt(0)!);
    for (const cp of wanted) {
      if (this.byChar.has(`${cp}|regular`)) continue;
      const found = await this.find(cp);
      for (const weight of Object.keys(WEIGHT) as Weight[]) {
        this.byChar.set(`${cp}|${weight}`, await faceOf(found, weight));
      }
    }
  }

  private async find(cp: number): Promise<string> {
    let first: string | undefined;
    for (const pkg of CHAINS[this.locale]) {
      for (const f of filesOf(pkg)) {
        first ??= f.file;
        if (!f.ranges.some(([a, b]) => cp >= a && cp <= b)) continue;
        if ((await faceOf(f.file, 'regular')).hasGlyphForCodePoint(cp)) return f.file;
      }
    }
    return first!;
  }

  /** The face for a character already prepared. */
  faceFor(char: string, weight: Weight): Face {
    const face = this.byChar.get(`${char.codePointAt(0)!}|${weight}`);
    if (!face) throw new Error(`character U+${char.codePointAt(0)!.toString(16)} was not prepared`);
    return face;
  }
}
