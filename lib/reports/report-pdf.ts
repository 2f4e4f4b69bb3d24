/**
 * The shift report as a PDF (A4) in the reader's language: the same sections, words and numbers as
 * the page (/report, components/report/shift-report-view.tsx), written with the screens' own fonts
 * (PdfFonts) so Chinese, Japanese, Korean, Thai and Arabic read as they do on screen. Arabic pages
 * run right to left (columns mirrored). Cells wrap inside their column; a table that reaches the
 * foot of a page goes on over the next with its header again.
 */
import 'server-only';
import PDFDocument from 'pdfkit';
import { DESKS, type AlarmKpis, type Desk, type PositionKpis } from '../contracts/alarm-kpis';
import type { AlertView } from '../contracts/alerts';
import { SEVERITIES } from '../contracts/payloads.schema';
import type { AlertStats, ShiftReport, VenuePeak } from '../contracts/report';
import { alertText } from '../i18n/alert-text';
import { alertStateLabel, formattersFor, SEVERITY_KEY, type Formatters } from '../i18n/format';
import { localeInfo, localName, type Locale } from '../i18n/locales';
import type { MessageKey, Translate } from '../i18n/translate';
import { PdfFonts } from './pdf-fonts';
import { PdfText, type TextStyle } from './pdf-text';

export interface ReportWords {
  t: Translate;
  locale: Locale;
  /** Registry names by venue id (alerts carry the English name). */
  venueNames: Record<string, { en: string; zh: string }>;
}

interface Column {
  title: string;
  /** Share of the page's width. */
  share: number;
  numeric?: boolean;
}
type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'table'; columns: Column[]; rows: string[][]; caption?: string };

const MARGIN = 40;
const STYLE = {
  title: { size: 16, weight: 'bold', align: 'start' },
  heading: { size: 12, weight: 'bold', align: 'start' },
  para: { size: 9.5, weight: 'regular', align: 'start' },
  head: { size: 8, weight: 'bold', align: 'start' },
  cell: { size: 8, weight: 'regular', align: 'start' },
} satisfies Record<string, TextStyle>;
const CELL_PAD = 4;

const DESK_KEY: Record<Desk, MessageKey> = {
  technology: 'kpis.position.technology',
  venues: 'kpis.position.venues',
};

