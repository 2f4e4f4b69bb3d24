import { describe, expect, it } from 'vitest';
import { clientAddressOf, normaliseForwardedHeaders } from './client-address';

describe('the client address at the edge', () => {
  it('with no trusted proxy, is the socket: a client cannot choose its address or host', () => {
    const headers = {
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      forwarded: 'for=1.2.3.4',
      host: 'wall.local',
    };
    expect(normaliseForwardedHeaders(headers, '10.0.0.5', 0)).toBe('10.0.0.5');
    expect(headers).toEqual({ 'x-forwarded-for': '10.0.0.5', host: 'wall.local' });
  });

  it('behind N trusted proxies, is the address the outermost trusted one received from', () => {
    // client -> proxy A (appends client) -> proxy B (appends A) -> server (socket: B)
    expect(clientAddressOf('10.0.0.2', '198.51.100.7, 10.0.0.1', 2)).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.1', '198.51.100.7', 1)).toBe('198.51.100.7');
    // A client that prepends forged entries only moves them further from the server.
    expect(clientAddressOf('10.0.0.1', '1.1.1.1, 2.2.2.2, 198.51.100.7', 1)).toBe('198.51.100.7');
    // Fewer hops than configured: the farthest address there is, never a forged one beyond it.
    expect(clientAddressOf('10.0.0.1', '198.51.100.7', 5)).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
  });

  it('keeps the proxy’s host and scheme when the proxy is trusted', () => {
    const headers = { 'x-forwarded-for': '198.51.100.7', 'x-forwarded-host': 'wall.example', host: 'backend:3000' };
    normaliseForwardedHeaders(headers, '10.0.0.1', 1);
    expect(headers['x-forwarded-host']).toBe('wall.example');
  });
});
