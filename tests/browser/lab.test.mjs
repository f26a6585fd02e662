// The lab page against the release build in Debian's Chromium: every scenario by URL, keyboard
// stepping, the inspector, languages, the compare view, narrow layouts, no errors, no requests
// to other hosts, and axe-core's accessibility rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic, launch, openPage, screenshot, textMatching, root } from './harness.mjs';

// The catalogue and the alert each lesson must end with (the table; null = success).
const CATALOGUE = {
  'one-way': null,
  'mutual': null,
  'mutual-hrr': null,
  'tls12-one-way': null,
  'tls12-mutual': null,
  'tls12-rsa-key-transport': null,
  'no-client-cert': 'certificate_required',
  'unknown-ca': 'unknown_ca',
  'expired': 'certificate_expired',
  'not-yet-valid': 'bad_certificate',
  'revoked': 'certificate_revoked',
  'wrong-eku': 'unsupported_certificate',
  'missing-intermediate': 'unknown_ca',
  'altered-client-cert': 'decrypt_error',
  'name-mismatch': 'bad_certificate',
  'self-signed-server': 'unknown_ca',
  'impostor-server': 'decrypt_error',
  'stolen-client-cert': 'decrypt_error',
  'aitm-relay-one-way': null,
  'aitm-relay-mutual': 'decrypt_error',
  'tampered-record': 'bad_record_mac',
  'observer': null,
  'downgrade': 'illegal_parameter',
  'forward-secrecy': null,
};