/** The report as blocks of text in the reader's language: what the page shows, in the same order. */
function reportBlocks(r: ShiftReport, { t, locale, venueNames }: ReportWords): Block[] {
  const f: Formatters = formattersFor(localeInfo(locale).intl, t);
  const when = (ms: number) => `${f.date(ms)} ${f.hm(ms)}`;
  const nameOf = (id: string) => (venueNames[id] ? localName(venueNames[id], locale) : id);
  const venueOf = (a: AlertView) =>
    a.venueId && venueNames[a.venueId] ? nameOf(a.venueId) : (a.venueName ?? t('venue.all'));
  const text = (a: AlertView) => alertText(t, locale, localeInfo(locale).intl, a);
  const blocks: Block[] = [];

  blocks.push({ kind: 'title', text: t('report.heading', { hours: r.hours }) });
  blocks.push({
    kind: 'para',
    text: [
      t('report.window', { from: when(r.from), to: when(r.to) }),
      t('report.generatedFor', { who: r.generatedBy }),
      ...(r.venues ? [t('report.scope', { venues: f.list(r.venues.map(nameOf)) })] : []),
    ].join(' · '),
  });

  const stats = (label: string, s: AlertStats) => [
    label,
    f.int(s.raised),
    f.int(s.acknowledged),
    f.int(s.resolved),
    f.age(s.ackMedianMs),
    f.age(s.ackP90Ms),
    f.age(s.ackMaxMs),
  ];
  blocks.push({ kind: 'heading', text: t('report.alertsTitle') });
  blocks.push({
    kind: 'table',
    columns: [
      { title: t('report.severity'), share: 0.22 },
      { title: t('report.raised'), share: 0.1, numeric: true },
      { title: t('report.acknowledged'), share: 0.13, numeric: true },
      { title: t('report.resolved'), share: 0.11, numeric: true },
      { title: t('report.ackMedian'), share: 0.16, numeric: true },
      { title: t('report.ackP90'), share: 0.14, numeric: true },
      { title: t('report.ackMax'), share: 0.14, numeric: true },
    ],
    rows: [...SEVERITIES.map((s) => stats(t(SEVERITY_KEY[s]), r.bySeverity[s])), stats(t('report.all'), r.total)],
  });

  blocks.push(...alarmSystemBlocks(r.alarmSystem, t, f, nameOf));

  blocks.push({ kind: 'heading', text: `${t('report.openTitle')}: ${f.int(r.openTotal)}` });
  if (r.open.length === 0) blocks.push({ kind: 'para', text: t('report.noneOpen') });
  else
    blocks.push({
      kind: 'table',
      columns: [
        { title: t('report.severity'), share: 0.12 },
        { title: t('report.alert'), share: 0.34 },
        { title: t('alerts.venue'), share: 0.2 },
        { title: t('report.raised'), share: 0.16 },
        { title: t('report.state'), share: 0.18 },
      ],
      rows: r.open.map((a) => [
        t(SEVERITY_KEY[a.severity]),
        text(a),
        venueOf(a),
        when(a.raisedAt),
        alertStateLabel(a, t),
      ]),
    });
  if (r.openTotal > r.open.length)
    blocks.push({ kind: 'para', text: t('alarm.more', { n: r.openTotal - r.open.length }) });

  blocks.push({ kind: 'heading', text: t('report.peaksTitle') });
  // A venue no one was in (no session in the window) is named once, not a row of zeros.
  const occupied = r.peaks.filter((p) => p.peak > 0);
  const empty = r.peaks.filter((p) => p.peak === 0);
  const peakName = (p: VenuePeak) => (p.name ? localName(p.name, locale) : p.venueId);
  if (occupied.length === 0) blocks.push({ kind: 'para', text: t('report.noPeaks') });
  else
    blocks.push({
      kind: 'table',
      columns: [
        { title: t('alerts.venue'), share: 0.4 },
        { title: t('report.peak'), share: 0.13, numeric: true },
        { title: t('report.capacity'), share: 0.13, numeric: true },
        { title: '%', share: 0.08, numeric: true },
        { title: t('report.peakAt'), share: 0.26 },
      ],
      rows: occupied.map((p) => [
        peakName(p),
        f.int(p.peak),
        f.int(p.capacity),
        p.capacity > 0 ? `${f.int(Math.round((p.peak / p.capacity) * 100))}%` : '—',
        when(p.peakAt),
      ]),
    });
  if (empty.length > 0)
    blocks.push({ kind: 'para', text: t('report.emptyVenues', { names: f.list(empty.map(peakName)) }) });

  blocks.push({ kind: 'heading', text: `${t('report.seriousTitle')}: ${f.int(r.seriousTotal)}` });
  if (r.serious.length === 0) blocks.push({ kind: 'para', text: t('report.noneSerious') });
  else
    blocks.push({
      kind: 'table',
      columns: [
        { title: t('report.raised'), share: 0.15 },
        { title: t('report.severity'), share: 0.1 },
        { title: t('report.alert'), share: 0.3 },
        { title: t('alerts.venue'), share: 0.18 },
        { title: t('report.toAck'), share: 0.11, numeric: true },
        { title: t('report.state'), share: 0.16 },
      ],
      rows: r.serious.map((a) => [
        when(a.raisedAt),
        t(SEVERITY_KEY[a.severity]),
        text(a),
        venueOf(a),
        f.age(a.acknowledgedAt === null ? null : a.acknowledgedAt - a.raisedAt),
        alertStateLabel(a, t),
      ]),
    });
  if (r.seriousTotal > r.serious.length)
    blocks.push({ kind: 'para', text: t('alarm.more', { n: r.seriousTotal - r.serious.length }) });
  return blocks;
}

/** The alarm system against ISA-18.2 / EEMUA 191, as the page shows it (docs/alarms.md). */
function alarmSystemBlocks(k: AlarmKpis, t: Translate, f: Formatters, nameOf: (id: string) => string): Block[] {
  const one = (n: number) => f.num(n, 1);
  const position = (label: string, p: PositionKpis) => [
    label,
    f.int(p.alarms),
    one(p.perHour),
    one(p.per10MinAverage),
    f.int(p.per10MinPeak),
    `${one(p.timeInFloodPercent)}%`,
  ];
  const total = k.priorities.high + k.priorities.medium + k.priorities.low;
  const pct = (n: number) => (total === 0 ? '—' : `${f.int(Math.round((100 * n) / total))}%`);
  const busiest = k.venueTeams.busiest;
  const blocks: Block[] = [
    { kind: 'heading', text: t('kpis.title') },
    {
      kind: 'table',
      columns: [
        { title: t('kpis.position'), share: 0.3 },
        { title: t('kpis.alarms'), share: 0.12, numeric: true },
        { title: t('kpis.perHour'), share: 0.14, numeric: true },
        { title: t('kpis.per10Min'), share: 0.16, numeric: true },
        { title: t('kpis.peak10Min'), share: 0.14, numeric: true },
        { title: t('kpis.flood'), share: 0.14, numeric: true },
      ],
      rows: [
        ...DESKS.map((d) => position(t(DESK_KEY[d]), k.byPosition[d])),
        ...(busiest ? [position(t('kpis.position.venueTeam', { venue: nameOf(busiest.venueId) }), busiest)] : []),
      ],
    },
    {
      kind: 'table',
      columns: [
        { title: '', share: 0.3 },
        { title: '', share: 0.7 },
      ],
      rows: [
        [t('kpis.venueTeams'), t('kpis.venueTeamsValue', { alarms: k.venueTeams.alarms, venues: k.venueTeams.venues })],
        [
          t('kpis.priorities'),
          t('kpis.prioritySpread', {
            low: pct(k.priorities.low),
            medium: pct(k.priorities.medium),
            high: pct(k.priorities.high),
          }),
        ],
        [t('kpis.chattering'), f.int(k.chatteringSources.length)],
        [t('kpis.standing'), f.int(k.standing)],
        [
          t('kpis.toAck'),
          t('kpis.toAckValue', {
            median: f.age(k.timeToAcknowledgeMs.median),
            p90: f.age(k.timeToAcknowledgeMs.p90),
            n: f.int(k.timeToAcknowledgeMs.acknowledged),
          }),
        ],
      ],
    },
  ];
  if (k.topSources.length > 0)
    blocks.push({
      kind: 'table',
      caption: t('kpis.badActors'),
      columns: [
        { title: t('kpis.source'), share: 0.6 },
        { title: t('kpis.alarms'), share: 0.2, numeric: true },
        { title: t('kpis.share'), share: 0.2, numeric: true },
      ],
      rows: k.topSources.map((s) => [
        `${s.source} (${s.type})`,
        f.int(s.count),
        `${f.int(Math.round(s.share * 100))}%`,
      ]),
    });
  return blocks;
}

