'use client';

import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { StreamAge } from '@/components/panels/panel-age';
import { useSituation, useSituationStore } from '@/components/store/situation-provider';

/** Every venue's alerts, with the age of the stream they came by. */
export function CityAlertsPanel({ maxRows }: { maxRows?: number }) {
  const alerts = useSituation((s) => s.alerts);
  const loaded = useSituation((s) => s.alertsLoaded);
  const store = useSituationStore();
  return <AlertListPanel alerts={alerts} loaded={loaded} maxRows={maxRows} age={<StreamAge store={store} />} />;
}
