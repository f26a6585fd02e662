// The diagram reads at every width: labels at least 12 CSS px from a 320 px blog column to a
// 1280 px desktop, in both languages, nothing overlapping (labels, padlocks, the outcome box),
// and no sideways scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch, openPage, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveStatic(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const MIN_LABEL_PX = 12;

/** Every label's rendered font size and the boxes that must not overlap, from the page. */
function measure() {
  const svg = document.querySelector('svg.diagram');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; };
  const labels = [...svg.querySelectorAll('g.arrow text.label')];
  return {
    sizes: labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale),
    texts: labels.map((t) => t.textContent),
    labels: labels.map(box),
    locks: [...svg.querySelectorAll('g.lock')].map(box),
    outcome: [...svg.querySelectorAll('g.outcome rect')].map(box),
    heads: [...svg.querySelectorAll('g.lane rect')].map(box),
    outcomeTexts: [...svg.querySelectorAll('g.outcome text')].map(box),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}

const overlap = (a, b) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;

for (const width of [320, 390, 768, 1280]) {
  test(`at ${width} px the diagram's labels are at least ${MIN_LABEL_PX} px and nothing overlaps, in both languages`, async () => {
    const problems = [];
    for (const lang of ['en', 'ja']) {
      for (const [id, embed] of [['mutual', false], ['aitm-relay-mutual', false], ['observer', false], ['no-client-cert', true]]) {
        const { page, errors } = await openPage(browser, { width, height: 900, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
        await page.goto(`${server.url}?scenario=${id}&step=end&seed=3&lang=${lang}${embed ? '&embed=1' : ''}`);
        await page.locator('svg.diagram g.outcome').waitFor();
        // The drawing settles to its box's width (one more frame after the first measure).
        await page.waitForFunction(() => {
          const svg = document.querySelector('svg.diagram');
          const w = svg.getBoundingClientRect().width;
          return Math.abs(svg.viewBox.baseVal.width - Math.min(640, Math.max(280, Math.floor(w)))) < 1;
        });
        const m = await page.evaluate(measure);
        const where = `${id}${embed ? ' (embed)' : ''} ${lang} ${width} px`;
        const small = m.sizes.map((s, i) => [s, m.texts[i]]).filter(([s]) => s < MIN_LABEL_PX);
        if (small.length) problems.push(`${where}: ${small.length} labels under ${MIN_LABEL_PX} px, e.g. ${small[0][1]} at ${small[0][0].toFixed(1)} px`);
        for (let i = 0; i < m.labels.length; i++) {
          for (let j = i + 1; j < m.labels.length; j++) {
            if (overlap(m.labels[i], m.labels[j]) > 1) problems.push(`${where}: "${m.texts[i]}" overlaps "${m.texts[j]}"`);
          }
          for (const lock of m.locks) if (overlap(m.labels[i], lock) > 1) problems.push(`${where}: a padlock overlaps "${m.texts[i]}"`);
          for (const o of m.outcome) if (overlap(m.labels[i], o) > 1) problems.push(`${where}: the outcome box overlaps "${m.texts[i]}"`);
        }
        for (const t of m.outcomeTexts) if (!m.outcome.some((o) => inside(t, o))) problems.push(`${where}: the outcome's words stick out of its box`);
        for (let i = 0; i < m.heads.length; i++) {
          for (let j = i + 1; j < m.heads.length; j++) if (overlap(m.heads[i], m.heads[j]) > 1) problems.push(`${where}: lane names overlap`);
        }
        if (m.overflow > 0) problems.push(`${where}: ${m.overflow} px of sideways scroll`);
        if (lang === 'ja' && id === 'aitm-relay-mutual' && (width === 320 || width === 1280)) await screenshot(page, `diagram-${id}-${lang}-${width}${embed ? '-embed' : ''}`);
        assert.deepEqual(errors, [], where);
        await page.context().close();
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('the current record travels along its arrow at the playback speed, then its label settles; reduced motion shows the end at once', async () => {
  const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
  await page.goto(`${server.url}?scenario=mutual&step=3&seed=3&lang=en`);
  await page.locator('svg.diagram [data-step="3"]').waitFor();
  await page.getByTestId('next').click();
  // Step 4, EncryptedExtensions, server → client, sealed: the padlock travels.
  const packet = page.locator('svg.diagram [data-step="4"] [data-testid=packet]');
  await packet.waitFor({ state: 'attached' });
  assert.match(await packet.getAttribute('class'), /sealed/);
  assert.equal(await packet.locator('animateMotion').getAttribute('dur'), '840ms', '60 % of a step at 1×');
  // Where it is along its journey: the drawing's clock is paused and set to 0, ¼, ½, ¾ and
  // all of the travel time after the animation began (no timing luck on a slow machine).
  const xs = await packet.evaluate((g) => {
    const svg = g.ownerSVGElement;
    const motion = g.querySelector('animateMotion');
    const start = motion.getStartTime();
    const dur = motion.getSimpleDuration();
    svg.pauseAnimations();
    const out = [];
    for (const f of [0.02, 0.25, 0.5, 0.75]) {
      svg.setCurrentTime(start + dur * f);
      const r = g.getBoundingClientRect();
      out.push(r.left + r.width / 2);
    }
    svg.setCurrentTime(start + dur + 0.1);
    svg.unpauseAnimations();
    return out;
  });
  assert.ok(xs.every((x, i) => i === 0 || x < xs[i - 1] - 20), `server → client, step by step: ${xs.map(Math.round).join(', ')}`);
  assert.ok(xs[3] < xs[0] - 200, `from ${xs[0]} to ${xs[3]}`);
  // Arrived: the packet is gone and the label is fully there.
  const [packetOpacity, labelOpacity] = await page.evaluate(() => [
    getComputedStyle(document.querySelector('[data-step="4"] [data-testid=packet]')).opacity,
    getComputedStyle(document.querySelector('[data-step="4"] text.label')).opacity,
  ]);
  assert.equal(Number(packetOpacity), 0);
  assert.equal(Number(labelOpacity), 1);
  // The speed control sets the pace; a plaintext record travels as a dot.
  await page.getByTestId('speed').selectOption('400');
  for (let i = 0; i < 5; i++) await page.getByTestId('next').click();
  const plain = page.locator('svg.diagram [data-step="9"] [data-testid=packet]');
  await plain.waitFor({ state: 'attached' });
  assert.doesNotMatch(await plain.getAttribute('class'), /sealed/);
  assert.equal(await plain.locator('circle').count(), 1);
  assert.equal(await plain.locator('animateMotion').getAttribute('dur'), '210ms');
  assert.deepEqual(errors, []);
  await page.context().close();
  // Less motion: nothing travels, the label is there at once.
  const still = await openPage(browser, { width: 1280, height: 900 });
  await still.page.emulateMedia({ reducedMotion: 'reduce' });
  await still.page.goto(`${server.url}?scenario=mutual&step=4&seed=3&lang=en`);
  await still.page.locator('svg.diagram [data-step="4"]').waitFor();
  assert.equal(await still.page.locator('svg.diagram [data-testid=packet]').count(), 0);
  assert.equal(Number(await still.page.locator('svg.diagram [data-step="4"] text.label').evaluate((t) => getComputedStyle(t).opacity)), 1);
  assert.deepEqual(still.errors, []);
  await still.page.context().close();
});

test('light and dark: axe-core finds no serious or critical violation (contrast AA included) on the lab, a lesson, the compare view and an embed', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { root } = await import('./harness.mjs');
  const axe = fs.readFileSync(path.join(root, 'tests', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const problems = [];
  for (const scheme of ['light', 'dark']) {
    for (const [query, width] of [
      ['?scenario=mutual&step=9&seed=2&lang=en', 1280],
      ['?scenario=aitm-relay-mutual&step=end&seed=2&lang=ja', 390],
      ['?mode=compare&seed=2&lang=en', 1280],
      ['?scenario=expired&step=end&seed=2&lang=ja&embed=1', 320],
      ['?lesson=no-client-certificate&seed=2&lang=en', 1280],
      ['?course&lang=ja', 390],
    ]) {
      const { page, errors } = await openPage(browser, { width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(server.url + query);
      await page.locator(query.startsWith('?course') ? '[data-testid=course]' : 'svg.diagram').first().waitFor();
      await page.evaluate(axe);
      const result = await page.evaluate(async () => await window.axe.run(document));
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        problems.push(`${scheme} ${query} @${width}: ${v.id}: ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.html.slice(0, 120)} ${v.nodes[0]?.any?.[0]?.message ?? ''}`);
      }
      if (scheme === 'dark' && width === 390) await screenshot(page, `dark-${query.startsWith('?course') ? 'course' : 'aitm'}-390`);
      assert.deepEqual(errors, [], query);
      await page.context().close();
    }
  }
  assert.deepEqual(problems, []);
});

test('presenter mode reads from the back of a room: at 1920×1080 labels of 24 px and a caption of 32 px or more; at 1280×720 nothing scrolls sideways', async () => {
  const problems = [];
  for (const [width, height, minLabel, minCaption] of [[1920, 1080, 24, 32], [1280, 720, 16, 28]]) {
    for (const lang of ['en', 'ja']) {
      const { page, errors } = await openPage(browser, { width, height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(`${server.url}?scenario=mutual&step=9&seed=3&lang=${lang}&present=1`);
      await page.getByTestId('present-caption').waitFor();
      await page.waitForFunction(() => {
        const svg = document.querySelector('svg.diagram');
        return svg && svg.viewBox.baseVal.width > 0;
      });
      const m = await page.evaluate(() => {
        const svg = document.querySelector('svg.diagram');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const labels = [...svg.querySelectorAll('g.arrow text.label')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        return {
          label: Math.min(...labels),
          caption: parseFloat(getComputedStyle(document.querySelector('[data-testid=present-caption]')).fontSize),
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      const where = `${width}×${height} ${lang}`;
      if (m.label < minLabel) problems.push(`${where}: labels ${m.label.toFixed(1)} px (want ${minLabel})`);
      if (m.caption < minCaption) problems.push(`${where}: caption ${m.caption.toFixed(1)} px (want ${minCaption})`);
      if (m.overflow > 0) problems.push(`${where}: ${m.overflow} px of sideways scroll`);
      console.log(`layout: presenter ${where}: labels ${m.label.toFixed(1)} px, caption ${m.caption.toFixed(1)} px`);
      assert.deepEqual(errors, [], where);
      await page.context().close();
    }
  }
  assert.deepEqual(problems, []);
});

test('the first picture, before the app loads, draws its labels at 12 px or more on a 390 px phone too', async () => {
  for (const lang of ['en', 'ja']) {
    const { page, errors } = await openPage(browser, { width: 390, height: 844 });
    // Hold the app back so the first module's picture can be measured.
    let release;
    const gate = new Promise((r) => { release = r; });
    await page.route('**/mtls-lab-web-*.js', async (route) => { await gate; await route.continue(); });
    await page.goto(`${server.url}?scenario=mutual&step=end&seed=3&lang=${lang}`);
    const first = page.locator('#first-paint svg.first-diagram');
    await first.waitFor();
    const m = await first.evaluate((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const sizes = [...svg.querySelectorAll('g.arrow text.label')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      return { min: Math.min(...sizes), viewBox: svg.viewBox.baseVal.width, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    assert.ok(m.min >= MIN_LABEL_PX, `${lang}: first picture's labels at ${m.min.toFixed(1)} px (drawing ${m.viewBox} units)`);
    assert.ok(m.viewBox < 640, `${lang}: drawn for the phone, ${m.viewBox} units`);
    assert.ok(m.overflow <= 0, `${lang}: ${m.overflow} px of sideways scroll`);
    release();
    await page.getByTestId('step-counter').waitFor();
    assert.deepEqual(errors, [], lang);
    await page.context().close();
  }
});

test('a key someone comes to hold at this step is marked in the key table, on a desktop and on a phone', async () => {
  for (const [width, lang] of [[1280, 'en'], [390, 'ja']]) {
    const { page, errors } = await openPage(browser, { width, height: 900 });
    // Step 2, ServerHello: with the server's key share the client computes the shared secret.
    await page.goto(`${server.url}?scenario=mutual&step=2&seed=3&lang=${lang}`);
    const shared = page.locator('[data-testid=key-table] tr[data-key=SharedSecret]');
    // On the desktop the key table is the tab beside the diagram, which counts the new keys.
    if (width > 900) {
      await page.getByTestId('tab-keys').click();
      const marked = await page.locator('[data-testid=key-table] td.appeared').count();
      assert.match(await page.getByTestId('tab-keys').textContent(), new RegExp(`★ ${marked}$`));
    }
    await shared.waitFor();
    assert.equal(await shared.locator('td.appeared').count(), 1, `${width}: the client's, now`);
    assert.match(await shared.locator('td.appeared').textContent(), lang === 'en' ? /new at this step/ : /このステップで新規/);
    // The server had it from its own ClientHello step on: nothing new for it at step 2 in this row.
    await page.getByTestId('next').click();
    await page.waitForFunction(() => /\b3 \//.test(document.querySelector('[data-testid=step-counter]').textContent));
    assert.equal(await shared.locator('td.appeared').count(), 0, `${width}: no longer new at step 3`);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test('at 1280×800 the diagram at its natural size and the inspector share the first screen; the key table is the tab beside them', async () => {
  for (const lang of ['en', 'ja']) {
    const { page, errors } = await openPage(browser, { width: 1280, height: 800 });
    // Step 8: the server's Finished, after which both ends hold the session keys.
    await page.goto(`${server.url}?scenario=mutual&step=8&seed=3&lang=${lang}`);
    await page.locator('svg.diagram [data-step]').first().waitFor();
    const first = await page.evaluate(() => {
      const svg = document.querySelector('svg.diagram');
      const box = (el) => el.getBoundingClientRect();
      return {
        scale: box(svg).width / svg.viewBox.baseVal.width,
        diagramTop: box(svg).top,
        inspectorTop: box(document.querySelector('[data-testid=inspector]')).top,
        keysShown: document.querySelector('[data-testid=key-table]').checkVisibility(),
      };
    });
    assert.ok(first.scale >= 0.999, `${lang}: the diagram is drawn at ${first.scale} of its natural size`);
    assert.ok(first.diagramTop < 800 && first.inspectorTop < 800, `${lang}: ${JSON.stringify(first)}`);
    assert.equal(first.keysShown, false, `${lang}: the inspector's tab is the one open`);
    // The key table's tab counts what is new at this step: the session keys, at both ends.
    const tab = page.getByTestId('tab-keys');
    assert.match(await tab.textContent(), /★ 2$/);
    await tab.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=key-table]').checkVisibility());
    const keys = await page.evaluate(() => ({
      top: document.querySelector('[data-testid=key-table] tbody').getBoundingClientRect().top,
      inspectorShown: document.querySelector('[data-testid=inspector]').checkVisibility(),
      selected: document.querySelector('[data-testid=tab-keys]').getAttribute('aria-selected'),
    }));
    assert.ok(keys.top < 800, `${lang}: the key table begins in the first screen, at ${keys.top}`);
    assert.deepEqual([keys.inspectorShown, keys.selected], [false, 'true'], lang);
    // ← and → move between the tabs, as a tab list's keys do, and do not step the run.
    await tab.press('ArrowLeft');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'tab-step');
    assert.match(await page.getByTestId('step-counter').textContent(), /\b8 \/ 16/);
    assert.equal(await page.getByTestId('inspector').isVisible(), true, lang);
    assert.deepEqual(errors, [], lang);
    await page.context().close();
  }
  // A phone has one column: no tabs, the inspector and then the key table.
  const { page, errors } = await openPage(browser, { width: 390, height: 844 });
  await page.goto(`${server.url}?scenario=mutual&step=8&seed=3`);
  await page.getByTestId('key-table').waitFor();
  assert.equal(await page.getByTestId('tab-keys').isVisible(), false);
  assert.equal(await page.getByTestId('inspector').isVisible(), true);
  assert.deepEqual(errors, []);
  await page.context().close();
});
