/** How every text on the map is drawn: SDF glyphs with a dark halo, legible over any fill. */
export const LABEL_STYLE = {
  characterSet: 'auto',
  fontFamily: '"Inter Variable", "Noto Sans SC Variable", sans-serif',
  fontWeight: 600,
  outlineWidth: 3,
  outlineColor: [7, 12, 22, 255],
  fontSettings: { sdf: true },
} as const satisfies Record<string, unknown>;
