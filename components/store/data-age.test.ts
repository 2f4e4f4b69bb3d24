import { describe, expect, it } from 'vitest';
import { FEED_STALE_MS } from '@/lib/contracts/stream';
import { dataAgeMs, freshnessAfter, NO_MESSAGE } from './data-age';
import { ServerClock } from './server-clock';
import { phaseFor } from './stream-connection';

const message = (at: number, feedAgeMs: number | null = 100) => ({ at, feed: { feedAgeMs } });

describe('the server clock', () => {
  it('takes the least delayed message, so late ones do not move it', () => {
    const clock = new ServerClock(60_000, () => 0);
    expect(clock.offsetMs).toBe(0);
    clock.observe(1_000_500, 1_000); // server 1,000 s ahead, 500 ms transit
    clock.observe(1_001_020, 1_500); // 20 ms transit: the better sample
    clock.observe(1_002_000, 11_000); // taken 9 s late by a busy page
    expect(clock.offsetMs).toBe(999_520);
  });

  it('lets a corrected wall clock in after its window, and until then errs towards older', () => {
    let mono = 0;
    const clock = new ServerClock(60_000, () => mono);
    clock.observe(5_000, 0); // the browser 5 s behind the server
    // The wall PC's clock is stepped forward 5 s: samples now say offset 0.
    mono = 30_000;
    clock.observe(40_000, 40_000);
    const f = freshnessAfter(NO_MESSAGE, message(40_000), 40_000, clock.offsetMs);
    expect(dataAgeMs(f, 40_000)).toBe(5_100); // older than it is, never fresher
    mono = 70_000;
    clock.observe(80_000, 80_000);
    mono = 140_000;
    clock.observe(150_000, 150_000);
    expect(clock.offsetMs).toBe(0);
  });
});

describe('the age of the data on screen', () => {
  it('is none before a message or while the feed has never been heard', () => {
    expect(dataAgeMs(NO_MESSAGE, 1000)).toBeNull();
    expect(dataAgeMs(freshnessAfter(NO_MESSAGE, message(1000, null), 1000, 0), 1000)).toBeNull();
  });

  it('counts from the server stamp: a page running 9 s behind shows its data as stale, not live', () => {
    let mono = 0;
    const clock = new ServerClock(60_000, () => mono);
    // On time at first...
    clock.observe(10_000, 10_000);
    let f = freshnessAfter(NO_MESSAGE, message(10_000), 10_000, clock.offsetMs);
    expect(phaseFor({ everReceived: true, sinceMessageMs: 0, dataAgeMs: dataAgeMs(f, 10_000) })).toBe('live');
    // ...then the link went silent at 11 s while the page, busy, was still working through what came before:
    // the last message, stamped 11 s, is taken at 21 s. By receipt it is brand new; by its stamp it is 10 s old.
    mono = 21_000;
    clock.observe(11_000, 21_000);
    f = freshnessAfter(f, message(11_000), 21_000, clock.offsetMs);
    const age = dataAgeMs(f, 21_000)!;
    expect(age).toBe(10_100);
    expect(age).toBeGreaterThan(FEED_STALE_MS);
    expect(phaseFor({ everReceived: true, sinceMessageMs: 0, dataAgeMs: age })).toBe('stale');
  });

  it('takes the feed age the server reported, plus the time since it said so', () => {
    const f = freshnessAfter(NO_MESSAGE, message(50_000, 2_000), 49_000, 1_000);
    expect(dataAgeMs(f, 49_000)).toBe(2_000);
    expect(dataAgeMs(f, 52_000)).toBe(5_000);
  });
});
