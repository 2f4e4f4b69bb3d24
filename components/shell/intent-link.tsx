'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * A link that fetches its page when a person reaches for it (pointer over it, a finger down on it, keyboard
 * focus), not when it scrolls into view. For long lists of links (the wall's 56 venue chips, a stadium's
 * sensor and zone rows): Next's default prefetched every one in view on every load, 60-odd server renders for a wall that
 * nobody clicks, again on each return to the city in a rotation.
 */
export function IntentLink({
  href,
  onPointerEnter,
  onPointerDown,
  onFocus,
  ...props
}: ComponentProps<typeof Link> & { href: string }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onPointerEnter={(e) => {
        prefetch();
        onPointerEnter?.(e);
      }}
      onPointerDown={(e) => {
        prefetch();
        onPointerDown?.(e);
      }}
      onFocus={(e) => {
        prefetch();
        onFocus?.(e);
      }}
    />
  );
}
