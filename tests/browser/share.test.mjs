// Share, embed and present: the iframe example page at three widths, the share panel's link
// and snippet, and presenter mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch, openPage, screenshot, textMatching, dist } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveStatic(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const width of [320, 560, 1280]) {
  test(`the example blog page embeds two scenarios at ${width} px`, async () => {
    const { page, errors, requests } = await openPage(browser, { width, height: 900 });
    await page.goto(`${server.url}embed-example.html`);
    for (const id of ['one-way', 'mutual']) {
      const frameEl = page.getByTestId(`frame-${id}`);
      await frameEl.scrollIntoViewIfNeeded();
      const frame = await (await frameEl.elementHandle()).contentFrame();
      await frame.locator('svg.diagram g.outcome').waitFor();
      // The frame reported its height and the page sized it to fit.
      await page.waitForFunction((sel) => document.querySelector(sel).style.height !== '', `[data-testid=frame-${id}]`);
      const { inner, outer } = await frame.evaluate(() => ({ inner: document.documentElement.scrollHeight, outer: window.innerHeight }));
      assert.ok(Math.abs(inner - outer) <= 2, `${id}: frame height ${outer} fits content ${inner}`);
      const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${id}: no horizontal scroll inside the frame at ${width} px (${overflow}px)`);
      assert.match(await frame.getByTestId('scenario-title').textContent(), id === 'mutual' ? /Mutual/ : /One-way/);
      // The compact inspector opens and the frame grows with it.
      await frame.getByTestId('inspector-toggle').click();
      await frame.getByTestId('inspector').waitFor();
      await page.waitForFunction(([sel, h]) => parseFloat(document.querySelector(sel).style.height) > h, [`[data-testid=frame-${id}]`, outer]);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll on the page at ${width} px`);
    await screenshot(page, `embed-example-${width}`);
    assert.deepEqual(errors, []);
    const origin = new URL(server.url).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')), []);
  });
}

test('the example blog page on another origin still sizes the lab\'s frames, and ignores other senders', async () => {
  // The blog on one loopback origin, the lab on another: the example with absolute frame URLs.
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const blogDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-lab-blog-'));
  const example = fs.readFileSync(path.join(dist, 'embed-example.html'), 'utf8').replaceAll('src="./?', `src="${server.url}?`);
  assert.notEqual(example, fs.readFileSync(path.join(dist, 'embed-example.html'), 'utf8'), 'frame URLs rewritten');
  fs.writeFileSync(path.join(blogDir, 'index.html'), example);
  const blog = await serveStatic(blogDir);
  try {
    assert.notEqual(new URL(blog.url).origin, new URL(server.url).origin);
    const { page, errors } = await openPage(browser, { width: 800, height: 900 });
    await page.goto(blog.url);
    for (const id of ['one-way', 'mutual']) {
      const frameEl = page.getByTestId(`frame-${id}`);
      await frameEl.scrollIntoViewIfNeeded();
      await page.waitForFunction((sel) => document.querySelector(sel).style.height !== '', `[data-testid=frame-${id}]`, { timeout: 20000 });
      const frame = await (await frameEl.elementHandle()).contentFrame();
      const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
      const outer = await frameEl.evaluate((el) => el.getBoundingClientRect().height);
      assert.ok(Math.abs(inner - outer) <= 4, `${id}: frame ${outer} px fits its content ${inner} px`);
    }
    // A message from the blog itself (not from a frame) or with the lab's type from a frame
    // of another origin changes nothing.
    const before = await page.getByTestId('frame-mutual').evaluate((el) => el.style.height);
    // Messages are delivered in order: once a second message has arrived, the blog's handler
    // has seen the first.
    await page.evaluate(() => new Promise((resolve) => {
      addEventListener('message', function seen(e) {
        if (e.data === 'mtls-lab-test:after') { removeEventListener('message', seen); resolve(); }
      });
      window.postMessage({ type: 'mtls-lab:height', height: 3000 }, '*');
      window.postMessage('mtls-lab-test:after', '*');
    }));
    assert.equal(await page.getByTestId('frame-mutual').evaluate((el) => el.style.height), before);
    assert.deepEqual(errors, []);
  } finally {
    await blog.close();
  }
});

