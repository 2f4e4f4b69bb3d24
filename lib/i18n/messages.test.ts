import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, LOCALES, localName, otherName } from './locales';
import { translator } from './translate';

const DIR = path.join(__dirname, 'messages');
const read = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Record<string, string>;
const en = read('en.json');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
        expect(placeholders(other[key]!), `${file}: ${key}`).toEqual(placeholders(text));
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
