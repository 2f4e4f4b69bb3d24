import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeNext } from '@/lib/auth/permissions';
import { localeInfo } from '@/lib/i18n/locales';
import { getFeedRuntime, startProgress } from '@/lib/server/feed-runtime';
import { requestMessages } from '@/lib/server/locale';
import { formattersFor } from '@/components/format/format';
import { StartingWatch } from '@/components/shell/starting-watch';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestMessages();
  return { title: `${t('starting.title')} · ${t('app.name')}` };
}

/**
 * Where a page goes while the server cannot yet tell who is asking (sessions are in the database,
 * and it is not there yet): what the server waits for, since when, and back by itself once ready.
 */
export default async function StartingPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = (typeof next === 'string' ? safeNext(next) : null) ?? '/';
  if (getFeedRuntime()) redirect(target);
  const { locale, t } = await requestMessages();
  const f = formattersFor(localeInfo(locale).intl, t);
  const database = startProgress()?.database;
  return (
    <main className="login-page starting-page">
      <h1>{t('starting.title')}</h1>
      <p role="status">{t('starting.waiting', { time: database ? f.clock(database.since) : '—' })}</p>
      {database && database.attempts > 0 && (
        <p className="starting-tries">
          {t('starting.tries', { n: database.attempts, error: database.lastError ?? '' })}
        </p>
      )}
      <p className="login-hint">{t('starting.back')}</p>
      <StartingWatch next={target} />
    </main>
  );
}
