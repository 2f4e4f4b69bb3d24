/**
 * Writes the wall's alarm sounds to public/sounds/ as 16-bit mono WAV, so nothing is fetched
 * at run time: `node scripts/build-sounds.mjs`. Critical: a fast high two-tone, three times;
 * major: a lower tone, twice. Distinct by pitch and rhythm, not only loudness.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

const RATE = 22_050;

/** [frequency Hz (0 = silence), seconds] pairs -> PCM with 5 ms fades so nothing clicks. */
function tones(parts) {
  const samples = [];
  for (const [freq, seconds] of parts) {
    const n = Math.round(seconds * RATE);
    const fade = Math.round(0.005 * RATE);
    for (let i = 0; i < n; i++) {
      const env = Math.min(1, i / fade, (n - i) / fade);
      samples.push(freq === 0 ? 0 : Math.sin((2 * Math.PI * freq * i) / RATE) * 0.6 * env);
    }
  }
  return samples;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(s * 32767), i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const pulse = [
  [988, 0.12],
  [740, 0.12],
];
mkdirSync('public/sounds', { recursive: true });
writeFileSync('public/sounds/critical.wav', wav(tones([...pulse, ...pulse, ...pulse, [0, 0.1]])));
writeFileSync(
  'public/sounds/major.wav',
  wav(
    tones([
      [523, 0.25],
      [0, 0.12],
      [523, 0.25],
      [0, 0.1],
    ]),
  ),
);
console.log('public/sounds/critical.wav, public/sounds/major.wav');
