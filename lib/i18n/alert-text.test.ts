import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../contracts/alerts';
import { alertText } from './alert-text';
import { localeInfo, type Locale } from './locales';
import { MESSAGES } from './messages';
import { translator } from './translate';

const say = (locale: Locale, message: AlertMessage | null, title = 'English title') =>
  alertText(translator(MESSAGES[locale], localeInfo(locale).intl), locale, localeInfo(locale).intl, { title, message });

describe("an alert's words in each language", () => {
  const high: AlertMessage = {
    key: 'alarm.sensorHigh',
    params: { kind: 'net_latency', sensor: 'uplink-1-latency', value: 1240.5, limit: 200, unit: 'ms' },
  };

  it('translates the words and the kind, formats numbers per locale, keeps ids and units', () => {
    expect(say('en', high)).toBe('Uplink latency uplink-1-latency at 1,240.5 ms, above 200 ms');
    expect(say('zh', high)).toBe('上行延迟 uplink-1-latency 为 1,240.5 ms，高于 200 ms');
    expect(say('ar', high)).toContain('uplink-1-latency');
    expect(say('ar', high)).toMatch(/فوق/);
    expect(say('ar', high)).not.toContain('above');
  });

  it('names places in the registry language the reader has, and keeps the feed its own words', () => {
    const crowd: AlertMessage = {
      key: 'alarm.zoneCrowding',
      params: { zone: { en: 'Gate 1', zh: '1号门' }, level: 'F' },
    };
    expect(say('zh', crowd)).toBe('1号门：拥挤，服务水平 F');
    expect(say('ja', crowd)).toContain('Gate 1');
    const it: AlertMessage = { key: 'alarm.itIncident', params: { incidentKind: 'power_fault', text: 'Mains lost' } };
    expect(say('zh', it)).toBe('Mains lost（电力故障）');
  });

  it("names a sensor by the registry's name where it has one: its kind and place are in the name", () => {
    const named: AlertMessage = {
      key: 'alarm.namedSensorOffline',
      params: { kind: 'scanner', sensor: { en: 'Ticket scanner 1, Gate 1', zh: '1号门 检票机 1' } },
    };
    expect(say('en', named)).toBe('Ticket scanner 1, Gate 1 offline');
    expect(say('zh', named)).toBe('1号门 检票机 1 离线');
  });

  it('shows an alert raised before messages were keyed by its English title', () => {
    expect(say('zh', null, 'Gate 1: crowding at level of service F')).toBe('Gate 1: crowding at level of service F');
  });
});
