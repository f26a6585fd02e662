// The release build's first page runs the engine's real P-256 ECDH and ECDSA in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch, openPage, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveStatic(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the engine computes matching ECDH secrets and a verifying signature in the page', async () => {
  const { page, errors, requests } = await openPage(browser);
  await page.goto(`${server.url}?seed=7&lang=en`);
  const verdict = page.getByTestId('kx-verdict');
  await verdict.waitFor();
  const client = await page.getByTestId('client-secret').textContent();
  const serverSecret = await page.getByTestId('server-secret').textContent();
  assert.match(client, /^[0-9a-f ]{79}$/, 'a 32-byte secret in hex');
  assert.equal(client, serverSecret);
  assert.match(await verdict.textContent(), /^✓/);
  assert.match(await page.getByTestId('sig-verdict').textContent(), /^✓/);
  assert.match(await page.getByTestId('tamper-verdict').textContent(), /^✓/);
  await screenshot(page, 'first-page-en');

  // The same seed gives the same bytes; new randomness gives new ones.
  const signature = await page.getByTestId('signature').textContent();
  await page.reload();
  await verdict.waitFor();
  assert.equal(await page.getByTestId('signature').textContent(), signature);
  await page.getByTestId('reseed').click();
  await page.waitForFunction((old) => document.querySelector('[data-testid=signature]')?.textContent !== old, signature);
  assert.match(await page.getByTestId('kx-verdict').textContent(), /^✓/);

  assert.deepEqual(errors, [], 'no console errors');
  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')), [], 'no request to another host');
});

test('the page speaks Japanese, and switches language', async () => {
  const { page, errors } = await openPage(browser, { width: 560, locale: 'ja-JP' });
  await page.goto(server.url + '?seed=7');
  await page.getByTestId('kx-verdict').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.match(await page.getByTestId('kx-verdict').textContent(), /共有秘密/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 560 px (overflow ${overflow}px)`);
  await screenshot(page, 'first-page-ja-560');
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.getByTestId('kx-verdict').textContent(), /same secret/);
  assert.deepEqual(errors, []);
});