function allText(blocks: Block[]): string[] {
  return blocks.flatMap((b) =>
    b.kind === 'table' ? [b.caption ?? '', ...b.columns.map((c) => c.title), ...b.rows.flat()] : [b.text],
  );
}

export async function shiftReportPdf(r: ShiftReport, words: ReportWords): Promise<Buffer> {
  const { t, locale } = words;
  const info = localeInfo(locale);
  const blocks = reportBlocks(r, words);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: info.intl,
    info: { Title: t('report.heading', { hours: r.hours }), Author: r.generatedBy },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const text = new PdfText(doc, new PdfFonts(locale), info.intl, info.dir === 'rtl');
  await text.prepare([...allText(blocks), '0123456789 ']);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  let y = MARGIN;
  /** A new page unless `h` more fits on this one. */
  const room = (h: number) => {
    if (y + h <= bottom()) return;
    doc.addPage();
    y = MARGIN;
  };

  for (const b of blocks) {
    if (b.kind === 'title') {
      y += text.draw(b.text, MARGIN, y, width, STYLE.title) + 4;
    } else if (b.kind === 'heading') {
      // A heading never ends a page: it goes over with the first lines of what it heads.
      room(text.height(b.text, width, STYLE.heading) + 40);
      y += 8 + text.draw(b.text, MARGIN, y + 8, width, STYLE.heading) + 2;
    } else if (b.kind === 'para') {
      room(text.height(b.text, width, STYLE.para));
      y += text.draw(b.text, MARGIN, y, width, STYLE.para) + 6;
    } else {
      if (b.caption) {
        room(text.height(b.caption, width, STYLE.heading) + 30);
        y += text.draw(b.caption, MARGIN, y, width, { ...STYLE.para, weight: 'bold' }) + 2;
      }
      y = drawTable(doc, text, b.columns, b.rows, y, width) + 8;
    }
  }
  doc.end();
  return done;
}

/** A table from `top`: returns where it ends. Columns run right to left on an Arabic page. */
function drawTable(
  doc: PDFKit.PDFDocument,
  text: PdfText,
  columns: Column[],
  rows: string[][],
  top: number,
  width: number,
): number {
  let y = top;
  const cellWidths = columns.map((c) => c.share * width);
  const lefts: number[] = [];
  let x = text.rtl ? MARGIN + width : MARGIN;
  for (const w of cellWidths) {
    if (text.rtl) x -= w;
    lefts.push(x);
    if (!text.rtl) x += w;
  }
  const hasHeader = columns.some((c) => c.title !== '');
  const rowHeight = (cells: string[], style: TextStyle) =>
    Math.max(...cells.map((c, i) => text.height(c, cellWidths[i]! - 2 * CELL_PAD, style))) + 2 * CELL_PAD;
  const drawRow = (cells: string[], header: boolean) => {
    const style = header ? STYLE.head : STYLE.cell;
    const h = rowHeight(cells, style);
    if (y + h > doc.page.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
      if (!header && hasHeader)
        drawRow(
          columns.map((c) => c.title),
          true,
        );
    }
    if (header) doc.rect(MARGIN, y, width, h).fill('#e8eaee');
    cells.forEach((c, i) => {
      const align = columns[i]!.numeric ? 'end' : 'start';
      text.draw(c, lefts[i]! + CELL_PAD, y + CELL_PAD, cellWidths[i]! - 2 * CELL_PAD, { ...style, align });
    });
    y += h;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.5)
      .strokeColor('#c0c4cc')
      .stroke();
  };
  if (hasHeader)
    drawRow(
      columns.map((c) => c.title),
      true,
    );
  for (const r of rows) drawRow(r, false);
  return y;
}
