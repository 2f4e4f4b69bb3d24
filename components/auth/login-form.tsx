'use client';

import { reloadTo } from '@/components/auth/reload-to';
import { useState, type FormEvent } from 'react';
import { homeOf, safeNext } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/contracts/alerts';
import { useT } from '@/components/i18n/i18n-provider';
import { deadline } from '@/components/net/deadline';

/** Sign-in: the server sets an httpOnly session cookie; then on to where the user was going, or home. */
export function LoginForm({ next }: { next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        signal: deadline(),
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      const body = (await res.json().catch(() => ({}))) as { user?: SessionUser; error?: string };
      if (!res.ok || !body.user) {
        setError(body.error ?? t('login.failed', { status: res.status }));
        return;
      }
      reloadTo(safeNext(next) ?? homeOf(body.user));
    } catch {
      setError(t('login.noAnswer'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="login-form" onSubmit={submit}>
      <label>
        {t('login.user')}
        <input name="username" autoComplete="username" autoCapitalize="none" required autoFocus />
      </label>
      <label>
        {t('login.password')}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button className="button primary big" type="submit" disabled={busy}>
        {t(busy ? 'login.signingIn' : 'login.signIn')}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
