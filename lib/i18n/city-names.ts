import type { CityId } from '../contracts/cities';
import type { Locale } from './locales';

/**
 * The six host cities in each language of the interface. Venue and zone names come from the registry in
 * English and Chinese only; these six are ours, and a Korean or Arabic wall read "Huzhou 湖州" without them.
 * The forms are the ones each language's press used for the Games (Japanese in its own kanji).
 */
const CITY_NAMES: Record<CityId, Record<Locale, string>> = {
  hangzhou: { en: 'Hangzhou', zh: '杭州', ja: '杭州', ko: '항저우', th: 'หางโจว', ar: 'هانغتشو' },
  ningbo: { en: 'Ningbo', zh: '宁波', ja: '寧波', ko: '닝보', th: 'หนิงปัว', ar: 'نينغبو' },
  wenzhou: { en: 'Wenzhou', zh: '温州', ja: '温州', ko: '원저우', th: 'เวินโจว', ar: 'ونتشو' },
  huzhou: { en: 'Huzhou', zh: '湖州', ja: '湖州', ko: '후저우', th: 'หูโจว', ar: 'هوتشو' },
  shaoxing: { en: 'Shaoxing', zh: '绍兴', ja: '紹興', ko: '사오싱', th: 'เช่าซิง', ar: 'شاوشينغ' },
  jinhua: { en: 'Jinhua', zh: '金华', ja: '金華', ko: '진화', th: 'จินหัว', ar: 'جينهوا' },
};

/** A host city's name in the reader's language. */
export function cityName(id: CityId, locale: Locale): string {
  return CITY_NAMES[id][locale];
}

/**
 * The name shown beside it where there is room: the Chinese one on the city's own signs, or for readers of
 * Chinese and Japanese (whose own name already is those characters) the English one.
 */
export function cityOtherName(id: CityId, locale: Locale): { text: string; lang: string } {
  return locale === 'zh' || locale === 'ja'
    ? { text: CITY_NAMES[id].en, lang: 'en' }
    : { text: CITY_NAMES[id].zh, lang: 'zh-CN' };
}
