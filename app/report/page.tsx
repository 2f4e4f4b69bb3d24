import type { Metadata } from 'next';
import Link from 'next/link';
import { REPORT_HOURS, reportHours } from '@/lib/contracts/report';
import { localeInfo } from '@/lib/i18n/locales';
import { requestMessages } from '@/lib/server/locale';
import { pageUser } from '@/lib/server/page-auth';
import { currentShiftReport } from '@/lib/server/report-handlers';
import { formattersFor } from '@/components/format/format';
import { PrintButton } from '@/components/report/print-button';
import { ShiftReportView } from '@/components/report/shift-report-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestMessages();
  return { title: `${t('report.title')} · ${t('app.name')}` };
}

const CHOICES = [4, 8, 12, 24];

/** The usual spans, and the one asked for (a link may ask for any from 1 to 24) so the form says what is shown. */
const choicesWith = (hours: number) => [...new Set([...CHOICES, hours])].sort((a, b) => a - b);

/** The shift report (`/report?hours=8`): for the hand-over, on screen, on paper and as a PDF. */
export default async function ReportPage({ searchParams }: { searchParams: Promise<{ hours?: string }> }) {
  const user = await pageUser();
  const hours = reportHours((await searchParams).hours ?? REPORT_HOURS.default);
  const { locale, t } = await requestMessages();
  const f = formattersFor(localeInfo(locale).intl, t);
  const { report, venueNames } = await currentShiftReport(user, hours);
  return (
    <main className="report-page">
      <nav className="report-controls" aria-label={t('report.controls')}>
        <Link href="/" className="button">
          {t('report.back')}
        </Link>
        <form method="get" className="report-hours">
          <label>
            {t('report.hoursLabel')}{' '}
            <select name="hours" defaultValue={String(hours)}>
              {choicesWith(hours).map((h) => (
                <option key={h} value={h}>
                  {t('report.hours', { n: h })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button">
            {t('report.show')}
          </button>
        </form>
        <PrintButton />
        <a className="button" href={`/api/report/pdf?hours=${hours}`} download>
          {t('report.pdf')}
        </a>
      </nav>
      <ShiftReportView report={report} t={t} f={f} locale={locale} venueNames={venueNames} />
    </main>
  );
}
