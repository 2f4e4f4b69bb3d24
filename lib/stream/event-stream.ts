/**
 * Server-Sent Events over a web `Response`: one stream client per request, closed when
 * the browser goes (request.signal). Backpressure: the hub only hands a frame over
 * while the stream's buffer has room; `pull` drains the client's queue when it does.
 */
import 'server-only';
import type { StreamClient, StreamHub, StreamScope } from './stream-hub';

/** Bytes the transport may buffer per client before the hub's own bounded queue takes over. */
const TRANSPORT_BUFFER_BYTES = 512 * 1024;

/**
 * Streams `scope` (decided and authorised by the caller) until the request ends, or, for a viewer
 * let in by a view pass, until the hub ends it (the session can be checked again).
 */
export function openEventStream(
  hub: StreamHub,
  request: Request,
  scope: StreamScope = { kind: 'city' },
  instance?: string,
  viewPass = false,
): Response {
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
        const end = () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed by the consumer
          }
        };
        client = hub.connect(send, request.headers.get('last-event-id'), scope, { viewPass, end });
        request.signal.addEventListener('abort', end);
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
      // Which instance of a fleet serves this stream (for operators and the fleet's tests).
      ...(instance ? { 'X-VCC-Instance': instance } : {}),
    },
  });
}