test('the share panel gives the link to this view and an iframe snippet', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=revoked&step=5&seed=9&lang=ja`);
  await page.getByTestId('share-toggle').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /\?scenario=revoked&step=5&seed=9&lang=ja$/);
  const snippet = await page.getByTestId('share-iframe').inputValue();
  assert.match(snippet, /^<iframe src="[^"]+embed=1" title="mTLS Lab: [^"]+" width="100%" height="\d+"/);
  // The link opens exactly that view.
  const other = (await openPage(browser)).page;
  await other.goto(link);
  await textMatching(other.getByTestId('step-counter'), /^ステップ 5 \//);
  assert.deepEqual(errors, []);
});

test('presenter mode: large type, diagram and key table, keyboard driven', async () => {
  const { page, errors } = await openPage(browser, { width: 1280, height: 800 });
  await page.goto(`${server.url}?scenario=one-way&seed=4&lang=en`);
  await page.getByTestId('present').click();
  await page.waitForURL(/present=1/);
  assert.equal(await page.getByTestId('inspector').count(), 0, 'no inspector in presenter mode');
  await page.getByTestId('key-table').waitFor();
  await page.locator('h1').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await textMatching(page.getByTestId('present-caption'), /^4 \/ \d+ /);
  // 2 picks the second scenario of the catalogue (mutual).
  await page.keyboard.press('2');
  await textMatching(page.getByTestId('scenario-title'), /Mutual/);
  const size = await page.getByTestId('present-caption').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 28, `the caption reads from the back of a room (${size}px)`);
  await page.keyboard.press('End');
  await screenshot(page, 'presenter-en');
  // The explanation and the checks of the step, beside the diagram; clickers' PageDown and
  // PageUp step; a picker for the room.
  await page.keyboard.press('Home');
  await textMatching(page.getByTestId('present-notes'), /32 random bytes.*✓ Server: /);
  await page.keyboard.press('PageDown');
  await textMatching(page.getByTestId('present-caption'), /^2 \/ \d+ /);
  await page.keyboard.press('PageUp');
  await textMatching(page.getByTestId('present-caption'), /^1 \/ \d+ /);
  await page.getByTestId('present-scenario').selectOption('aitm-relay-mutual');
  await textMatching(page.getByTestId('scenario-title'), /Phishing proxy against mutual TLS/);
  // The 26-step relay is taller than the window: its current step stays in view.
  await page.keyboard.press('End');
  await page.waitForFunction(() => {
    const r = document.querySelector('svg.diagram g.current')?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= innerHeight + 2;
  });
  // The compare view, in presenter mode too, and back.
  await page.getByTestId('present-scenario').selectOption('compare');
  await page.waitForURL(/mode=compare.*present=1/);
  assert.equal(await page.locator('main.present svg.diagram').count(), 2, 'one-way and mutual side by side');
  await screenshot(page, 'presenter-compare-en');
  await page.getByTestId('present-scenario').selectOption('mutual');
  await textMatching(page.getByTestId('present-caption'), /^1 \/ \d+ /);
  await page.keyboard.press('Escape');
  await page.getByTestId('inspector').waitFor();
  assert.deepEqual(errors, []);
});

test('presenter mode at 1920×1080 and 1280×720: the key table reads from the back and is complete', async () => {
  for (const [width, height, min, lang] of [[1920, 1080, 24, 'ja'], [1280, 720, 16, 'ja'], [1920, 1080, 24, 'en'], [1280, 720, 16, 'en']]) {
    const { page, errors } = await openPage(browser, { width, height });
    await page.goto(`${server.url}?scenario=mutual&step=end&seed=4&lang=${lang}&present=1`);
    await page.getByTestId('key-table').waitFor();
    const size = await page.locator('[data-testid=key-table] table').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= min, `key table ${size}px at ${width}×${height}`);
    // Complete: every row and column drawn, nothing cut off sideways.
    assert.equal(await page.locator('[data-testid=key-table] tbody tr').count(), 12);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `sideways scroll of ${overflow}px`);
    await screenshot(page, `presenter-${lang}-${width}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test('the page exports the same files as the CLI for the same seed', async () => {
  const { execFileSync } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-lab-exports-'));
  const cli = (...args) => execFileSync('cargo', ['run', '-q', '-p', 'mtls-lab', '--', ...args], { cwd: new URL('../..', import.meta.url).pathname, maxBuffer: 1 << 26 });
  const json = cli('run', 'mutual', '--seed', '9', '--json', '--pcap', path.join(dir, 'cli.pcapng'), '--mermaid', path.join(dir, 'cli.mmd'), '--keylog', path.join(dir, 'cli.keys'), '--pem', path.join(dir, 'cli.pem')).toString();

  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?scenario=mutual&seed=9&lang=en`);
  await page.getByTestId('exports-toggle').click();
  const fetch = async (testid) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return fs.readFileSync(file);
  };
  assert.ok((await fetch('export.pcapng')).equals(fs.readFileSync(path.join(dir, 'cli.pcapng'))), 'identical pcapng');
  assert.equal((await fetch('export.keylog.txt')).toString(), fs.readFileSync(path.join(dir, 'cli.keys'), 'utf8'));
  assert.equal((await fetch('export.json')).toString(), json);
  assert.equal(await page.getByTestId('mermaid').inputValue(), fs.readFileSync(path.join(dir, 'cli.mmd'), 'utf8'));
  const svg = (await fetch('export.svg')).toString();
  assert.match(svg, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*><style>/);
  assert.match(svg, /ClientHello/);
  // The app asks the page's first module for the bundle (its keys are not in the Trace).
  const pem = (await fetch('export.pem')).toString();
  assert.match(pem, /BEGIN CERTIFICATE/);
  assert.equal(pem, fs.readFileSync(path.join(dir, 'cli.pem'), 'utf8'), 'identical PEM bundle');
  assert.deepEqual(errors, []);
});

test('the bench builds a run from switches, and a pasted certificate is checked in the page', async () => {
  const { execFileSync } = await import('node:child_process');
  const { page, errors, requests } = await openPage(browser);
  await page.goto(`${server.url}?scenario=mutual&seed=5&lang=en`);
  await page.getByTestId('bench-toggle').click();
  await page.getByTestId('bench-client').selectOption('rev');
  assert.equal(await page.getByTestId('bench-code').textContent(), 'b1-m-crev');
  // Asked before told: no outcome until a guess; a wrong guess is answered, then the outcome.
  assert.equal(await page.getByTestId('bench-expected').textContent(), '');
  await page.getByTestId('bench-guess-1').check();
  await textMatching(page.getByTestId('bench-expected'), /^Not quite\. What happens: Server: .*certificate_revoked$/);
  await page.getByTestId('bench-guess-2').check();
  await textMatching(page.getByTestId('bench-expected'), /^Right\. /);
  // Another switch hides it again.
  await page.getByTestId('bench-client').selectOption('exp');
  await textMatching(page.getByTestId('bench-expected'), /^$/);
  await page.getByTestId('bench-client').selectOption('rev');
  await page.getByTestId('bench-run').click();
  await page.waitForURL(/scenario=b1-m-crev/);
  await page.keyboard.press('End');
  await textMatching(page.locator('[data-testid=diagram] g.outcome'), /certificate_revoked$/);

  // Bring your own: the lab's own client chain for seed 5 builds to the lab's CA and its
  // signatures verify — but it is checked at today's date, and the lessons' certificates are
  // valid only around the lab's fixed date (2026-01-01), so the validity row fails. A private
  // key is refused and cleared from the box.
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const pemFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-lab-byo-')), 'bundle.pem');
  execFileSync('cargo', ['run', '-q', '-p', 'mtls-lab', '--', 'run', 'mutual', '--seed', '5', '--pem', pemFile],
    { cwd: new URL('../..', import.meta.url).pathname });
  const bundle = fs.readFileSync(pemFile, 'utf8');
  const blocks = bundle.split(/(?=-----BEGIN )/).map((b) => b.replace(/-----END ([A-Z ]+)-----[\s\S]*$/, '-----END $1-----\n'));
  const client = blocks.filter((b) => b.startsWith('-----BEGIN CERTIFICATE'))[3];
  const intermediate = blocks.filter((b) => b.startsWith('-----BEGIN CERTIFICATE'))[1];
  const key = blocks.find((b) => b.startsWith('-----BEGIN PRIVATE KEY'));
  const loaded = requests.length;
  await page.getByTestId('byo-toggle').click();
  await page.getByTestId('byo-input').fill(client + intermediate);
  await page.getByTestId('byo-check').click();
  const asClient = await page.getByTestId('byo-client').textContent();
  assert.match(asClient, /✓ The chain leads to a trusted root CA — passed/);
  assert.match(asClient, /✓ Each certificate's signature verifies — passed/);
  assert.match(asClient, /✕ Each certificate below the trust anchor is within its validity period — failedThe certificate has expired/);
  await textMatching(page.getByTestId('byo-server'), /would be refused/);
  await textMatching(page.getByTestId('byo-client-note'), /Checked against the trusted root: CN=mTLS Lab Root CA/);
  // At the lab's date, the date the lessons run at, the same certificate is valid.
  await page.getByTestId('byo-at-lab').check();
  await page.getByTestId('byo-check').click();
  await textMatching(page.getByTestId('byo-client'), /✓ Each certificate below the trust anchor is within its validity period — passed/);
  await page.getByTestId('byo-at-today').check();
  // The CA pasted by the learner instead of the lab's: the same chain builds to it.
  const root = blocks.filter((b) => b.startsWith('-----BEGIN CERTIFICATE'))[0];
  await page.getByTestId('byo-trust-pasted').check();
  await page.getByTestId('byo-ca').fill(root);
  await page.getByTestId('byo-check').click();
  await textMatching(page.getByTestId('byo-how'), /the CA you pasted/);
  assert.match(await page.getByTestId('byo-client').textContent(), /✓ The chain leads to a trusted root CA — passed/);
  // A CA box that holds no certificate says so, in a whole sentence.
  await page.getByTestId('byo-ca').fill('hello');
  await page.getByTestId('byo-check').click();
  await textMatching(page.getByTestId('byo-error'), /^The CA box: This is neither PEM text nor a DER certificate\.$/);
  // No CA at all: the leaf alone, and the page says what could not be checked.
  await page.getByTestId('byo-trust-none').check();
  await page.getByTestId('byo-check').click();
  await textMatching(page.getByTestId('byo-client-note'), /Not checked without a CA to trust: the chain to a root, each certificate's signature, and revocation/);
  assert.doesNotMatch(await page.getByTestId('byo-client').textContent(), /chain leads to a trusted root/);
  assert.match(await page.getByTestId('byo-client').textContent(), /✕ The leaf is within its validity period — failed/);
  await page.getByTestId('byo-trust-lab').check();
  await page.getByTestId('byo-input').fill(key);
  await page.getByTestId('byo-check').click();
  await textMatching(page.getByTestId('byo-error'), /private key/);
  assert.equal(await page.getByTestId('byo-input').inputValue(), '', 'the key is cleared from the box');
  await page.getByTestId('byo-input').fill('hello');
  await page.getByTestId('byo-check').click();
  await textMatching(page.getByTestId('byo-error'), /neither PEM/);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requests.slice(loaded), [], 'the certificate went nowhere');
  await screenshot(page, 'bench-byo-en');
  assert.deepEqual(errors, []);
});

test('every scenario\'s Mermaid export is parsed and drawn by Mermaid itself', async () => {
  const { execFileSync } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const root = new URL('../..', import.meta.url).pathname;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-lab-mermaid-'));
  const ids = execFileSync('cargo', ['run', '-q', '-p', 'mtls-lab', '--', 'list'], { cwd: root }).toString()
    .split('\n').map((l) => l.trim().split(/\s+/)[0]).filter((id) => /^[a-z][a-z0-9-]+$/.test(id));
  assert.ok(ids.length >= 19, `the catalogue: ${ids.join(', ')}`);
  const texts = ids.map((id) => {
    const file = path.join(dir, `${id}.mmd`);
    execFileSync('cargo', ['run', '-q', '-p', 'mtls-lab', '--', 'run', id, '--seed', '3', '--mermaid', file], { cwd: root });
    return [id, fs.readFileSync(file, 'utf8')];
  });
  // The real mermaid package (npm), in a blank page of the same browser.
  const { page, errors } = await openPage(browser);
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ path: path.join(root, 'tests', 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  // The judge can say no: a line our exporter would never write is refused.
  const refused = await page.evaluate(async () => {
    try { await window.mermaid.parse('sequenceDiagram\n    C->>S ClientHello without a colon\n    participant'); return false; } catch { return true; }
  });
  assert.ok(refused, 'Mermaid refuses a broken diagram');
  for (const [id, text] of texts) {
    const drawn = await page.evaluate(async ([n, t]) => {
      try {
        await window.mermaid.parse(t);
        const { svg } = await window.mermaid.render(`d${n}`, t);
        return { svg };
      } catch (e) {
        return { error: String(e?.message ?? e) };
      }
    }, [ids.indexOf(id), text]);
    assert.equal(drawn.error, undefined, `${id}: Mermaid refused the export: ${drawn.error}`);
    assert.match(drawn.svg, /ClientHello/, id);
    assert.match(drawn.svg, /Client/, id);
    assert.match(drawn.svg, /Server/, id);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});
