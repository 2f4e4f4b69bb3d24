'use client';

import { useT } from '@/components/i18n/i18n-provider';

/** The browser's print dialog, which also saves the page as a PDF in any language. */
export function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="button primary" onClick={() => window.print()}>
      {t('report.print')}
    </button>
  );
}
