/** The parts of fontkit and wawoff2 the PDF writer uses (neither ships its own types). */
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
  }
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    variationAxes: Record<string, { name: string; min: number; default: number; max: number }>;
    hasGlyphForCodePoint(codePoint: number): boolean;
    getVariation(settings: Record<string, number>): Font;
    createSubset(): { glyphEncoder?: object };
    layout(text: string): { glyphs: Glyph[] };
  }
  export function create(buffer: Uint8Array): Font;
}

declare module 'wawoff2/decompress' {
  /** The TrueType font inside a WOFF2 file. */
  export default function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
