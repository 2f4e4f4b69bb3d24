/** The shift report's PDF (`/api/report/pdf?hours=N`): the signed-in user's venues, last N hours. */
import 'server-only';
import type { SessionUser } from '../contracts/alerts';
import { reportHours, type ShiftReport } from '../contracts/report';
import { shiftReportPdf } from '../reports/report-pdf';
import { buildShiftReport } from '../reports/shift-report';
import { getFeedRuntime } from './feed-runtime';
import { requestMessages } from './locale';
import { requestUser, signInFirst } from './request-auth';

const stamp = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The report for this user over the last `hours`, as of now, with the registry's venue names. */
export async function currentShiftReport(
  user: SessionUser,
  hours: number,
): Promise<{ report: ShiftReport; venueNames: Record<string, { en: string; zh: string }> }> {
  const rt = (await getFeedRuntime())!;
  const report = await buildShiftReport(rt.alerts.db, rt.model, user, hours, Date.now());
  const venueNames = Object.fromEntries(
    [...rt.model.venues.values()].flatMap((v) => (v.def ? [[v.id, v.def.name] as const] : [])),
  );
  return { report, venueNames };
}

export async function reportPdfGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return new Response('starting\n', { status: 503, headers: { 'Retry-After': '1' } });
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  const hours = reportHours(new URL(request.url).searchParams.get('hours'));
  const { report, venueNames } = await currentShiftReport(user, hours);
  const { locale, t } = await requestMessages();
  const pdf = await shiftReportPdf(report, { t, locale, venueNames });
  const now = report.to;
  const name = `shift-report-${stamp.format(now).replace(/[^0-9]+/g, '')}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  });
}
