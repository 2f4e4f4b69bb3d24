/**
 * The shift report from a real database: peaks recorded minute by minute by the occupancy
 * recorder, alerts raised, acknowledged and resolved inside and outside the window, times
 * to acknowledge, what is open at hand-over, and a venue manager's report holding only their
 * venue. Run against the embedded PGlite and the PostgreSQL on 127.0.0.1:5432.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../contracts/alerts';
import type { Database } from '../db/database';
import { SituationModel } from '../ingest/situation-model';
import { actOnAlert, clearAlert, raiseCondition } from '../alerts/alert-repository';
import type { RaisedCondition } from '../alerts/alert-repository';
import { registry, T0, venueDef } from '../testing/fixtures';
import { TEST_DATABASES, type TestDatabase } from '../testing/test-databases';
import { localeInfo, type Locale } from '../i18n/locales';
import { MESSAGES } from '../i18n/messages';
import { translator, type Translate } from '../i18n/translate';
import { OccupancyRecorder } from './occupancy-recorder';
import { shiftReportPdf } from './report-pdf';
import { buildShiftReport } from './shift-report';

const HOUR = 3600_000;
/** The end of the window: "now" for the report. */
const NOW = T0 + 10 * HOUR;
const operator: SessionUser = { id: 'operator', name: 'Chen Wei', role: 'operator', venues: null };
const liNa: SessionUser = { id: 'responder', name: 'Li Na', role: 'responder', venues: null };
const manager: SessionUser = { id: 'manager', name: 'Wang Fang', role: 'venue_manager', venues: ['other-arena'] };

let n = 0;
const condition = (venueId: string, severity: RaisedCondition['severity']): RaisedCondition => ({
  source: `zone:${venueId}/gate-${++n}`,
  type: 'zone_level_of_service',
  venueId,
  venueName: venueId === 'test-arena' ? 'Test Arena' : 'Other Arena',
  zoneId: `gate-${n}`,
  sensorId: null,
  severity,
  title: `Gate ${n}: crowding at level of service F`,
});

function crowd(model: SituationModel, venueId: string, occupancy: number, at: number) {
  model.applyCrowd('hangzhou', venueId, 'stand-1', { ts: at, seq: at, entries: occupancy, exits: 0, occupancy }, at);
}

