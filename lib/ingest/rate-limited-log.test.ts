import { describe, expect, it } from 'vitest';
import { RateLimitedLog } from './rate-limited-log';

describe('RateLimitedLog', () => {
  it('writes one line per key per interval and reports what it held back', () => {
    const lines: string[] = [];
    const log = new RateLimitedLog(10_000, (l) => lines.push(l));
    for (let i = 0; i < 1000; i++) log.log('schema', 'bad payload', i);
    log.log('oversize', 'too big', 500);
    log.log('schema', 'bad payload', 10_001);
    expect(lines).toEqual(['bad payload', 'too big', 'bad payload (+999 similar in the last 10 s)']);
  });
});
