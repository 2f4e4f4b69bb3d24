/**
 * A venue's name as its tile on the venue board prints it: abbreviated deliberately rather than cut off
 * wherever the tile ends. Four Hangzhou tiles read "Hangzhou Olympic Sports Centr…" on a 4K wall, one the
 * same as the next. The tile sits under its city's heading, so the city's name in front is dropped; a few
 * words every venue list shortens are shortened. The full name is the tile's tooltip and accessible name,
 * and the venue's page title.
 */
/** What the board's two less common abbreviations stand for, in its legend beside the English names. */
export const BOARD_ABBREVIATIONS = 'SC Sports Centre · SP Sports Park';

const SHORTER: readonly [RegExp, string][] = [
  // The cricket ground is known by its campus: the university that owns it is its full name's business.
  [/^Zhejiang University of Technology (?=Pingfeng )/, ''],
  [/\bSports Centre\b/g, 'SC'],
  [/\bSports Park\b/g, 'SP'],
  [/\bUniversity of Technology\b/g, 'Univ. of Tech.'],
  [/\bUniversity\b/g, 'Univ.'],
  [/\bInternational\b/g, 'Intl'],
  [/\bGymnasium\b/g, 'Gym'],
  // The longest names on a 4K wall's tiles, each shortened the way the sport or the place itself says it.
  [/\bMountain Bike\b/g, 'MTB'],
  [/\bSport Climbing\b/g, 'Climbing'],
  [/\bGeographic Information\b/g, 'Geo-Info'],
  // Lin'an's, the longest left: with a venue's alarm dot and a four-figure crowd it was cut on a 4K tile.
  [/ and Exhibition Centre$/, ' & Expo'],
  [/\bExhibition\b/g, 'Expo'],
  // The sport says what the place is.
  [/\bBeach Volleyball Centre\b/g, 'Beach Volleyball'],
  [/\bTriathlon Course\b/g, 'Triathlon'],
  [/ and /g, ' & '],
  // "Zijingang Campus Gym": the campus's name says it is one.
  [/ Campus (?=\S)/g, ' '],
];

/** `name` (English, as the registry gives it) for a tile under the heading of `city` (its English name). */
export function boardName(name: string, city: string): string {
  let short = name;
  // "Hangzhou Gymnasium" keeps its city: without it nothing would be left to tell it by; so does "Jinhua
  // Sports Centre Gymnasium" (the city is its name: "SC Gym" would say nothing).
  const rest = short.startsWith(`${city} `) ? short.slice(city.length + 1) : '';
  if (rest.split(' ').length >= 2 && !rest.startsWith('Sports ')) short = rest;
  for (const [words, abbreviation] of SHORTER) short = short.replace(words, abbreviation);
  return short;
}
