/**
 * Who is on the other end of an HTTP request, decided once at the edge (scripts/serve.ts)
 * before Next sees it. X-Forwarded-* headers are believed only from the `trustProxy`
 * reverse proxies nearest the server (TRUST_PROXY); with none, they are removed so Next
 * fills them in from the socket, and a client cannot choose its own address or host.
 */
import type { IncomingHttpHeaders } from 'node:http';

const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded'];

/** The address `trustProxy` hops back: each trusted proxy appended the address it received from. */
export function clientAddressOf(socketAddress: string, forwardedFor: string | undefined, trustProxy: number): string {
  if (trustProxy === 0 || !forwardedFor) return socketAddress;
  const chain = [
    ...forwardedFor
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    socketAddress,
  ];
  return chain[Math.max(0, chain.length - 1 - trustProxy)]!;
}

/**
 * Rewrites a request's headers in place: X-Forwarded-For becomes the one client address;
 * untrusted forwarding headers go. Returns the address.
 */
export function normaliseForwardedHeaders(
  headers: IncomingHttpHeaders,
  socketAddress: string,
  trustProxy: number,
): string {
  const xff = headers['x-forwarded-for'];
  const address = clientAddressOf(socketAddress, Array.isArray(xff) ? xff.join(',') : xff, trustProxy);
  if (trustProxy === 0) for (const h of FORWARDED) delete headers[h];
  headers['x-forwarded-for'] = address;
  return address;
}