let server;
let browser;
before(async () => { server = await serveStatic(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

function foreign(requests) {
  const origin = new URL(server.url).origin;
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

test('every catalogue scenario opens by URL and reaches its outcome on screen', async () => {
  const { page, errors, requests } = await openPage(browser);
  const options = [];
  for (const [id, alert] of Object.entries(CATALOGUE)) {
    await page.goto(`${server.url}?scenario=${id}&step=end&seed=3&lang=en`);
    const outcome = page.locator('[data-testid=diagram] g.outcome');
    await outcome.waitFor();
    const text = await outcome.textContent();
    if (alert === null) {
      assert.match(text, /^✓/, `${id}: ${text}`);
    } else {
      assert.match(text, new RegExp(`^✕ .*${alert}$`), `${id}: ${text}`);
    }
    assert.equal(await page.locator('[data-testid=notice]').count(), 0, `${id} is a known id`);
    if (id === 'observer' || id === 'aitm-relay-mutual' || id === 'expired' || id === 'tls12-mutual' || id === 'downgrade' || id === 'tls12-rsa-key-transport' || id === 'forward-secrecy') {
      await screenshot(page, `scenario-${id}`);
    }
    options.push(id);
  }
  // A bench string (custom switches) opens the same way.
  await page.goto(`${server.url}?scenario=b1-m-cexp&step=end&seed=3&lang=en`);
  await page.locator('[data-testid=diagram] g.outcome').waitFor();
  await textMatching(page.locator('[data-testid=diagram] g.outcome'), /certificate_expired$/);
  await textMatching(page.getByTestId('scenario-title'), /Custom run b1-m-cexp/);
  // The picker lists exactly the catalogue.
  const listed = await page.$$eval('[data-testid=scenario] option', (os) => os.map((o) => o.value).filter((v) => v));
  assert.deepEqual([...listed].sort(), Object.keys(CATALOGUE).sort());
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(foreign(requests), [], 'no request to another host');
});

test('keyboard stepping, the URL following along, and the inspector', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=mutual&seed=11&lang=en`);
  const counter = page.getByTestId('step-counter');
  await counter.waitFor();
  const total = Number((await counter.textContent()).split('/')[1]);
  assert.ok(total >= 15, `a mutual run has ${total} records`);
  await textMatching(counter, /^Step 1 \//);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await textMatching(counter, /^Step 4 \//);
  await page.waitForURL(/step=4/);
  await page.keyboard.press('ArrowLeft');
  await textMatching(counter, /^Step 3 \//);
  await page.keyboard.press('End');
  await page.waitForURL(/step=end/);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=diagram] g.arrow').length === n, total);
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=diagram] g.arrow').length === 1);
  await textMatching(page.getByTestId('narration'), /ClientHello/);

  // Pick the CertificateRequest arrow: the inspector explains it and decodes its fields.
  await page.keyboard.press('End');
  await page.locator('g.arrow', { hasText: 'CertificateRequest' }).click();
  await textMatching(page.getByTestId('explanation'), /mutual/);
  const tree = page.getByTestId('field-tree');
  await tree.locator('button:has(> .fname:text-is("authorities"))').click();
  const highlighted = await page.locator('[data-testid=hex] .b.hl').count();
  assert.ok(highlighted > 10, `the CA names' bytes are highlighted (${highlighted})`);
  // A byte leads back to its field.
  await page.locator('[data-testid=hex] .b').nth(0).click();
  await tree.locator('button.sel').waitFor();
  assert.equal(await tree.locator('button.sel').count(), 1);

  // The key table: the client never holds the server's private key; the observer never
  // holds a session key.
  const cell = async (key, col) => page.locator(`tr[data-key=${key}] td`).nth(col).textContent();
  assert.match(await cell('ServerPrivateKey', 0), /never/);
  assert.match(await cell('ServerPrivateKey', 1), /holds/);
  assert.match(await cell('ApplicationTrafficKeys', 2), /never/);
  await screenshot(page, 'mutual-inspector-en');

  // Space plays; playback moves on by itself.
  await page.keyboard.press('Home');
  await page.locator('h1').click();
  await page.keyboard.press(' ');
  await page.waitForFunction(() => /^Step [2-9]/.test(document.querySelector('[data-testid=step-counter]').textContent), null, { timeout: 5000 });
  await page.keyboard.press(' ');
  assert.deepEqual(errors, []);
});

test('Japanese from the browser, switchable, at 560 px without horizontal scroll', async () => {
  const { page, errors } = await openPage(browser, { width: 560, locale: 'ja-JP' });
  await page.goto(`${server.url}?scenario=mutual&step=9&seed=11`);
  await page.getByTestId('step-counter').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await textMatching(page.getByTestId('scenario-title'), /相互TLS/);
  await textMatching(page.getByTestId('key-table'), /秘密鍵/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 560 px (overflow ${overflow}px)`);
  await screenshot(page, 'mutual-ja-560');
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForURL(/lang=en/);
  await textMatching(page.getByTestId('scenario-title'), /Mutual TLS/);
  const overflowEn = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflowEn <= 0, `no horizontal scroll in English either (${overflowEn}px)`);
  await screenshot(page, 'mutual-en-560');
  assert.deepEqual(errors, []);
});

test('the compare view marks what only mutual TLS has', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?mode=compare&seed=5&lang=en`);
  const compare = page.getByTestId('compare');
  await compare.waitFor();
  assert.equal(await compare.locator('svg.diagram').count(), 2);
  const marked = await compare.locator('g.arrow.emphasis').allTextContents();
  assert.ok(marked.some((t) => t.includes('CertificateRequest')), marked.join(' | '));
  assert.ok(marked.some((t) => t.includes('CertificateVerify')), marked.join(' | '));
  assert.ok(!marked.some((t) => t.includes('ServerHello')), marked.join(' | '));
  assert.match(await compare.textContent(), /Who is authenticated/);
  await screenshot(page, 'compare-en');
  assert.deepEqual(errors, []);
});

test('a malformed link falls back with a notice, and the lab keeps working', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=nope&step=zz&seed=x&lang=fr&mode=%ff`);
  await page.getByTestId('notice').waitFor();
  await textMatching(page.getByTestId('notice'), /nope/);
  await page.keyboard.press('ArrowRight');
  await textMatching(page.getByTestId('step-counter'), /^Step 2 \//);
  await page.getByTestId('scenario').selectOption('expired');
  await page.waitForURL(/scenario=expired/);
  await textMatching(page.getByTestId('scenario-title'), /Expired/);
  // In presenter mode too, and the notice says what is shown instead, in a live region.
  await page.goto(`${server.url}?scenario=nope&step=99&present=1&lang=en`);
  await textMatching(page.getByTestId('notice'), /“nope”: Unknown scenario; showing mutual/);
  assert.equal(await page.getByTestId('notice').getAttribute('role'), 'status');
  assert.deepEqual(errors, []);
});

test('axe-core finds no serious or critical violation', async () => {
  const axe = fs.readFileSync(path.join(root, 'tests', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const [query, locale] of [['?scenario=mutual&step=9&seed=2&lang=en', 'en-US'], ['?mode=compare&seed=2&lang=ja', 'ja-JP']]) {
    const { page } = await openPage(browser, { locale });
    await page.goto(server.url + query);
    await page.locator('svg.diagram').first().waitFor();
    // Evaluated through the DevTools protocol: the page's CSP rightly refuses inline scripts.
    await page.evaluate(axe);
    const result = await page.evaluate(async () => await window.axe.run(document));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.html}`), [], query);
  }
});

