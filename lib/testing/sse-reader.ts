/** Reads an SSE body the way a browser's EventSource would, for tests and benchmarks. */
import type { StreamMessage } from '../contracts/stream';

export interface SseEvent {
  /** Position in the stream, from 1. */
  n: number;
  id: string | undefined;
  event: string;
  message: StreamMessage;
  receivedAt: number;
  bytes: number;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  bytes = 0;
  /** Events received so far (the array keeps only the last `keep`). */
  count = 0;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private closed = false;
  readonly done: Promise<void>;

  constructor(body: ReadableStream<Uint8Array>, keep = 200) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.bytes += value.byteLength;
          this.buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
            const block = this.buffer.slice(0, cut);
            this.buffer = this.buffer.slice(cut + 2);
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (data === undefined) continue;
            this.events.push({
              n: ++this.count,
              id: /^id: (.*)$/m.exec(block)?.[1],
              event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message',
              message: JSON.parse(data) as StreamMessage,
              receivedAt: Date.now(),
              bytes: block.length,
            });
            if (this.events.length > keep) this.events.splice(0, this.events.length - keep);
            this.waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        // cancelled
      } finally {
        this.closed = true;
        this.waiters.splice(0).forEach((w) => w());
      }
    })();
  }

  /** Resolves with the first matching event after event number `after` (0: any, received or future). */
  async waitFor(
    predicate: (e: SseEvent) => boolean,
    opts: { timeoutMs?: number; what?: string; after?: number } = {},
  ): Promise<SseEvent> {
    const { timeoutMs = 20_000, what = 'event', after = 0 } = opts;
    const deadline = Date.now() + timeoutMs;
    let checked = after;
    for (;;) {
      for (const e of this.events) {
        if (e.n <= checked) continue;
        checked = e.n;
        if (predicate(e)) return e;
      }
      if (this.closed) throw new Error(`stream closed before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
