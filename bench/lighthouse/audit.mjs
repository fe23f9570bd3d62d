// One Lighthouse run on a signed-in page, for bench/lighthouse.sh.
//   node audit.mjs BASE_URL USER PATH desktop|mobile OUT.json
// Starts Debian's Chromium (CHROME_PATH) with --headless --no-sandbox --disable-gpu, signs in through the development
// sign-in in that browser (so the cookie is in the browser's jar and goes with every request, including the fetch of
// /_blazor/initializers and the circuit's WebSocket: a Cookie in --extra-headers does not reach page fetches, and the
// circuit then never starts), and runs Lighthouse on PATH with the desktop preset or the default (mobile) settings.
// Lighthouse clears the HTTP cache before the run but not cookies (clearStorageTypes), so the load is a cold one.
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const [base, user, path, preset, outFile] = process.argv.slice(2);
if (!outFile || !['desktop', 'mobile'].includes(preset)) {
  console.error('usage: node audit.mjs BASE_URL USER PATH desktop|mobile OUT.json');
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  const signIn = `${base}/dev/signin?user=${encodeURIComponent(user)}&returnUrl=${encodeURIComponent(path)}`;
  const response = await page.goto(signIn, { waitUntil: 'load' });
  const landed = new URL(page.url()).pathname;
  if (response?.status() !== 200 || landed !== path) {
    throw new Error(`signing in as ${user} landed on ${landed} with ${response?.status()}, not on ${path}`);
  }
  await page.close();

  const port = Number(new URL(browser.wsEndpoint()).port);
  const flags = { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] };
  const result = await lighthouse(`${base}${path}`, flags, preset === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error('Lighthouse returned no result');
  fs.writeFileSync(outFile, result.report);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (new URL(lhr.finalDisplayedUrl).pathname !== path) throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}`);
} finally {
  await browser.close();
}
