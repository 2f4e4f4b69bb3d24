/**
 * The simulator's identity on the demo's broker: the `telemetry-sim` entry of
 * config/publishers.json. Public on purpose, like the demo users' password; a site runs
 * with its own publishers file and gives a publisher its own secret (MQTT_USERNAME,
 * MQTT_PASSWORD).
 */
export const DEMO_SIM_USERNAME = 'telemetry-sim';
export const DEMO_SIM_PASSWORD = 'sim-games-2023';
/** A venue's own publisher in the demo: Binjiang Gymnasium only. */
export const DEMO_VENUE_PUBLISHER = {
  username: 'binjiang-ops',
  password: 'binjiang-2023',
  venueId: 'binjiang-gymnasium',
};
/** The server's identity when it reads a site broker built from the demo file. */
export const DEMO_READER = { username: 'vcc-server', password: 'server-games-2023' };
