/**
 * An alert's words in a reader's language, from its message key and parameters: the same for
 * the wall, the phone, the report and the PDF. Alerts raised before messages were keyed keep
 * their English title. Kinds and states are translated by their own keys; names by the
 * registry's languages; `text` (an IT incident's title) stays the feed's own words.
 */
import type { AlertMessage, NameParam } from '../contracts/alerts';
import { localName, type Locale } from './locales';
import type { MessageKey, Translate } from './translate';

const isName = (x: unknown): x is NameParam => typeof x === 'object' && x !== null && 'en' in x;

export function alertText(
  t: Translate,
  locale: Locale,
  intl: string,
  alert: { title: string; message: AlertMessage | null },
): string {
  const m = alert.message;
  if (!m) return alert.title;
  const numbers = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.params)) {
    if (isName(value)) vars[name] = localName(value, locale);
    else if (typeof value === 'number') vars[name] = numbers.format(value);
    else if (name === 'kind') vars[name] = t(`sensorKind.${value}` as MessageKey);
    else if (name === 'incidentKind') vars[name] = t(`incidentKind.${value}` as MessageKey);
    else if (name === 'state') vars[name] = t(`sensorState.${value}` as MessageKey);
    else vars[name] = value;
  }
  return t(m.key, vars);
}