test('a strict CSP holds, and after load the page makes no request at all', async () => {
  const { page, errors, requests } = await openPage(browser);
  const violations = [];
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${server.url}?scenario=mutual&seed=12&lang=en`);
  await page.locator('svg.diagram').waitFor();
  // The app's module is fetched after the first diagram: wait until loading is over.
  await page.waitForLoadState('networkidle');
  // No subresource-integrity attribute that a browser would ignore (docs/SECURITY.md says
  // what protects the files instead).
  assert.doesNotMatch(await page.content(), /\sintegrity=/);
  // The whole policy, directive by directive.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  assert.equal(directives['default-src'], "'none'");
  assert.match(directives['script-src'], /^'self' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'$/);
  assert.equal(directives['style-src'], "'self'");
  assert.equal(directives['img-src'], "'self' data:");
  assert.equal(directives['connect-src'], "'self'");
  assert.equal(directives['base-uri'], "'none'");
  assert.equal(directives['form-action'], "'none'");
  assert.equal(directives['object-src'], "'none'");
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'|\*/);
  // An inline script injected into the page is refused by the policy.
  const ran = await page.evaluate(() => new Promise((resolve) => {
    window.__injected = false;
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.appendChild(s);
    setTimeout(() => resolve(window.__injected), 50);
  }));
  assert.equal(ran, false, 'an injected inline script does not run');
  // The browser says why (a console error about the policy); that one message is expected.
  const refused = (m) => /inline script/i.test(m);
  const reported = () => violations.some(refused) || errors.some((e) => refused(String(e)));
  for (const deadline = Date.now() + 5000; !reported() && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(reported(), 'the refusal is reported');
  for (const list of [violations, errors]) {
    for (let i = list.length - 1; i >= 0; i--) if (refused(String(list[i]))) list.splice(i, 1);
  }
  const loaded = requests.length;
  // Use the lab: steps, another scenario, new randomness, compare, language, glossary.
  await page.keyboard.press('End');
  await page.getByTestId('scenario').selectOption('aitm-relay-mutual');
  await page.getByTestId('reseed').click();
  await page.getByTestId('mode-compare').click();
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('mode-mutual').click();
  await page.locator('.glossary .fold').click();
  await page.waitForLoadState('networkidle');
  // The one exception: the compare view's TLS 1.2 run needs the TLS 1.2 module, fetched once:
  // the two static files <meta name="mtls-lab-tls12"> names, with no query (nothing is sent).
  const tls12Files = (await page.getAttribute('meta[name=mtls-lab-tls12]', 'content')).split(' ')
    .map((f) => new URL(f, server.url).href);
  const after = requests.slice(loaded).filter((u) => !tls12Files.includes(u));
  assert.deepEqual(after, [], 'no request after load: keys and certificates stay in the page');
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
});

test('the first module draws the run before the app loads, and the app shows the same run', async () => {
  const { page, errors } = await openPage(browser);
  // Hold the app's module back until the first picture has been looked at.
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/mtls-lab-web-*.js', async (route) => { await gate; await route.continue(); });
  await page.goto(`${server.url}?scenario=expired&step=end&lang=ja`);
  const first = page.locator('#first-paint svg.first-diagram');
  await first.waitFor();
  const firstLabels = await first.locator('g.arrow text.label').allTextContents();
  const firstOutcome = await first.locator('g.outcome').textContent();
  assert.equal(firstLabels.length, 13, 'every step of the run up to the end');
  assert.match(firstOutcome, /certificate_expired/);
  assert.match(await page.locator('#first-paint .loading').textContent(), /読み込んで/);
  // The seed the first module chose is handed to the app.
  const seed = await page.getAttribute('#first-paint', 'data-seed');
  release();
  await page.getByTestId('step-counter').waitFor();
  assert.equal(await page.locator('#first-paint').count(), 0, 'the app removed the first picture');
  assert.equal(await page.getByTestId('seed').textContent(), seed);
  const appLabels = await page.locator('[data-testid=diagram] g.arrow text.label').allTextContents();
  assert.deepEqual(appLabels, firstLabels, 'the same messages in the same order');
  assert.equal(await page.locator('[data-testid=diagram] g.outcome').textContent(), firstOutcome);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('if the app cannot be loaded, the first picture says so in the learner\'s language', async () => {
  for (const [lang, words] of [['en', /could not be loaded/], ['ja', /読み込めませんでした/]]) {
    const { page } = await openPage(browser);
    await page.route('**/mtls-lab-web-*.js', (route) => route.abort());
    await page.goto(`${server.url}?scenario=mutual&step=end&lang=${lang}`);
    await textMatching(page.locator('#first-paint .loading'), words);
    // The run is still on screen.
    assert.ok(await page.locator('#first-paint svg.first-diagram g.arrow').count() > 10);
    await page.context().close();
  }
});

test('what a learner tripped over: own public keys, the rest of a refused flight, who checks whom, the attacker\'s steps', async () => {
  const { page, errors } = await openPage(browser);
  // Each side holds its own public key from the first step (it is in its own certificate).
  await page.goto(`${server.url}?scenario=mutual&step=1&seed=3&lang=en`);
  const cell = (key, column) => page.locator(`[data-testid=key-table] tr[data-key=${key}] td`).nth(column).getAttribute('class');
  assert.equal(await cell('ServerPublicKey', 1), 'holds', 'the server holds its own public key');
  assert.equal(await cell('ClientPublicKey', 0), 'holds', 'the client holds its own public key');
  assert.equal(await cell('ServerPublicKey', 0), 'later', 'the client gets it from the Certificate');

  // expired: the server refuses the client's Certificate (step 10); the client's
  // CertificateVerify and Finished (11, 12) were already on their way, and the page says why.
  await page.goto(`${server.url}?scenario=expired&step=10&seed=3&lang=en`);
  await page.getByTestId('checklist').first().waitFor();
  assert.equal(await page.getByTestId('after-refusal').count(), 0);
  assert.match(await page.getByTestId('lab-date').first().textContent(), /judged at the lab's date, 2026-01-01 00:00 UTC/);
  const headings = async () => (await page.locator('[data-testid=checklist] h3').allTextContents()).join(' | ');
  assert.match(await headings(), /the client checks the server's certificate \| .*the server checks the client's certificate/);
  for (const step of [11, 12]) {
    await page.goto(`${server.url}?scenario=expired&step=${step}&seed=3&lang=en`);
    assert.match(await page.getByTestId('after-refusal').textContent(), /Already on its way: the client sends all the messages of its flight together/);
  }
  await page.goto(`${server.url}?scenario=expired&step=11&seed=3&lang=ja`);
  assert.match(await page.getByTestId('after-refusal').textContent(), /応答を待たずにまとめて送る/);
  assert.match(await headings(), /サーバーがクライアントの証明書を検証/);

  // The impostor's Certificate and CertificateVerify have titles and explanations, not raw ids.
  await page.goto(`${server.url}?scenario=impostor-server&step=end&seed=3&lang=en`);
  const titles = [];
  for (let i = 0; i < 12; i++) {
    const title = await page.locator('#inspector-title').textContent();
    titles.push(title);
    assert.ok((await page.getByTestId('explanation').textContent()).length > 40, title);
    if (/Step 1 ·/.test(title)) break;
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((before) => document.querySelector('#inspector-title').textContent !== before, title);
  }
  assert.ok(titles.every((title) => !/\.attacker|attacker\./.test(title)), titles.join(' | '));
  assert.ok(titles.some((title) => /CertificateVerify, signed by the attacker/.test(title)), titles.join(' | '));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the wire view stays chosen while stepping and is in the link; after the picker, the arrow keys step', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=observer&step=4&seed=3&lang=en`);
  await page.getByTestId('bytes-wire').click();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/step=5/);
  assert.equal(await page.getByTestId('bytes-wire').getAttribute('aria-selected'), 'true', 'still the wire view at the next step');
  await page.waitForURL(/bytes=wire/);
  // The link opens the wire view.
  await page.goto(page.url());
  assert.equal(await page.getByTestId('bytes-wire').getAttribute('aria-selected'), 'true');
  await page.getByTestId('bytes-ends').click();
  await page.waitForURL((u) => !u.search.includes('bytes=wire'));

  // Choosing a scenario gives the keys back to the run.
  await page.getByTestId('scenario').selectOption('expired');
  await page.waitForURL(/scenario=expired&step=1&/);
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/scenario=expired&step=2&/);
  assert.equal(await page.getByTestId('scenario').inputValue(), 'expired');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a step\'s terms open their glossary entry where the learner is', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=mutual&step=2&seed=3&lang=en`);
  await page.locator('[data-testid=step-terms] [data-term=transcript]').click();
  await textMatching(page.getByTestId('term-card'), /^Transcript.*hash/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'term-card-close', 'focus moves to the card');
  // The card is in the window, not 5,000 px below.
  const box = await page.getByTestId('term-card').boundingBox();
  const height = await page.evaluate(() => innerHeight);
  assert.ok(box && box.y >= 0 && box.y + box.height <= height, `card at ${JSON.stringify(box)}`);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('term-card').count(), 0, 'Escape closes it');
  // The key table's names open it too (beside the diagram on this wide screen, under its
  // tab); "All terms" opens the glossary at that entry, in view.
  await page.getByTestId('tab-keys').click();
  await page.locator('[data-testid=key-table] tr[data-key=SharedSecret] button').click();
  await textMatching(page.getByTestId('term-card'), /ECDHE/);
  await page.getByTestId('term-card-all').click();
  await page.locator('#term-ecdhe.current').waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('#term-ecdhe').getBoundingClientRect();
    // scrollIntoView can leave the entry a fraction of a pixel above the top.
    return r.top > -1 && r.top < innerHeight;
  });
  // In Japanese, the articles' words.
  await page.goto(`${server.url}?scenario=mutual&step=6&seed=3&lang=ja`);
  await page.locator('[data-testid=step-terms] [data-term=leaf]').click();
  await textMatching(page.getByTestId('term-card'), /^リーフ証明書/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the passive observer is drawn and named an eavesdropper, not an attacker', async () => {
  const { page, errors } = await openPage(browser);
  for (const [lang, name, attacker] of [['en', 'Eavesdropper', 'Attacker'], ['ja', '盗聴者', '攻撃者']]) {
    await page.goto(`${server.url}?scenario=observer&step=6&seed=3&lang=${lang}`);
    await page.getByTestId('key-table').waitFor({ state: 'attached' });
    const lanes = await page.locator('svg.diagram g.lane text').allTextContents();
    assert.ok(lanes.includes(name) && !lanes.includes(attacker), lanes.join(', '));
    const heads = await page.locator('[data-testid=key-table] thead th').allTextContents();
    assert.equal(heads.length, 4, `one empty corner and three columns: ${heads.join(', ')}`);
    assert.ok(!heads.includes(attacker), heads.join(', '));
  }
  // An active attacker keeps its name and its column.
  await page.goto(`${server.url}?scenario=impostor-server&seed=3&lang=en`);
  await page.getByTestId('key-table').waitFor({ state: 'attached' });
  assert.ok((await page.locator('svg.diagram g.lane text').allTextContents()).includes('Attacker'));
  assert.equal(await page.locator('[data-testid=key-table] thead th').count(), 5);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('names in the bytes: certificate_authorities decoded, an ASCII column, and the root a chain reached', async () => {
  const { page, errors } = await openPage(browser);
  // Step 5 of mutual is the CertificateRequest: its certificate_authorities name the lab's root.
  await page.goto(`${server.url}?scenario=mutual&step=5&seed=3&lang=en`);
  await textMatching(page.getByTestId('inspector'), /DistinguishedName.*CN=mTLS Lab Root CA/);
  const ascii = (await page.locator('[data-testid=hex] .ascii').allTextContents()).join('');
  assert.match(ascii, /mTLS Lab Root CA/, 'readable in the ASCII column');
  // Step 6, the server's Certificate: the chain row names the root it reached.
  await page.goto(`${server.url}?scenario=mutual&step=6&seed=3&lang=en`);
  await textMatching(page.getByTestId('root-reached').first(), /The trusted root CA it reached: CN=mTLS Lab Root CA/);
  assert.equal(await page.locator('.fgloss').count(), 0, 'no gloss on the English page');
  // On the Japanese page the X.509 field names keep RFC 5280's words, with their meaning.
  await page.goto(`${server.url}?scenario=mutual&step=6&seed=3&lang=ja`);
  await textMatching(page.getByTestId('inspector'), /issuer \(発行者\).*subject \(サブジェクト \(主体者\)\)/);
  await textMatching(page.getByTestId('inspector'), /extKeyUsage \(拡張鍵用途 \(EKU\)\)/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('two faults: the checklist stops where OpenSSL stops, and says where rustls would stop instead', async () => {
  const { page, errors } = await openPage(browser);
  // Expired and revoked: OpenSSL checks revocation before the dates (certificate_revoked);
  // rustls checks the dates first (certificate_expired).
  await page.goto(`${server.url}?scenario=b1-m-cexp-crev&step=end&seed=3&lang=en`);
  await textMatching(page.locator('[data-testid=diagram] g.outcome'), /certificate_revoked$/);
  await textMatching(page.getByTestId('rustls-verdict'), /OpenSSL's order.*rustls.*would stop at .*validity period.*certificate_expired \(45\)/);
  await page.goto(`${server.url}?scenario=b1-m-cexp-crev&step=end&seed=3&lang=ja`);
  await textMatching(page.getByTestId('rustls-verdict'), /OpenSSL の順序.*rustls なら.*certificate_expired \(45\) を送ります/);
  // One fault that both name the same: no note.
  await page.goto(`${server.url}?scenario=revoked&step=end&seed=3&lang=en`);
  await textMatching(page.locator('[data-testid=diagram] g.outcome'), /certificate_revoked$/);
  assert.equal(await page.getByTestId('rustls-verdict').count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('each step cites the RFC sections it rests on, and the switch says what else the two modes are called', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=mutual&step=1&seed=3&lang=en`);
  assert.equal(await page.locator('[data-testid=step-rfc] a').first().getAttribute('href'), 'https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2');
  // A reference inside a text is a link too (the HelloRetryRequest's transcript rule).
  await page.goto(`${server.url}?scenario=mutual-hrr&step=2&seed=3&lang=en`);
  const inline = page.locator('[data-testid=explanation] a.rfc');
  assert.equal(await inline.getAttribute('href'), 'https://www.rfc-editor.org/rfc/rfc8446#section-4.4.1');
  assert.equal(await inline.getAttribute('target'), '_blank');
  // The articles' synonyms, from the one-way | mutual switch.
  await page.goto(`${server.url}?scenario=mutual&seed=3&lang=ja`);
  await page.getByTestId('mode-names').click();
  await textMatching(page.getByTestId('term-card'), /片方向TLS、単方向TLS.*双方向TLS、相互認証TLS、TLS相互認証、Mutual TLS/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('every step of every scenario, in both languages: a title, an explanation, and no English engine sentence on the Japanese page', async () => {
  const { page, errors } = await openPage(browser);
  const problems = [];
  const failuresSeen = new Set();
  for (const id of Object.keys(CATALOGUE)) {
    for (const lang of ['en', 'ja']) {
      await page.goto(`${server.url}?scenario=${id}&step=end&seed=3&lang=${lang}`);
      await page.locator('#inspector-title').waitFor();
      for (;;) {
        const seen = await page.evaluate(() => {
          const inspector = document.querySelector('[data-testid=inspector]').cloneNode(true);
          // What a learner reads: everything but bytes, decoded field names, RFC links and
          // HTTP text. The engine's reason for a failure is in the page's language too.
          for (const el of inspector.querySelectorAll('.hex, .tree, .rfc-refs, pre, [role=tablist]')) el.remove();
          return {
            title: document.querySelector('#inspector-title').textContent,
            explanation: document.querySelector('[data-testid=explanation]').textContent,
            text: inspector.textContent,
            failures: [...document.querySelectorAll('[data-testid=inspector] [data-testid=failure]')].map((e) => e.textContent),
          };
        });
        const where = `${id} ${lang} ${seen.title}`;
        const shown = seen.title.split(' · ').slice(1).join(' · ');
        if (/^[a-z0-9_.]+$/.test(shown)) problems.push(`${where}: a raw id as title`);
        // Japanese says in 16 characters what English says in 40.
        if (seen.explanation.trim().length < (lang === 'ja' ? 8 : 20)) problems.push(`${where}: no explanation`);
        if (lang === 'ja') {
          const english = /[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}/.exec(seen.text);
          if (english) problems.push(`${where}: English on the Japanese page: "${english[0]}"`);
          for (const f of seen.failures) if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(f)) problems.push(`${where}: a failure not in Japanese: "${f}"`);
        }
        for (const f of seen.failures) failuresSeen.add(`${lang} ${f}`);
        if (/(Step|ステップ) 1 ·/.test(seen.title)) break;
        await page.keyboard.press('ArrowLeft');
        await page.waitForFunction((before) => document.querySelector('#inspector-title').textContent !== before, seen.title);
      }
    }
  }
  assert.deepEqual(problems, []);
  // The engine's reasons, in each language: e.g. the expired client certificate's.
  assert.ok(failuresSeen.has('en certificate rejected: certificate has expired'), [...failuresSeen].join('\n'));
  assert.ok(failuresSeen.has('ja 証明書を拒否しました: 証明書の有効期限が切れています'), [...failuresSeen].join('\n'));
  // The tab's title too.
  await page.goto(`${server.url}?scenario=mutual&lang=ja`);
  await page.waitForFunction(() => document.title.includes('一方向TLSと相互TLS'));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('TLS 1.2 runs come from the TLS 1.2 module, fetched only when one is wanted', async () => {
  const { page, errors, requests } = await openPage(browser);
  const tls12Module = () => requests.filter((u) => /mtls-lab-tls12-[0-9a-f]+_bg\.wasm$/.test(u));
  await page.goto(`${server.url}?scenario=mutual&step=end&seed=3&lang=en`);
  await page.locator('[data-testid=diagram] g.outcome').waitFor();
  assert.deepEqual(tls12Module(), [], 'a TLS 1.3 lesson does not fetch the TLS 1.2 module');
  // Picking a TLS 1.2 lesson fetches it once, and its run is a real TLS 1.2 handshake.
  await page.getByTestId('scenario').selectOption('tls12-mutual');
  await textMatching(page.getByTestId('scenario-title'), /Mutual TLS 1\.2/);
  await page.keyboard.press('End');
  await textMatching(page.locator('[data-testid=diagram] g.outcome'), /^✓/);
  const diagram = await page.locator('[data-testid=diagram]').textContent();
  for (const message of ['ServerKeyExchange', 'ServerHelloDone', 'ClientKeyExchange', 'ChangeCipherSpec', 'CertificateVerify']) {
    assert.ok(diagram.includes(message), `${message} in: ${diagram}`);
  }
  assert.equal(tls12Module().length, 1);
  // The client's certificate, in the clear: its step says so, with RFC 5246's section.
  await page.goto(`${server.url}?scenario=tls12-mutual&step=7&seed=3&lang=en`);
  await textMatching(page.locator('#inspector-title'), /Certificate: the client's chain, in the clear/);
  // The first module drew no picture of this TLS 1.2 run: the page's loading line stayed until
  // the app started, and is gone now.
  assert.equal(await page.locator('#boot').count(), 0);
  assert.match(await page.getByTestId('step-rfc').textContent(), /RFC 5246 §7\.4\.6/);
  await screenshot(page, 'tls12-mutual-client-certificate-en-1280');
  // The key table names TLS 1.2's keys in TLS 1.2's words: no key shares, a pre-master secret.
  await page.getByTestId('key-table').waitFor({ state: 'attached' });
  const rowName = (key) => page.locator(`[data-testid=key-table] tr[data-key=${key}] th`).textContent();
  assert.match(await rowName('SharedSecret'), /Pre-master secret \(ECDHE\)/);
  assert.match(await rowName('ClientEphemeralPublic'), /Client's ECDHE public key/);
  assert.match(await rowName('ApplicationTrafficKeys'), /from the key block/);
  await page.goto(`${server.url}?scenario=downgrade&step=3&seed=3&lang=ja`);
  await textMatching(page.locator('#inspector-title'), /ServerHello \(TLS 1\.2\)/);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'downgrade-server-hello-ja-390');
  // A bench string with v12 runs there too, and the PEM bundle of a TLS 1.2 run is the module's.
  await page.goto(`${server.url}?scenario=b1-m-cnone-v12&step=end&seed=3&lang=en`);
  await textMatching(page.locator('[data-testid=diagram] g.outcome'), /handshake_failure$/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the compare view also sets TLS 1.3 beside TLS 1.2, every figure read off the two runs', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?mode=compare&seed=5&lang=en`);
  const versions = page.getByTestId('compare-versions');
  await versions.locator('svg.diagram').nth(1).waitFor();
  assert.equal(await versions.locator('svg.diagram').count(), 2);
  const marked = await versions.locator('g.arrow.emphasis').allTextContents();
  for (const message of ['ServerKeyExchange', 'ServerHelloDone', 'ClientKeyExchange']) {
    assert.ok(marked.some((m) => m.includes(message)), `${message} marked: ${marked}`);
  }
  const cell = (version, row) => page.getByTestId(`versions-${version}-${row}`).textContent();
  assert.equal(await cell(13, 0), '1', 'TLS 1.3: one round trip before the request');
  assert.equal(await cell(12, 0), '2', 'TLS 1.2: two round trips');
  assert.equal(await cell(13, 1), 'ClientHello, ServerHello');
  assert.match(await cell(12, 1), /ServerKeyExchange.*Certificate.*ClientKeyExchange, CertificateVerify$/);
  assert.equal(await cell(13, 2), 'encrypted');
  assert.match(await cell(12, 2), /in the clear/);
  assert.match(await cell(13, 3), /^CertificateVerify/);
  assert.match(await cell(12, 3), /^ServerKeyExchange/);
  assert.equal(await cell(13, 4), 'EncryptedExtensions');
  assert.equal(await cell(12, 4), 'ServerKeyExchange, ServerHelloDone, ClientKeyExchange');
  assert.match(await cell(13, 5), /^yes: ECDHE/);
  assert.match(await cell(12, 5), /^yes: ECDHE/);
  await versions.screenshot({ path: path.join(root, 'tests', 'artifacts', 'compare-versions-en-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}?mode=compare&seed=5&lang=ja`);
  await page.getByTestId('compare-versions').locator('svg.diagram').nth(1).waitFor();
  assert.match(await cell(12, 2), /平文/);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(wide, false, 'no sideways scroll at 390 px');
  await page.getByTestId('compare-versions').screenshot({ path: path.join(root, 'tests', 'artifacts', 'compare-versions-ja-390.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});
