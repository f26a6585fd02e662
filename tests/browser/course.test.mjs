// The course against the release build in Debian's Chromium: the index in both languages, a
// lesson that asks before it tells (the stepper stops, radio buttons in a fieldset, feedback
// announced, then the step), the summary, progress kept in this browser and reset, the
// trainer's printable plan, presenter mode inside a lesson, axe-core, and no sideways scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic, launch, openPage, screenshot, textMatching, root } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveStatic(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The step counter's "n / total" as numbers. */
async function counter(page) {
  const text = await page.getByTestId('step-counter').textContent();
  const [, n, total] = text.match(/(\d+) \/ (\d+)/);
  return [Number(n), Number(total)];
}

/** Clicks ▶ until it is disabled (a question) or the run's end; returns the step reached. */
async function stepToStop(page) {
  for (;;) {
    const [n, total] = await counter(page);
    if (n === total || await page.getByTestId('next').isDisabled()) return n;
    await page.getByTestId('next').click();
    await page.waitForFunction((before) => !document.querySelector('[data-testid=step-counter]').textContent.includes(` ${before} /`), n);
  }
}

test('the course index lists every lesson in both languages, with a link to each', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?course&lang=en`);
  await page.getByTestId('course').waitFor();
  const links = page.getByTestId('lesson-link');
  const count = await links.count();
  assert.ok(count >= 12, `${count} lessons`);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.every((h) => /^\?lesson=[a-z0-9-]+&lang=en$/.test(h)), hrefs.join(' '));
  assert.equal(new Set(hrefs).size, count, 'one link per lesson');
  // From the lab's header too.
  await page.goto(`${server.url}?scenario=mutual&lang=ja`);
  await page.getByTestId('course-nav').click();
  await page.getByTestId('course').waitFor();
  await textMatching(page.getByTestId('course').locator('h2'), /mTLS コース/);
  assert.equal(await page.getByTestId('lesson-link').count(), count);
  await page.waitForURL(/\?course&lang=ja/);
  await page.getByTestId('lesson-link').first().click();
  await page.getByTestId('lesson-title').waitFor();
  assert.match(page.url(), /\?lesson=[a-z0-9-]+/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a lesson asks before it tells: the stepper stops, the answer is explained and announced, then the step is shown', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?course&lang=en`);
  await page.evaluate(() => localStorage.clear());
  // The lesson about a client without a certificate.
  await page.goto(`${server.url}?lesson=no-client-certificate&lang=en&seed=4`);
  await page.getByTestId('lesson-title').waitFor();
  // The scenario's own summary would give the answer away: a lesson does not show it.
  assert.doesNotMatch(await page.getByTestId('lesson').textContent() + await page.locator('section.intro').textContent(), /server stops with certificate_required/);
  const stopped = await stepToStop(page);
  const [, total] = await counter(page);
  assert.ok(stopped < total, `stopped at ${stopped} of ${total}`);
  // The question is a real form: radio buttons in a fieldset with a legend.
  const question = page.getByTestId('question');
  await question.waitFor();
  const prompt = await page.getByTestId('question-prompt').textContent();
  assert.ok(prompt.length > 10, prompt);
  assert.equal(await question.locator('fieldset legend').count(), 1);
  const radios = question.locator('input[type=radio]');
  assert.ok(await radios.count() >= 2);
  // The keyboard cannot skip it either, and the narration reads it.
  await page.keyboard.press('ArrowRight');
  assert.equal((await counter(page))[0], stopped, '→ stays before the question');
  await textMatching(page.getByTestId('narration'), new RegExp(prompt.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // A wrong answer (the feedback says so and why), announced to screen readers.
  const feedback = page.getByTestId('feedback');
  assert.equal(await feedback.getAttribute('role'), 'status');
  const labels = await question.locator('label.choice').allTextContents();
  assert.ok(labels.some((l) => /Certificate message with no certificates/.test(l)), labels.join(' | '));
  const wrong = labels.findIndex((l) => /skips straight to Finished/.test(l));
  assert.ok(wrong >= 0, labels.join(' | '));
  await radios.nth(wrong).check();
  await textMatching(feedback, /^Not quite\. .{20,}/);
  // The right one.
  const right = labels.findIndex((l) => /Certificate message with no certificates/.test(l));
  await radios.nth(right).check();
  await textMatching(feedback, /^Right\. .{20,}/);
  // Now the step that answers it: the client's empty Certificate.
  assert.equal(await page.getByTestId('next').isDisabled(), false);
  await page.getByTestId('next').click();
  await textMatching(page.getByTestId('inspector'), /Certificate/);
  // To the end of the lesson, answering each question as it comes, then the summary.
  for (let guard = 0; guard < 20; guard++) {
    const n = await stepToStop(page);
    const [, all] = await counter(page);
    if (n === all) break;
    await page.getByTestId('question').locator('input[type=radio]').first().check();
    await textMatching(page.getByTestId('feedback'), /^(Right|Not quite)\./);
  }
  await page.getByTestId('lesson-summary').waitFor();
  assert.ok(await page.getByTestId('lesson-summary').locator('li').count() >= 2);
  await page.getByTestId('next-lesson').waitFor();
  // The progress stays in this browser: the index shows the lesson done.
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('mtls-lab-course-v1')));
  assert.ok(saved.done.includes('no-client-certificate'), JSON.stringify(saved));
  await page.getByTestId('course-link').click();
  const item = page.getByTestId('lesson-item').filter({ has: page.locator('a[href*="lesson=no-client-certificate"]') });
  await item.getByTestId('lesson-done').waitFor();
  await textMatching(item, /(\d+)\/\1 answered/);
  // A reopened lesson remembers the answers: no question stops the learner.
  await page.goto(`${server.url}?lesson=no-client-certificate&lang=en&seed=4&step=end`);
  await page.getByTestId('lesson-summary').waitFor();
  // Reset forgets everything.
  await page.goto(`${server.url}?course&lang=en`);
  await page.getByTestId('course-reset').click();
  await textMatching(page.getByTestId('course-status'), /Progress cleared/);
  assert.equal(await page.getByTestId('lesson-done').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('mtls-lab-course-v1')), null);
  await page.goto(`${server.url}?lesson=no-client-certificate&lang=en&seed=4&step=end`);
  await page.getByTestId('question').waitFor();
  assert.ok((await counter(page))[0] < total, 'a link to the end stops at the first question again');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a lesson in Japanese at 390 px and in English at 1280 px: no sideways scroll, and axe finds nothing serious', async () => {
  const axe = fs.readFileSync(path.join(root, 'tests', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const [lang, width, locale] of [['ja', 390, 'ja-JP'], ['en', 1280, 'en-US']]) {
    const { page, errors } = await openPage(browser, { width, height: 900, locale });
    await page.goto(`${server.url}?course&lang=${lang}`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${server.url}?lesson=the-certificate-chain&lang=${lang}&seed=2`);
    await page.getByTestId('lesson-title').waitFor();
    await stepToStop(page);
    await page.getByTestId('question').waitFor();
    await page.getByTestId('question').locator('input[type=radio]').first().check();
    await page.getByTestId('feedback').locator('strong').waitFor();
    await screenshot(page, `lesson-${lang}-${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${lang} at ${width} px: ${overflow} px of sideways scroll`);
    await page.evaluate(axe);
    const result = await page.evaluate(async () => await window.axe.run(document));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.html}`), [], `${lang} ${width}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test("the trainer's plan: every lesson's goals, timing, runs to project and questions, printable", async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?course&lang=en`);
  await page.getByTestId('course').waitFor();
  const count = await page.getByTestId('lesson-link').count();
  assert.ok(count >= 12);
  await page.getByTestId('course-plan').click();
  await page.getByTestId('plan').waitFor();
  assert.equal(await page.getByTestId('plan-lesson').count(), count);
  const links = await page.getByTestId('plan-link').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length >= count && links.every((h) => /\?scenario=[a-z0-9-]+&seed=1&lang=en&present=1$/.test(h)), links.slice(0, 3).join(' '));
  assert.ok(await page.locator('[data-testid=plan] li.correct').count() >= count, 'the right answers are marked');
  // One lesson's plan, in Japanese.
  await page.goto(`${server.url}?lesson=revocation&lang=ja&plan=1`);
  await page.getByTestId('plan').waitFor();
  assert.equal(await page.getByTestId('plan-lesson').count(), 1);
  await textMatching(page.getByTestId('plan-lesson'), /失効/);
  // Printed: the buttons go, the plan stays.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('plan-print').isVisible(), false);
  assert.equal(await page.getByTestId('plan-lesson').isVisible(), true);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('presenter mode inside a lesson asks the room the same question', async () => {
  const { page, errors } = await openPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${server.url}?course&lang=en`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${server.url}?lesson=no-client-certificate&lang=en&seed=4&present=1`);
  await page.getByTestId('present-caption').waitFor();
  for (let i = 0; i < 20; i++) await page.keyboard.press('PageDown');
  await page.getByTestId('question').waitFor();
  const at = await page.getByTestId('present-caption').textContent();
  await page.keyboard.press('PageDown');
  assert.equal(await page.getByTestId('present-caption').textContent(), at, 'the clicker stops at the question');
  await page.getByTestId('question').locator('input[type=radio]').first().check();
  await page.getByTestId('feedback').locator('strong').waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('PageDown');
  await page.waitForFunction((before) => document.querySelector('[data-testid=present-caption]').textContent !== before, at);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a link to a run the lesson does not have shows its first run and says so', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}?lesson=why-the-server-proves-itself&part=9&lang=en`);
  await page.getByTestId('lesson-title').waitFor();
  await textMatching(page.getByTestId('notice'), /“9”: The lesson has no such run; showing run 1/);
  assert.equal(await page.locator('[data-testid=lesson-part][aria-current=step]').count(), 1);
  assert.match(await page.locator('[data-testid=lesson-part][aria-current=step]').textContent(), /^Run 1:/);
  assert.deepEqual(errors, []);
  await page.context().close();
});
