import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
// Self-hosted from npm: the wall works with no internet. Each face is split by unicode-range,
// so a browser fetches only the scripts its language shows.
import '@fontsource-variable/inter';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-sans-jp';
import '@fontsource-variable/noto-sans-kr';
import '@fontsource-variable/noto-sans-thai';
import '@fontsource-variable/noto-sans-arabic';
import './globals.css';
import { localeInfo } from '@/lib/i18n/locales';
import { requestMessages } from '@/lib/server/locale';
import { I18nProvider } from '@/components/i18n/i18n-provider';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestMessages();
  return { title: t('app.title'), description: t('app.description') };
}

export const viewport: Viewport = {
  themeColor: '#070c16',
  width: 'device-width',
  initialScale: 1,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, messages } = await requestMessages();
  const { dir } = localeInfo(locale);
  return (
    <html lang={locale} dir={dir}>
      <body>
        <I18nProvider locale={locale} messages={messages}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
