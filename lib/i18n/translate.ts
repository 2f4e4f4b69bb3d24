/**
 * Messages by key, in ICU MessageFormat: `{name}` placeholders, and `{n, plural, one {…} other {…}}` /
 * `{x, select, …}` where a language's grammar needs them (Arabic has six plural forms, Chinese one).
 * Shared by server pages and the browser; the browser gets only its language's messages, from the layout.
 * Numbers passed as numbers are written in the language's digits and separators.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type en from './messages/en.json';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** A message with plural or select forms (the others are filled by a cheaper replace). */
const HAS_FORMS = /\{\s*\w+\s*,\s*(plural|select|selectordinal)\s*,/;

/**
 * The translator for one language. `intl` is its BCP 47 tag (`LocaleInfo.intl`): it picks the plural
 * rules and the number format. A message missing a value it needs is shown with the placeholder visible,
 * never as an error on a wall.
 */
export function translator(messages: Messages, intl = 'en-GB'): Translate {
  const compiled = new Map<MessageKey, IntlMessageFormat | null>();
  const numberFormat = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 });
  const fill = (text: string, vars: Vars) =>
    text.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = vars[name];
      return v === undefined ? m : typeof v === 'number' ? numberFormat.format(v) : v;
    });
  return (key, vars) => {
    const text = messages[key] ?? key;
    if (!HAS_FORMS.test(text)) return vars ? fill(text, vars) : text;
    let format = compiled.get(key);
    if (format === undefined) {
      try {
        format = new IntlMessageFormat(text, intl);
      } catch {
        format = null; // a malformed message (the catalogue test catches these): shown as written
      }
      compiled.set(key, format);
    }
    if (!format || !vars) return text;
    try {
      return String(format.format(vars));
    } catch {
      return fill(text, vars);
    }
  };
}
