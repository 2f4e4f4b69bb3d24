'use client';

import type { SensorLive } from '@/lib/contracts/stream';
import { localName, type Locale } from '@/lib/i18n/locales';
import type { Translate } from '@/lib/i18n/translate';
import { sensorKindKey } from '@/components/format/format';
import { useLocale, useT } from '@/components/i18n/i18n-provider';
import { useVenue } from '@/components/store/venue-provider';

type Named = Pick<SensorLive, 'id' | 'kind' | 'name' | 'zoneId'>;

/**
 * What a screen titles a sensor by: the name its venue's registry gives it, in the page's language;
 * without one, its kind and zone ("Temperature, North Stand"). Never the bare id (issue 15): the id
 * stays beside it, small, for the technician.
 */
export function sensorTitle(
  sensor: Named,
  zoneName: { en: string; zh: string } | undefined,
  locale: Locale,
  t: Translate,
) {
  if (sensor.name) return localName(sensor.name, locale);
  const kind = t(sensorKindKey(sensor.kind));
  return zoneName ? `${kind}, ${localName(zoneName, locale)}` : kind;
}

/** sensorTitle for a sensor of the venue this page streams. */
export function useSensorTitle(sensor: Named | undefined): string | undefined {
  const locale = useLocale();
  const t = useT();
  const zoneName = useVenue((s) => (sensor?.zoneId ? s.zones[sensor.zoneId]?.name : undefined));
  return sensor ? sensorTitle(sensor, zoneName, locale, t) : undefined;
}

/** sensorTitle by id, re-rendering only when the name, kind or zone changes (not with every value). */
export function useSensorTitleById(sensorId: string): string | undefined {
  const locale = useLocale();
  const t = useT();
  const name = useVenue((s) => s.sensors[sensorId]?.name);
  const kind = useVenue((s) => s.sensors[sensorId]?.kind);
  const zoneId = useVenue((s) => s.sensors[sensorId]?.zoneId ?? null);
  const zoneName = useVenue((s) => (zoneId ? s.zones[zoneId]?.name : undefined));
  return kind ? sensorTitle({ id: sensorId, kind, name: name ?? null, zoneId }, zoneName, locale, t) : undefined;
}
