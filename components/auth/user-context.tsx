'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { SessionUser } from '@/lib/contracts/alerts';

const UserContext = createContext<SessionUser | null>(null);

/** The signed-in user, as the server checked it when the page was rendered. */
export function UserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

export function useUser(): SessionUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser must be used inside <UserProvider>');
  return user;
}
