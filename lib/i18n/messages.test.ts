import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, LOCALES, localeInfo, localName, otherName, type Locale } from './locales';
import { translator, type MessageKey, type Messages } from './translate';

const DIR = path.join(__dirname, 'messages');
const read = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Record<string, string>;
const en = read('en.json');

/** The arguments a message takes, and which of them choose a plural form, from its ICU syntax tree. */
function argumentsOf(message: string) {
  const names = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number) names.add(e.value);
      if (e.type === TYPE.plural || e.type === TYPE.select) {
        names.add(e.value);
        if (e.type === TYPE.plural) plurals.set(e.value, new Set(Object.keys(e.options)));
        for (const option of Object.values(e.options) as { value: MessageFormatElement[] }[]) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return { names: [...names].sort(), plurals };
}

describe('the languages', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('has a file for every language it offers, and offers every file', () => {
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual(LOCALES.map((l) => l.code).sort());
  });

  for (const file of files.filter((f) => f !== 'en.json')) {
    it(`${file} has every key of English, with the same placeholders, and nothing else`, () => {
      const other = read(file);
      expect(Object.keys(en).filter((k) => !(k in other))).toEqual([]);
      expect(Object.keys(other).filter((k) => !(k in en))).toEqual([]);
      for (const [key, text] of Object.entries(en)) {
        expect(other[key]!.trim(), `${file}: ${key}`).not.toBe('');
        expect(argumentsOf(other[key]!).names, `${file}: ${key}`).toEqual(argumentsOf(text).names);
      }
    });
  }

  // Counts a wall shows: none, one, two, a few, many (Arabic's 11-99), a hundred.
  const COUNTS = [0, 1, 2, 5, 11, 100];
  const catalogues = LOCALES.map((l) => read(`${l.code}.json`));
  const pluralKeys = Object.keys(en).filter((k) =>
    catalogues.some((c) => c[k] !== undefined && argumentsOf(c[k]).plurals.size > 0),
  ) as MessageKey[];

  it('writes counts with plural forms where English needs them', () => {
    expect(pluralKeys.length).toBeGreaterThanOrEqual(15);
    const t = translator(en as Messages, 'en-GB');
    expect(t('kpi.venuesReporting', { n: 1 })).toBe('1 venue reporting');
    expect(t('kpi.venuesReporting', { n: 56 })).toBe('56 venues reporting');
    expect(t('kpis.venueTeamsValue', { alarms: 1, venues: 1200 })).toBe('1 alarm at 1,200 venues');
    expect(t('starting.tries', { n: 1, error: 'timeout' })).toBe('Tried 1 time. Last answer: timeout');
  });

  for (const { code } of LOCALES) {
    it(`${code}: every plural message has the forms its grammar needs, for ${COUNTS.join(', ')}`, () => {
      const messages = read(`${code}.json`) as Messages;
      const intl = localeInfo(code as Locale).intl;
      const rules = new Intl.PluralRules(intl);
      const t = translator(messages, intl);
      const digits = new Intl.NumberFormat(intl);
      for (const key of pluralKeys) {
        const { plurals } = argumentsOf(messages[key]);
        for (const [arg, forms] of plurals) {
          for (const n of COUNTS) {
            const form = rules.select(n);
            expect(forms.has(form) || forms.has(`=${n}`), `${code} ${key}: ${arg} = ${n} needs '${form}'`).toBe(true);
          }
        }
        for (const n of COUNTS) {
          const vars = Object.fromEntries(argumentsOf(en[key]!).names.map((name) => [name, n]));
          const text = t(key, vars);
          expect(text, `${code} ${key} (${n})`).not.toMatch(/[{}#]/);
          // The figure is written, except where the language says it in words (Arabic "one venue", "two venues").
          if (!['zero', 'one', 'two'].includes(rules.select(n)) || code === 'en') {
            expect(text, `${code} ${key} (${n})`).toContain(digits.format(n));
          }
        }
      }
    });
  }

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator({ ...en, 'kpi.venuesReporting': '{n} venues reporting' } as never);
    expect(t('kpi.venuesReporting', { n: 56 })).toBe('56 venues reporting');
    expect(t('kpi.venuesReporting')).toBe('{n} venues reporting');
  });

  it('picks the first supported language a browser asks for', () => {
    expect(fromAcceptLanguage('fr-FR,ja;q=0.8,en;q=0.5')).toBe('ja');
    expect(fromAcceptLanguage('zh-CN,zh;q=0.9')).toBe('zh');
    expect(fromAcceptLanguage('de')).toBeNull();
    expect(fromAcceptLanguage(null)).toBeNull();
  });

  it('names venues and zones from the registry: Chinese for Chinese, English otherwise', () => {
    const name = { en: 'Binjiang Gymnasium', zh: '滨江体育馆' };
    expect(localName(name, 'zh')).toBe('滨江体育馆');
    expect(localName(name, 'ar')).toBe('Binjiang Gymnasium');
    expect(otherName(name, 'zh')).toEqual({ text: 'Binjiang Gymnasium', lang: 'en' });
    expect(otherName(name, 'ja')).toEqual({ text: '滨江体育馆', lang: 'zh-CN' });
  });
});
