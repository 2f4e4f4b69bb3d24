'use client';

import { reloadTo } from '@/components/auth/reload-to';
import { useState, type FormEvent } from 'react';
import { homeOf, safeNext } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/contracts/alerts';

/** Sign-in: the server sets an httpOnly session cookie; then on to where the user was going, or home. */
export function LoginForm({ next }: { next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      const body = (await res.json().catch(() => ({}))) as { user?: SessionUser; error?: string };
      if (!res.ok || !body.user) {
        setError(body.error ?? `sign-in failed (${res.status})`);
        return;
      }
      reloadTo(safeNext(next) ?? homeOf(body.user));
    } catch {
      setError('the server did not answer; try again');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="login-form" onSubmit={submit}>
      <label>
        User name
        <input name="username" autoComplete="username" autoCapitalize="none" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button className="button primary big" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
