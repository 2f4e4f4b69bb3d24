'use client';

import { reloadTo } from '@/components/auth/reload-to';
import Link from 'next/link';
import { useState } from 'react';
import { ROLE_KEY } from '@/components/format/format';
import { useT } from '@/components/i18n/i18n-provider';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { useUser } from './user-context';
import { deadline } from '@/components/net/deadline';

/** Who is signed in, the way to the alerts, and signing out. */
export function UserMenu({ alertsLink = true }: { alertsLink?: boolean }) {
  const user = useUser();
  const t = useT();
  const [leaving, setLeaving] = useState(false);
  const signOut = async () => {
    setLeaving(true);
    await fetch('/api/auth/logout', { method: 'POST', signal: deadline() }).catch(() => undefined);
    reloadTo('/login');
  };
  return (
    <div className="user-menu">
      {alertsLink ? (
        <Link className="button" href="/alerts">
          {t('nav.alerts')}
        </Link>
      ) : null}
      {alertsLink ? (
        <Link className="button" href="/report">
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
  );
}
