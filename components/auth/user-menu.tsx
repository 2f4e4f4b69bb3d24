'use client';

import { reloadTo } from '@/components/auth/reload-to';
import Link from 'next/link';
import { useId, useState } from 'react';
import { ROLE_KEY } from '@/components/format/format';
import { useT } from '@/components/i18n/i18n-provider';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { useUser } from './user-context';
import { deadline } from '@/components/net/deadline';

/**
 * Who is signed in, the way to the alerts, and signing out. On a phone all but the way to the alerts fold
 * behind one button: unfolded, the header took a third of a responder's first screen.
 */
export function UserMenu({ alertsLink = true }: { alertsLink?: boolean }) {
  const user = useUser();
  const t = useT();
  const [leaving, setLeaving] = useState(false);
  const [open, setOpen] = useState(false);
  const moreId = useId();
  const signOut = async () => {
    setLeaving(true);
    await fetch('/api/auth/logout', { method: 'POST', signal: deadline() }).catch(() => undefined);
    reloadTo('/login');
  };
  return (
    <div
      className="user-menu"
      data-open={open ? '' : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      {alertsLink ? (
        <Link className="button" href="/alerts">
          {t('nav.alerts')}
        </Link>
      ) : null}
      {/* Shown on a phone only (CSS); elsewhere everything below is in the header as it is. */}
      <button
        type="button"
        className="button user-menu-toggle"
        aria-expanded={open}
        aria-controls={moreId}
        onClick={() => setOpen((o) => !o)}
      >
        {/* Three bars drawn by CSS (no font need have a glyph for them); the name is for screen readers. */}
        <span className="user-menu-bars" aria-hidden="true" />
        <span className="visually-hidden">{t('nav.menu')}</span>
      </button>
      <div className="user-menu-more" id={moreId}>
        {alertsLink ? (
          <Link className="button" href="/report" onClick={() => setOpen(false)}>
            {t('nav.report')}
          </Link>
        ) : null}
        <span className="user-name">
          {user.name} <small>{t(ROLE_KEY[user.role])}</small>
        </span>
        <button type="button" className="button" onClick={signOut} disabled={leaving}>
          {t('auth.signOut')}
        </button>
        <LanguageSwitch />
      </div>
    </div>
  );
}
