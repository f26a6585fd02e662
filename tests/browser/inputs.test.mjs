// Every input surface of the page fed hostile input: URL parameters, the bench string in the
// URL, and the bring-your-own box. The page never goes blank, never shows the panic panel,
// says what it did not understand, and keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch, openPage, textMatching } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveStatic(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// A small deterministic generator, so a failure can be replayed.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}
const ALPHABET = ['a', 'z', '0', '9', '-', '=', '&', '%', '%00', '%ff', '%e3%81%82', '+', '?', '#', '/', 'b1', '-m', '-c', 'exp', 'step', 'seed', 'lang', 'end', 'ja', '99999999999999999999', '\u{1f512}', '<', '>', '"', "'"];
function garbage(next, max) {
  let out = '';
  const n = 1 + Math.floor(next() * max);
  for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return out;
}

test('random URL parameters never break the page', async () => {
  const next = rng(20261123);
  const { page, errors } = await openPage(browser);
  for (let i = 0; i < 40; i++) {
    const query = ['scenario', 'mode', 'step', 'seed', 'lang', 'embed', 'present', 'requests', 'bytes', garbage(next, 3)]
      .filter(() => next() < 0.7)
      .map((k) => `${encodeURIComponent(k)}=${garbage(next, 6)}`)
      .join('&');
    await page.goto(`${server.url}?${query}`);
    await page.locator('svg.diagram').first().waitFor();
    assert.equal(await page.locator('#panic').count(), 0, `no panic for ?${query}`);
    // Still a working lab: a step forward moves the counter or the presenter caption.
    await page.locator('svg.diagram').first().click({ position: { x: 5, y: 5 } });
    const counter = page.locator('[data-testid=step-counter], [data-testid=present-caption]').first();
    if (await counter.count()) {
      const before = await counter.textContent();
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      await textMatching(counter, /2 ?\//);
      assert.ok(before.length > 0);
    }
  }
  assert.deepEqual(errors, []);
});

test('random bench strings fall back with a notice or run', async () => {
  const next = rng(7);
  const { page, errors } = await openPage(browser);
  for (let i = 0; i < 30; i++) {
    const code = 'b1' + garbage(next, 5).replace(/[&#?%+=]/g, '');
    await page.goto(`${server.url}?scenario=${encodeURIComponent(code)}&step=end&lang=en`);
    await page.locator('svg.diagram g.outcome').waitFor();
    const title = await page.getByTestId('scenario-title').textContent();
    const notice = await page.locator('[data-testid=notice]').count();
    assert.ok(notice === 1 || title.includes(code), `${code}: either it ran (${title}) or a notice says why`);
    assert.equal(await page.locator('#panic').count(), 0);
  }
  assert.deepEqual(errors, []);
});

test('hostile text in the bring-your-own box gets a clear message', async () => {
  const next = rng(42);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=mutual&seed=1&lang=ja`);
  await page.getByTestId('byo-toggle').click();
  const samples = [
    '', '   ', 'hello', '-----BEGIN CERTIFICATE-----\nAAAA\n', '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n',
    '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
    'x'.repeat(70000),
  ];
  for (let i = 0; i < 12; i++) samples.push(garbage(next, 40));
  let checks = 0;
  for (const text of samples) {
    await page.getByTestId('byo-input').fill(text);
    await page.getByTestId('byo-check').click();
    checks += 1;
    // This input's own answer, not the one before it still on screen.
    const answer = page.locator(`[data-testid=byo-error][data-check="${checks}"]`);
    await answer.waitFor();
    const message = await answer.textContent();
    assert.ok(message.length > 5, `a message for ${JSON.stringify(text.slice(0, 40))}`);
    assert.equal(await page.locator('#panic').count(), 0);
  }
  // The lab still works afterwards.
  await page.keyboard.press('End');
  await page.locator('svg.diagram g.outcome').waitFor();
  assert.deepEqual(errors, []);
});