describe.each(TEST_DATABASES)('the shift report in $name', ({ make }) => {
  let target: TestDatabase;
  let db: Database;
  const model = new SituationModel();
  beforeAll(async () => {
    target = await make();
    db = await target.open();
    model.applyRegistry('hangzhou', 'test-arena', registry(T0), T0);
    model.applyRegistry(
      'hangzhou',
      'other-arena',
      registry(T0, 1, venueDef({ id: 'other-arena', name: { en: 'Other Arena', zh: '其他馆' } })),
      T0,
    );
    // A hall with no session in the window: reported by name as empty, not as a row of zeros.
    model.applyRegistry(
      'hangzhou',
      'quiet-hall',
      registry(T0, 1, venueDef({ id: 'quiet-hall', name: { en: 'Quiet Hall', zh: '静馆' } })),
      T0,
    );

    // Occupancy: a peak of 4,000 inside the window, a bigger one (4,900) before it.
    const recorder = new OccupancyRecorder(db, model);
    const record = async (at: number, testArena: number, otherArena: number) => {
      crowd(model, 'test-arena', testArena, at);
      crowd(model, 'other-arena', otherArena, at);
      crowd(model, 'quiet-hall', 0, at);
      recorder.sample(at);
      await recorder.flush(at);
    };
    await record(NOW - 9 * HOUR, 4900, 100);
    await record(NOW - 3 * HOUR, 4000, 300);
    await record(NOW - 3 * HOUR + 1000, 3500, 350);
    await record(NOW - 1 * HOUR, 2000, 200);

    // Alerts: one long before (resolved), one acknowledged after 2 min, one after 10 min and
    // left open, one unacknowledged, and a minor one at the other venue.
    const old = (await raiseCondition(db, condition('test-arena', 'critical'), NOW - 20 * HOUR))!;
    await actOnAlert(db, {
      alertId: old.id,
      action: 'acknowledge',
      requestId: 'r1',
      note: null,
      actor: liNa,
      now: NOW - 19 * HOUR,
    });
    await clearAlert(db, old.id, NOW - 19 * HOUR);
    await actOnAlert(db, {
      alertId: old.id,
      action: 'resolve',
      requestId: 'r2',
      note: null,
      actor: liNa,
      now: NOW - 18 * HOUR,
    });

    const quick = (await raiseCondition(db, condition('test-arena', 'critical'), NOW - 4 * HOUR))!;
    await actOnAlert(db, {
      alertId: quick.id,
      action: 'acknowledge',
      requestId: 'r3',
      note: null,
      actor: liNa,
      now: NOW - 4 * HOUR + 120_000,
    });
    await clearAlert(db, quick.id, NOW - 3 * HOUR);
    await actOnAlert(db, {
      alertId: quick.id,
      action: 'resolve',
      requestId: 'r4',
      note: null,
      actor: liNa,
      now: NOW - 3 * HOUR,
    });

    const slow = (await raiseCondition(db, condition('test-arena', 'major'), NOW - 2 * HOUR))!;
    await actOnAlert(db, {
      alertId: slow.id,
      action: 'acknowledge',
      requestId: 'r5',
      note: null,
      actor: liNa,
      now: NOW - 2 * HOUR + 600_000,
    });

    await raiseCondition(db, condition('test-arena', 'critical'), NOW - 30 * 60_000);
    await raiseCondition(db, condition('other-arena', 'minor'), NOW - 10 * 60_000);
  });
  afterAll(async () => {
    await target.drop();
  });

  it('counts what was raised, acknowledged and resolved in the window, with times to acknowledge', async () => {
    const r = await buildShiftReport(db, model, operator, 8, NOW);
    expect(r.total).toMatchObject({ raised: 4, acknowledged: 2, resolved: 1 });
    expect(r.bySeverity.critical).toMatchObject({ raised: 2, acknowledged: 1, resolved: 1, ackMedianMs: 120_000 });
    expect(r.bySeverity.major).toMatchObject({ raised: 1, acknowledged: 1, resolved: 0, ackMaxMs: 600_000 });
    expect(r.total.ackMaxMs).toBe(600_000);
    expect(r.seriousTotal).toBe(3);
    expect(r.serious.map((a) => a.severity)).toEqual(['critical', 'major', 'critical']);
  });

  it('judges the alarm system over the shift: alarms per position, priorities, time to acknowledge', async () => {
    const k = (await buildShiftReport(db, model, operator, 8, NOW)).alarmSystem;
    // Four raised in the 8 hours, all crowding at gates: the critical and major ones the venues desk's,
    // the minor one its venue team's.
    expect(k.alarms).toBe(4);
    expect(k.byPosition.venues).toMatchObject({ alarms: 3, perHour: 0.375, per10MinPeak: 1, timeInFloodPercent: 0 });
    expect(k.byPosition.technology.alarms).toBe(0);
    expect(k.venueTeams).toMatchObject({ alarms: 1, venues: 1, busiest: { alarms: 1, per10MinPeak: 1 } });
    expect(k.priorities).toEqual({ high: 2, medium: 1, low: 1 });
    expect(k.chatteringSources).toEqual([]);
    // Still active and raised over an hour before the end: the 4 h and 2 h ones; the 4 h one cleared.
    expect(k.standing).toBe(1);
    expect(k.timeToAcknowledgeMs).toMatchObject({ acknowledged: 2, median: 600_000 });
    expect(k.topSources).toHaveLength(4);
    const managers = (await buildShiftReport(db, model, manager, 8, NOW)).alarmSystem;
    expect(managers.alarms).toBe(1);
  });

  it('hands over what is unresolved, worst first', async () => {
    const r = await buildShiftReport(db, model, operator, 8, NOW);
    expect(r.openTotal).toBe(3);
    expect(r.open.map((a) => [a.severity, a.status])).toEqual([
      ['critical', 'open'],
      ['major', 'acknowledged'],
      ['minor', 'open'],
    ]);
  });

  it("gives each venue's peak inside the window and when it was", async () => {
    const r = await buildShiftReport(db, model, operator, 8, NOW);
    const test = r.peaks.find((p) => p.venueId === 'test-arena')!;
    expect(test).toMatchObject({ peak: 4000, capacity: 5000, name: { en: 'Test Arena', zh: '测试馆' } });
    expect(test.peakAt).toBe(Math.floor((NOW - 3 * HOUR) / 60_000) * 60_000);
    expect(r.peaks.find((p) => p.venueId === 'other-arena')?.peak).toBe(350);
  });

  it("holds only a venue manager's venues", async () => {
    const r = await buildShiftReport(db, model, manager, 8, NOW);
    expect(r.peaks.map((p) => p.venueId)).toEqual(['other-arena']);
    expect(r.total.raised).toBe(1);
    expect(r.open.map((a) => a.venueId)).toEqual(['other-arena']);
  });

  it.each(PDF_LANGUAGES)(
    'writes the report as a PDF in $locale that a reader can read',
    async ({ locale, heading, venue }) => {
      const t = translator(MESSAGES[locale], localeInfo(locale).intl);
      const venueNames = { 'other-arena': { en: 'Other Arena', zh: '其他馆' } };
      const pdf = await shiftReportPdf(await buildShiftReport(db, model, operator, 8, NOW), { t, locale, venueNames });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = foldDots(pdfText(pdf));
      // The words a reader searches for, in their language, from the PDF's own text layer.
      for (const word of heading(t)) expect(text).toContain(foldDots(word));
      expect(text).toContain(venue);
      expect(text).not.toContain('undefined');
      // And drawn: the first page carries ink, not blank boxes of a face that failed to embed.
      expect(inkShare(pdf)).toBeGreaterThan(0.01);
    },
  );
});

