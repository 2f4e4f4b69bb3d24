import { describe, expect, it } from 'vitest';
import { CITIES } from '../contracts/cities';
import { cityName, cityOtherName } from './city-names';
import { LOCALES } from './locales';

describe('the host cities named in every language', () => {
  it('gives each city its own name in each language, and a second name that is not the same words again', () => {
    for (const { code } of LOCALES) {
      const names = CITIES.map((c) => cityName(c.id, code));
      expect(new Set(names).size, code).toBe(CITIES.length);
      for (const c of CITIES) {
        expect(cityName(c.id, code).trim(), `${c.id} ${code}`).not.toBe('');
        expect(cityOtherName(c.id, code).text, `${c.id} ${code}`).not.toBe(cityName(c.id, code));
      }
    }
  });

  it('writes Korean, Thai and Arabic names in their own scripts, not the Latin or Chinese ones', () => {
    const scripts = { ko: /^\p{Script=Hangul}+$/u, th: /^\p{Script=Thai}+$/u, ar: /^\p{Script=Arabic}+$/u } as const;
    for (const [code, script] of Object.entries(scripts))
      for (const c of CITIES) expect(cityName(c.id, code as keyof typeof scripts), `${c.id} ${code}`).toMatch(script);
  });

  it('puts the Chinese name on the city signs beside a Korean, Thai or Arabic one, the English beside Japanese', () => {
    expect(cityOtherName('shaoxing', 'ar')).toEqual({ text: '绍兴', lang: 'zh-CN' });
    expect(cityOtherName('shaoxing', 'ja')).toEqual({ text: 'Shaoxing', lang: 'en' });
    expect(cityOtherName('shaoxing', 'zh')).toEqual({ text: 'Shaoxing', lang: 'en' });
  });
});
