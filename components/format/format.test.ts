import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IncidentView } from '@/lib/contracts/stream';
import type { Messages } from '@/lib/i18n/translate';
import { translator } from '@/lib/i18n/translate';
import { LOCALES } from '@/lib/i18n/locales';
import { formattersFor, incidentsByUrgency } from './format';

const incident = (
  key: string,
  severity: IncidentView['severity'],
  state: IncidentView['state'],
  raisedAt: number,
): IncidentView => ({
  key,
  venueId: 'v',
  id: key,
  kind: 'power_fault',
  severity,
  state,
  title: key,
  zoneId: null,
  sensorId: null,
  raisedAt,
  updatedAt: raisedAt,
});

describe('incidentsByUrgency', () => {
  it('puts open before cleared, then worst severity, then oldest', () => {
    const list = [
      incident('cleared-critical', 'critical', 'cleared', 1),
      incident('minor-old', 'minor', 'open', 1),
      incident('critical-new', 'critical', 'open', 9),
      incident('critical-old', 'critical', 'open', 2),
    ];
    const keys = incidentsByUrgency(Object.fromEntries(list.map((i) => [i.key, i]))).map((i) => i.key);
    expect(keys).toEqual(['critical-old', 'critical-new', 'minor-old', 'cleared-critical']);
  });
});

describe('formatters', () => {
  const en = JSON.parse(readFileSync('lib/i18n/messages/en.json', 'utf8')) as Messages;
  const zh = JSON.parse(readFileSync('lib/i18n/messages/zh.json', 'utf8')) as Messages;
  const f = formattersFor('en-GB', translator(en));
  const T = Date.UTC(2023, 8, 23, 12, 5, 9); // 20:05:09 in Hangzhou

  it('says the age of data in seconds, minutes, then hours and minutes', () => {
    expect(f.age(null)).toBe('—');
    expect(f.age(4_400)).toBe('4 s');
    expect(f.age(125_000)).toBe('2 min');
    expect(f.age(7_500_000)).toBe('2 h 5 min');
  });

  it('keeps Games time (Asia/Shanghai) whatever the language', () => {
    expect(f.clock(T)).toBe('20:05:09');
    expect(f.int(100461)).toBe('100,461');
    const zf = formattersFor('zh-CN', translator(zh));
    expect(zf.clock(T)).toBe('20:05:09');
    expect(zf.age(125_000)).toBe('2 分钟');
    expect(formattersFor('ar', translator(en)).int(56)).toMatch(/^(56|٥٦)$/);
  });

  it("writes percentages with the language's sign, marked so a right-to-left line keeps it by its number", () => {
    expect(f.percent(81)).toBe('81%');
    // Arabic: left-to-right marks hold "81%" together; beside another figure it cannot run into it.
    expect(formattersFor('ar', translator(en)).percent(81)).toMatch(/^(81|٨١)\u200e?[%٪]\u200e?$/);
  });

  it("tells a chart's ticks a thousand apart from each other in every language, up to two million", () => {
    for (const { intl } of LOCALES) {
      const c = formattersFor(intl, translator(en)).compact;
      const labels = Array.from({ length: 2001 }, (_, i) => c(i * 1000));
      // Rounded to whole thousands, 100,500 and 101,000 had both read "101k"; here each tick reads once.
      expect(new Set(labels).size, intl).toBe(labels.length);
      // Short enough for the axis's margin (four times the type size) for any crowd below a million.
      expect(Math.max(...labels.slice(0, 1000).map((l) => l.length)), intl).toBeLessThanOrEqual(7);
    }
    expect([99_000, 100_000, 101_000].map(f.compact)).toEqual(['99k', '100k', '101k']);
    expect(formattersFor('zh-CN', translator(zh)).compact(101_000)).toBe('10.1万');
  });
});
