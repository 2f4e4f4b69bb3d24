import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
// Self-hosted from npm: the wall works with no internet.
import '@fontsource-variable/inter';
import '@fontsource-variable/noto-sans-sc';
import './globals.css';

export const metadata: Metadata = {
  title: 'Venue Command Center · Hangzhou 2023',
  description: 'Situational awareness for the venues of a multi-city Games',
};

export const viewport: Viewport = {
  themeColor: '#070c16',
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
