import { describe, expect, it } from 'vitest';
import { brokerServers } from './mqtt-feed';

describe("MQTT_URL naming a cluster's nodes", () => {
  it('reads every node in order, with each scheme and default port', () => {
    expect(brokerServers('mqtt://b1:1883, mqtt://b2,mqtts://b3,wss://b4/mqtt')).toEqual([
      { host: 'b1', port: 1883, protocol: 'mqtt' },
      { host: 'b2', port: 1883, protocol: 'mqtt' },
      { host: 'b3', port: 8883, protocol: 'mqtts' },
      { host: 'b4', port: 443, protocol: 'wss' },
    ]);
  });

  it('refuses what is not a broker URL', () => {
    expect(() => brokerServers('mqtt://b1,http://b2')).toThrow(/not a broker URL: 'http:\/\/b2'/);
  });
});
