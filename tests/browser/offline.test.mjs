// A workshop on bad Wi-Fi: after the first visit the lab works offline (its service worker
// caches the site's own files), and a new deployment replaces the cached version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic, launch, openPage, dist, textMatching } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A copy of dist/ that a test may change as a new deployment would. */
function siteCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-lab-site-'));
  fs.cpSync(dist, dir, { recursive: true });
  return dir;
}

/** Opens the lab and waits until its service worker controls the page. */
async function firstVisit(url) {
  const opened = await openPage(browser, { width: 390, height: 844 });
  await opened.page.goto(`${url}?scenario=mutual&seed=5`);
  await opened.page.locator('svg.diagram [data-step]').first().waitFor();
  await opened.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  return opened;
}

/** The site's caches in this browser: name → number of files. */
const caches = (page) => page.evaluate(async () => Object.fromEntries(
  await Promise.all((await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).length])),
));

test('after the first visit the lab works offline: another scenario, new randomness, Japanese, a TLS 1.2 lesson, the course', async () => {
  const server = await serveStatic();
  const { page, errors, requests } = await firstVisit(server.url);
  const files = JSON.parse(/const FILES = (\[.*\]);/.exec(fs.readFileSync(path.join(dist, 'sw.js'), 'utf8'))[1]);
  const cached = await caches(page);
  assert.equal(Object.keys(cached).length, 1, JSON.stringify(cached));
  assert.equal(Object.values(cached)[0], files.length, 'every file of the site is cached');
  await page.context().setOffline(true);
  // Not a cached page of this run: another scenario, language and step, from the cache.
  await page.goto(`${server.url}?scenario=aitm-relay-mutual&lang=ja&step=3`);
  await page.locator('svg.diagram [data-step]').first().waitFor();
  await textMatching(page.getByTestId('scenario-title'), /[ぁ-んァ-ン一-龯]/);
  const seed = await page.getByTestId('seed').textContent();
  await page.getByTestId('reseed').click();
  await page.waitForFunction((before) => document.querySelector('[data-testid=seed]').textContent !== before, seed);
  await page.getByTestId('next').click();
  // A TLS 1.2 lesson: its module (never fetched on the first visit) comes from the cache too.
  await page.goto(`${server.url}?scenario=tls12-mutual&step=end&lang=en`);
  await textMatching(page.locator('[data-testid=diagram] g.outcome'), /^✓/);
  await page.goto(`${server.url}?course&lang=ja`);
  await page.getByTestId('lesson-item').first().waitFor();
  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')), [], 'no request to another host');
  assert.deepEqual(errors, []);
  await page.context().close();
  await server.close();
});

test('a new deployment replaces the cached version: the next visit offline is the new one', async () => {
  const site = siteCopy();
  const server = await serveStatic(site);
  const { page, errors } = await firstVisit(server.url);
  const [old] = Object.keys(await caches(page));
  // A new version: the page changes, and so does the worker `cargo xtask dist` writes for it.
  const index = path.join(site, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<meta charset="utf-8" />', '<meta charset="utf-8" /><meta name="deployed" content="2" />'));
  const worker = path.join(site, 'sw.js');
  fs.writeFileSync(worker, fs.readFileSync(worker, 'utf8').replace(/const VERSION = '[0-9a-f]+'/, "const VERSION = 'deployed2'"));
  // Online, the page comes from the network; the browser finds the new worker, which caches
  // the new version and drops the old one.
  await page.reload();
  await page.locator('svg.diagram [data-step]').first().waitFor();
  // (Chromium looks for the new worker a few seconds after the page has loaded.)
  let now = {};
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    now = await caches(page);
    if (Object.keys(now).join() === 'mtls-lab-deployed2') break;
  }
  assert.deepEqual(Object.keys(now), ['mtls-lab-deployed2'], 'the new version alone is cached');
  assert.notEqual(old, 'mtls-lab-deployed2');
  await page.context().setOffline(true);
  await page.goto(`${server.url}?scenario=one-way`);
  await page.locator('svg.diagram [data-step]').first().waitFor();
  assert.equal(await page.locator('meta[name=deployed]').getAttribute('content'), '2', 'offline, the new version');
  assert.deepEqual(errors, []);
  await page.context().close();
  await server.close();
  fs.rmSync(site, { recursive: true, force: true });
});
