/**
 * Screenshots of a running wall at the sizes operators and managers use, signed in as
 * SCREENSHOT_USER (default: the demo operator; SCREENSHOT_PASSWORD, default the demo's):
 *   node --import tsx scripts/screenshot.ts [url] [outdir]
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

const url = process.argv[2] ?? 'http://localhost:3000/';
const out = process.argv[3] ?? 'screenshots';
const SIZES = [
  { name: 'wall-7680x2160', width: 7680, height: 2160 },
  { name: 'wall-3840x2160', width: 3840, height: 2160 },
  { name: 'wall-1920x1080', width: 1920, height: 1080 },
  { name: 'tablet-1024x768', width: 1024, height: 768 },
  { name: 'phone-390x844', width: 390, height: 844 },
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const origin = new URL(url).origin;
const signedIn = await browser.newContext();
const login = await signedIn.request.post(`${origin}/api/auth/login`, {
  headers: { Origin: origin },
  data: {
    username: process.env.SCREENSHOT_USER ?? 'operator',
    password: process.env.SCREENSHOT_PASSWORD ?? 'games-2023',
  },
});
if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
const storageState = await signedIn.storageState();
for (const s of SIZES) {
  const context = await browser.newContext({ viewport: { width: s.width, height: s.height }, storageState });
  const page = await context.newPage();
  await page.goto(url);
  // Live in any language: the badge's phase, not its words.
  await page.locator('.connection[data-phase="live"]').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(4000);
  await page.screenshot({ path: `${out}/${s.name}.png` });
  await context.close();
  console.log(`${out}/${s.name}.png`);
}
await browser.close();
