import { describe, expect, it } from 'vitest';
import venues from '@/config/venues.json';
import { CITIES } from '@/lib/contracts/cities';
import { cityName } from '@/lib/i18n/city-names';
import { boardName } from './board-name';

describe("a venue's name on the board", () => {
  it('drops its city (the heading above says it) and shortens the words venue lists shorten', () => {
    expect(boardName('Hangzhou Olympic Sports Centre Stadium', 'Hangzhou')).toBe('Olympic SC Stadium');
    expect(boardName('Hangzhou Olympic Sports Centre Tennis Centre', 'Hangzhou')).toBe('Olympic SC Tennis Centre');
    expect(boardName('Gongshu Canal Sports Park Gymnasium', 'Hangzhou')).toBe('Gongshu Canal SP Gym');
    expect(boardName('Zhejiang University of Technology Pingfeng Campus Cricket Field', 'Hangzhou')).toBe(
      'Pingfeng Cricket Field',
    );
    expect(boardName('Banbianshan Beach Volleyball Centre', 'Ningbo')).toBe('Banbianshan Beach Volleyball');
    expect(boardName('Huzhou Taihu Longzhimeng Triathlon Course', 'Huzhou')).toBe('Taihu Longzhimeng Triathlon');
    // The longest on a 4K wall's tiles, as the sport or the place says them.
    expect(boardName("Chun'an Jieshou Mountain Bike Course", 'Hangzhou')).toBe("Chun'an Jieshou MTB Course");
    expect(boardName('Keqiao Yangshan Sport Climbing Centre', 'Shaoxing')).toBe('Keqiao Yangshan Climbing Centre');
    expect(boardName('Deqing Geographic Information Town Gymnasium', 'Huzhou')).toBe('Deqing Geo-Info Town Gym');
    expect(boardName("Lin'an Sports Culture and Exhibition Centre", 'Hangzhou')).toBe("Lin'an Sports Culture & Expo");
    expect(boardName('Zhejiang University Zijingang Campus Gymnasium', 'Hangzhou')).toBe(
      'Zhejiang Univ. Zijingang Gym',
    );
  });

  it('keeps a name that is its city and one word, and a name of another city', () => {
    expect(boardName('Hangzhou Gymnasium', 'Hangzhou')).toBe('Hangzhou Gym');
    expect(boardName('Jinhua Sports Centre Gymnasium', 'Jinhua')).toBe('Jinhua SC Gym');
    expect(boardName('Binjiang Gymnasium', 'Hangzhou')).toBe('Binjiang Gym');
  });

  it('tells every venue of a city from the others', () => {
    const list = (Array.isArray(venues) ? venues : (venues as { venues: unknown[] }).venues) as {
      cityId: string;
      name: string | { en: string };
    }[];
    for (const city of CITIES) {
      const names = list
        .filter((v) => v.cityId === city.id)
        .map((v) => boardName(typeof v.name === 'string' ? v.name : v.name.en, cityName(city.id, 'en')));
      expect(new Set(names).size, city.id).toBe(names.length);
    }
  });
});
