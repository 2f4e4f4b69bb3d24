/**
 * The shift report as a PDF (A4), in English with the PDF's standard fonts: the registry
 * names every venue in English and the alerts are written in English, so nothing is lost;
 * the page (/report) is the report in every language, and prints to PDF from any browser.
 */
import 'server-only';
import PDFDocument from 'pdfkit';
import type { AlertView } from '../contracts/alerts';
import { SEVERITIES } from '../contracts/payloads.schema';
import type { AlertStats, ShiftReport } from '../contracts/report';

const TIME_ZONE = 'Asia/Shanghai';
const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const int = new Intl.NumberFormat('en-GB');

function duration(ms: number | null): string {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A table: columns by width (points), rows of text; a new page (with the header again) when full. */
function table(doc: PDFKit.PDFDocument, columns: { title: string; width: number }[], rows: string[][]) {
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const line = (cells: string[], bold: boolean) => {
    const heights = cells.map((c, i) =>
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').heightOfString(c, { width: columns[i]!.width - 6 }),
    );
    const h = Math.max(...heights) + 4;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!bold)
        line(
          columns.map((c) => c.title),
          true,
        );
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(c, x, y, { width: columns[i]!.width - 6 });
      x += columns[i]!.width;
    });
    doc.x = left;
    doc.y = y + h;
  };
  doc.fontSize(8.5);
  line(
    columns.map((c) => c.title),
    true,
  );
  for (const r of rows) line(r, false);
  doc.moveDown(0.8);
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.x = doc.page.margins.left;
  doc.font('Helvetica-Bold').fontSize(12).text(text);
  doc.moveDown(0.3);
}

function statsRow(label: string, s: AlertStats): string[] {
  return [
    label,
    int.format(s.raised),
    int.format(s.acknowledged),
    int.format(s.resolved),
    duration(s.ackMedianMs),
    duration(s.ackP90Ms),
    duration(s.ackMaxMs),
  ];
}

const alertState = (a: AlertView) =>
  a.status === 'open'
    ? 'unacknowledged'
    : a.status === 'acknowledged'
      ? `ack ${a.acknowledgedBy ?? ''}${a.assignee ? `, assigned ${a.assignee}` : ''}`
      : `resolved by ${a.resolvedBy ?? ''}`;

export function shiftReportPdf(r: ShiftReport, now: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: 'Shift report', Author: r.generatedBy } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Helvetica-Bold').fontSize(16).text('Venue Command Center: shift report');
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `Last ${r.hours} h: ${when.format(r.from)} to ${when.format(r.to)} (Games time, CST). ` +
        `Generated ${when.format(now)} for ${r.generatedBy}; ${r.venues ? `venues: ${r.venues.join(', ')}` : 'every venue'}.`,
    );
  doc.moveDown();

  heading(doc, 'Alerts in the shift');
  table(
    doc,
    [
      { title: 'Severity', width: 85 },
      { title: 'Raised', width: 60 },
      { title: 'Acknowledged', width: 75 },
      { title: 'Resolved', width: 60 },
      { title: 'To ack, median', width: 85 },
      { title: 'p90', width: 70 },
      { title: 'longest', width: 80 },
    ],
    [...SEVERITIES.map((s) => statsRow(s, r.bySeverity[s])), statsRow('all', r.total)],
  );

  heading(doc, `Open at hand-over: ${int.format(r.openTotal)}`);
  table(
    doc,
    [
      { title: 'Severity', width: 55 },
      { title: 'Alert', width: 190 },
      { title: 'Venue', width: 120 },
      { title: 'Raised', width: 65 },
      { title: 'State', width: 85 },
    ],
    r.open.map((a) => [a.severity, a.title, a.venueName ?? 'all venues', when.format(a.raisedAt), alertState(a)]),
  );
  if (r.openTotal > r.open.length) doc.text(`and ${r.openTotal - r.open.length} more`).moveDown();

  heading(doc, 'Peak occupancy by venue');
  table(
    doc,
    [
      { title: 'Venue', width: 215 },
      { title: 'Peak', width: 70 },
      { title: 'Capacity', width: 70 },
      { title: '%', width: 50 },
      { title: 'At', width: 100 },
    ],
    r.peaks.map((p) => [
      p.name?.en ?? p.venueId,
      int.format(p.peak),
      int.format(p.capacity),
      p.capacity > 0 ? `${Math.round((p.peak / p.capacity) * 100)}%` : '-',
      when.format(p.peakAt),
    ]),
  );

  heading(doc, `Critical and major alerts raised: ${int.format(r.seriousTotal)}`);
  table(
    doc,
    [
      { title: 'Raised', width: 65 },
      { title: 'Severity', width: 50 },
      { title: 'Alert', width: 180 },
      { title: 'Venue', width: 110 },
      { title: 'To ack', width: 50 },
      { title: 'State', width: 60 },
    ],
    r.serious.map((a) => [
      when.format(a.raisedAt),
      a.severity,
      a.title,
      a.venueName ?? 'all venues',
      duration(a.acknowledgedAt === null ? null : a.acknowledgedAt - a.raisedAt),
      a.status,
    ]),
  );
  doc.end();
  return done;
}
