'use client';

import Link from 'next/link';
import { canViewCity } from '@/lib/auth/permissions';
import { WallAlarmBanner } from '@/components/alerts/wall-alarm-banner';
import { UserMenu } from '@/components/auth/user-menu';
import { useUser } from '@/components/auth/user-context';
import { ConnectionBadge, ConnectionState } from '@/components/panels/connection-badge';
import { FeedSource, VenueFeedSource } from '@/components/panels/feed-source';
import { ShanghaiClock } from '@/components/panels/shanghai-clock';
import { CityStaleBanner, VenueStaleBanner } from '@/components/panels/stale-banner';
import { useVenue, useVenueStore } from '@/components/store/venue-provider';
import { useOptionalSituation } from '@/components/store/situation-provider';
import { RotationStrip } from '@/components/wall/rotation-strip';
import { useLocale, useT } from '@/components/i18n/i18n-provider';
import { localName, otherName } from '@/lib/i18n/locales';
import type { WallParams } from '@/components/wall/wall-params';
import type { RotationView } from '@/lib/contracts/wall';
import { venueHref, zoneHref, type Level } from './level';
import { useSensorTitleById } from '@/components/venue/sensor-title';

function VenueConnection() {
  const phase = useVenue((s) => s.phase);
  return <ConnectionState phase={phase} store={useVenueStore()} />;
}

type Crumb = { label: string; href: string | null };
type Name = { en: string; zh: string } | undefined;

/** City › venue › zone › sensor, each a link but the last; names from the registry when known. */
function useCrumbs(level: Exclude<Level, { kind: 'city' }>): {
  crumbs: Crumb[];
  title: string;
  sub: { text: string; lang: string } | null;
} {
  const t = useT();
  const locale = useLocale();
  // The venue's own stream names it; until it has, the city's stream (open on walls) already does.
  const venueOwn = useVenue((s) => s.summary?.name);
  const venueHeld = useOptionalSituation((s) => s.venues[level.venueId]?.name);
  const venue = venueOwn ?? venueHeld;
  const sensorName = useSensorTitleById(level.kind === 'sensor' ? level.sensorId : '');
  const zoneId = useVenue((s) =>
    level.kind === 'zone' ? level.zoneId : level.kind === 'sensor' ? (s.sensors[level.sensorId]?.zoneId ?? null) : null,
  );
  const zone = useVenue((s) => (zoneId ? s.zones[zoneId]?.name : undefined));
  const label = (name: Name, id: string) => (name ? localName(name, locale) : id);
  const sub = (name: Name) => (name ? otherName(name, locale) : null);
  const venueLabel = label(venue, level.venueId);
  // Someone limited to some venues has no city to go back to.
  const crumbs: Crumb[] = canViewCity(useUser()) ? [{ label: t('venue.all'), href: '/' }] : [];
  if (level.kind === 'venue') {
    crumbs.push({ label: venueLabel, href: null });
    return { crumbs, title: venueLabel, sub: sub(venue) };
  }
  crumbs.push({ label: venueLabel, href: venueHref(level.venueId) });
  if (level.kind === 'zone') {
    const zoneLabel = label(zone, level.zoneId);
    crumbs.push({ label: zoneLabel, href: null });
    return { crumbs, title: zoneLabel, sub: sub(zone) };
  }
  if (zoneId) crumbs.push({ label: label(zone, zoneId), href: zoneHref(level.venueId, zoneId) });
  // A sensor by its name (or its kind and zone); its id beneath, for the technician.
  const sensorLabel = sensorName ?? level.sensorId;
  crumbs.push({ label: sensorLabel, href: null });
  return { crumbs, title: sensorLabel, sub: sensorName ? { text: level.sensorId, lang: 'en' } : null };
}

function DrillHeading({ level }: { level: Exclude<Level, { kind: 'city' }> }) {
  const { crumbs, title, sub } = useCrumbs(level);
  const t = useT();
  const sports = useVenue((s) => s.summary?.sports);
  return (
    <div className="brand">
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumbs">
        <ol>
          {crumbs.map((c) => (
            <li key={c.label} aria-current={c.href ? undefined : 'page'}>
              {c.href ? <Link href={c.href}>{c.label}</Link> : c.label}
            </li>
          ))}
        </ol>
      </nav>
      <h1>
        {title}{' '}
        {sub ? (
          <span className="brand-sub" lang={sub.lang}>
            {sub.text}
          </span>
        ) : null}
      </h1>
      <VenueFeedSource prefix={level.kind === 'venue' && sports?.length ? sports.join(' · ') : undefined} />
    </div>
  );
}

/**
 * The header of every level: where you are, whether the data is live, and the Games' local
 * time. On a wall (`wall` set) also the alarm at every level, the rotation when it plays,
 * and which screen of a multi-screen wall this is.
 */
export function ShellHeader({
  level,
  wall,
  rotation,
  screenName,
}: {
  level: Level;
  wall: WallParams | null;
  rotation: RotationView[] | null;
  screenName: string | null;
}) {
  const t = useT();
  return (
    <header className="wall-header">
      {level.kind === 'city' ? (
        <div className="brand">
          <h1>
            {t('app.name')} <span className="brand-sub">{t('app.games')}</span>
          </h1>
          <FeedSource />
        </div>
      ) : (
        <DrillHeading level={level} />
      )}
      {rotation ? <RotationStrip views={rotation} /> : null}
      {wall?.screen ? (
        <p className="screen-name" aria-label={t('screen.label')}>
          {screenName ?? t('screen.label')}{' '}
          <small>
            {wall.screen.index}/{wall.screen.count}
          </small>
        </p>
      ) : null}
      {level.kind === 'city' ? <ConnectionBadge /> : <VenueConnection />}
      <ShanghaiClock />
      <UserMenu />
      {/* Their own rows across the header, so nothing else is squeezed when they show. */}
      {level.kind === 'city' ? <CityStaleBanner /> : <VenueStaleBanner />}
      {level.kind === 'city' || wall ? <WallAlarmBanner /> : null}
    </header>
  );
}