/** Headings each language must show, and a venue's name in the reader's language. */
const PDF_LANGUAGES: { locale: Locale; heading: (t: Translate) => string[]; venue: string }[] = [
  { locale: 'en', heading: (t) => [t('report.heading', { hours: 8 })], venue: 'Other Arena' },
  { locale: 'zh', heading: (t) => [t('report.alertsTitle'), t('report.peaksTitle')], venue: '其他馆' },
  { locale: 'ja', heading: (t) => [t('report.alertsTitle'), t('report.peaksTitle')], venue: 'Other Arena' },
  { locale: 'ko', heading: (t) => [t('report.alertsTitle')], venue: 'Other Arena' },
  { locale: 'th', heading: (t) => [t('report.alertsTitle')], venue: 'Other Arena' },
  { locale: 'ar', heading: (t) => [t('report.alertsTitle'), t('report.peaksTitle')], venue: 'Other Arena' },
];

/**
 * Arabic letters told apart only by their dots, as one: the Noto face draws them as one body with
 * dots beside, and a PDF's text layer can name that body by one letter only (a medial yeh reads
 * back as teh). The page reads right; a search in the file may need the other letter.
 */
function foldDots(text: string): string {
  const groups = ['بتثنيئى', 'جحخ', 'دذ', 'رز', 'سش', 'صض', 'طظ', 'عغ', 'فق', 'هة'];
  return text.replace(/[\u0600-\u06ff]/g, (c) => groups.find((g) => g.includes(c))?.[0] ?? c);
}

function pdfText(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 16 << 20 });
  if (out.status !== 0) throw new Error(`pdftotext: ${out.stderr.toString()}`);
  return out.stdout.toString('utf8').normalize('NFC');
}

/** The share of the first page's pixels that are dark, drawn by poppler at 40 dpi. */
function inkShare(pdf: Buffer): number {
  const out = spawnSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', '-'], {
    input: pdf,
    maxBuffer: 16 << 20,
  });
  if (out.status !== 0) throw new Error(`pdftoppm: ${out.stderr.toString()}`);
  // PGM: "P5\n<w> <h>\n255\n" then a byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(out.stdout.subarray(0, 40).toString('latin1'))!;
  const pixels = out.stdout.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}
