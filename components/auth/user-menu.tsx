'use client';

import { reloadTo } from '@/components/auth/reload-to';
import Link from 'next/link';
import { useState } from 'react';
import { ROLE_LABEL } from '@/components/format/format';
import { useUser } from './user-context';

/** Who is signed in, the way to the alerts, and signing out. */
export function UserMenu({ alertsLink = true }: { alertsLink?: boolean }) {
  const user = useUser();
  const [leaving, setLeaving] = useState(false);
  const signOut = async () => {
    setLeaving(true);
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    reloadTo('/login');
  };
  return (
    <div className="user-menu">
      {alertsLink ? (
        <Link className="button" href="/alerts">
          Alerts
        </Link>
      ) : null}
      <span className="user-name">
        {user.name} <small>{ROLE_LABEL[user.role]}</small>
      </span>
      <button type="button" className="button" onClick={signOut} disabled={leaving}>
        Sign out
      </button>
    </div>
  );
}
