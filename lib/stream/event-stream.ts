/**
 * Server-Sent Events over a web `Response`: one stream client per request, closed when
 * the browser goes (request.signal). Backpressure: the hub only hands a frame over
 * while the stream's buffer has room; `pull` drains the client's queue when it does.
 */
import { ID_PATTERN } from '../contracts/topics';
import type { StreamClient, StreamHub } from './stream-hub';

const VENUE_ID = new RegExp(ID_PATTERN);

/** Bytes the transport may buffer per client before the hub's own bounded queue takes over. */
const TRANSPORT_BUFFER_BYTES = 512 * 1024;

/**
 * `?venue=ID` scopes the stream to one venue (its zones, sensors and incidents, plus the city
 * KPIs); without it the client gets the city wall's stream.
 */
export function openEventStream(hub: StreamHub, request: Request): Response {
  const venue = new URL(request.url).searchParams.get('venue');
  if (venue !== null && !VENUE_ID.test(venue)) {
    return new Response('venue must be a venue id\n', { status: 400, headers: { 'Content-Type': 'text/plain' } });
  }
  let client: StreamClient | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (client) hub.disconnect(client);
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = (frame: Uint8Array) => {
          if (closed) return true; // drop silently; the client is going away
          if ((controller.desiredSize ?? 0) <= 0) return false;
          controller.enqueue(frame);
          return true;
        };
        client = hub.connect(send, request.headers.get('last-event-id'), venue);
        request.signal.addEventListener('abort', () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed by the consumer
          }
        });
      },
      pull() {
        if (client && !closed) hub.drain(client);
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: TRANSPORT_BUFFER_BYTES, size: (chunk) => chunk.byteLength },
  );

  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Stop reverse proxies (nginx) from buffering the stream.
      'X-Accel-Buffering': 'no',
    },
  });
}
