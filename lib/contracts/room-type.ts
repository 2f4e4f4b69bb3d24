/**
 * Type sized for the room: from a wall's panel and how far its readers sit, the letter heights
 * its words and figures need. Signage practice asks for about 25 mm of capital height per 3 m of
 * viewing distance for text that is read (1/120 of the distance); figures taken in at a glance
 * get half as much again (1/80). Pure arithmetic, shared by the page that sets the sizes and the
 * test that measures the glyphs.
 */

/** A wall as its room sees it; `?wall=<key>` names one of `rooms` in config/wall.json. */
export interface WallRoom {
  /** What and where, shown nowhere but in the config and logs. */
  name: string;
  /** The panel the browser fills, corner to corner. */
  diagonalInches: number;
  /** From the panel to the farthest seat that must read it. */
  viewingDistanceM: number;
}

/** Capital height over viewing distance for text that is read: alarm banner, alert titles. */
export const READ_RATIO = 1 / 120;
/** ... and for figures read at a glance: the KPI values. */
export const GLANCE_RATIO = 1 / 80;
/**
 * Capital height over font size of the wall's Latin face (Inter: 1490/2048 units); Han, kana,
 * hangul and Thai glyphs stand taller than a Latin capital at the same size, so Latin decides.
 */
export const CAP_HEIGHT_EM = 0.727;

export interface RoomType {
  /** Millimetres one CSS pixel spans on the panel. */
  mmPerPx: number;
  /** The capital heights the rule asks for, in mm and in CSS px. */
  readCapMm: number;
  glanceCapMm: number;
  /** Font sizes (CSS px) whose capitals reach those heights. */
  readFontPx: number;
  glanceFontPx: number;
}

/** The type a room needs on a viewport that fills its panel (`width` x `height` CSS px). */
export function roomType(room: WallRoom, width: number, height: number): RoomType {
  const mmPerPx = (room.diagonalInches * 25.4) / Math.hypot(width, height);
  const readCapMm = room.viewingDistanceM * 1000 * READ_RATIO;
  const glanceCapMm = room.viewingDistanceM * 1000 * GLANCE_RATIO;
  // Rounded up to a whole pixel: never below the rule.
  return {
    mmPerPx,
    readCapMm,
    glanceCapMm,
    readFontPx: Math.ceil(readCapMm / mmPerPx / CAP_HEIGHT_EM),
    glanceFontPx: Math.ceil(glanceCapMm / mmPerPx / CAP_HEIGHT_EM),
  };
}
