// The text/html of show() in a real browser (headless Chromium), inserted the way JupyterLab does
// it (innerHTML, then each <script> re-created so it runs), with require.js-style AMD `define`
// present as in classic Notebook. Skipped when Chromium is absent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as plot from '../../src/plot';
import { setDisplaySender, type DisplayContent } from '../../src/plot/display';
import { chromiumPath, CHROMIUM_ARGS } from '../../src/plot/static-image';
import { resetSession } from '../../src/plot/show';

const executable = chromiumPath();
let browser: Browser | undefined;
before(async () => { if (executable) browser = await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS }); });
after(async () => { await browser?.close(); });

function htmlOf(figures: plot.Figure[]): string[] {
  const sent: DisplayContent[] = [];
  const saved = process.env.REGLAB_STATIC_PLOTS;
  process.env.REGLAB_STATIC_PLOTS = '0';
  setDisplaySender((c) => sent.push(c));
  resetSession();
  try {
    for (const f of figures) plot.show(f);
  } finally {
    setDisplaySender(undefined);
    if (saved === undefined) delete process.env.REGLAB_STATIC_PLOTS;
    else process.env.REGLAB_STATIC_PLOTS = saved;
  }
  return sent.map((c) => String(c.data['text/html']));
}

async function freshPage(amd: boolean): Promise<{ page: Page; errors: string[] }> {
  const page = await (browser as Browser).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body>${amd
    ? '<script>window.define = function () { throw new Error("anonymous define() captured plotly.js"); }; window.define.amd = {};</script>' : ''}</body></html>`);
  return { page, errors };
}

/** Inserts an output like JupyterLab: innerHTML, then scripts re-created so they execute. */
async function insertOutput(page: Page, id: string, html: string): Promise<void> {
  await page.evaluate(({ id, html }) => {
    const div = document.createElement('div');
    div.id = id;
    div.innerHTML = html;
    document.body.appendChild(div);
    div.querySelectorAll('script').forEach((old) => {
      const s = document.createElement('script');
      s.textContent = old.textContent;
      old.replaceWith(s);
    });
  }, { id, html });
}

const figures = (): plot.Figure[] => [
  plot.lineChart([{ name: 'a', x: [1, 2, 3], y: [1, 4, 9] }], { title: 'first' }),
  plot.compareBars({ a: 1, b: 2 }, { title: 'second' }),
];

test('a later output still draws after the output that carried plotly.js is cleared (AMD define present)', { skip: !executable && 'no Chromium', timeout: 120_000 }, async () => {
  const [first, second] = htmlOf(figures());
  const { page, errors } = await freshPage(true);
  await insertOutput(page, 'out1', first);
  await page.waitForFunction(() => document.querySelectorAll('#out1 .js-plotly-plot .main-svg').length > 0, undefined, { timeout: 60_000, polling: 100 });
  await page.evaluate(() => document.getElementById('out1')?.remove()); // "Clear output"
  await insertOutput(page, 'out2', second);
  await page.waitForFunction(() => document.querySelectorAll('#out2 .js-plotly-plot .main-svg').length > 0, undefined, { timeout: 30_000, polling: 100 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page that never saw plotly.js says how to fix it, keeping the fallback', { skip: !executable && 'no Chromium', timeout: 60_000 }, async () => {
  const [, second] = htmlOf(figures());
  const { page } = await freshPage(false);
  await insertOutput(page, 'out2', second);
  await page.waitForFunction(() => /rl\.plot\.init\(\)/.test(document.body.textContent ?? ''), undefined, { timeout: 10_000, polling: 100 });
  const text = await page.evaluate(() => document.body.textContent ?? '');
  assert.match(text, /Figure "second": 1 trace \(bar\)/);
  await page.close();
});

test('the cartesian bundle draws every builder; a 3-D figure after it brings and uses the full build', { skip: !executable && 'no Chromium', timeout: 180_000 }, async () => {
  const html = htmlOf([
    plot.heatmap([[1, 2], [3, 4]]),
    plot.decisionBoundary((X) => X.map((r) => (r[0] > 0 ? 1 : 0)), [[-1, 0], [1, 1]], [0, 1], { resolution: 10 }),
    { data: [{ type: 'scatter3d', mode: 'markers', x: [1, 2], y: [2, 3], z: [3, 4] }], layout: { title: { text: '3-D' } } },
  ]);
  const { page, errors } = await freshPage(true);
  for (const [i, h] of html.entries()) await insertOutput(page, `out${i}`, h);
  await page.waitForFunction(() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3 &&
    document.querySelectorAll('#out2 .gl-container, #out2 .scene').length > 0, undefined, { timeout: 120_000, polling: 200 });
  const kinds = await page.evaluate(() => ({
    heatmap: document.querySelectorAll('#out0 .hm, #out0 image').length,
    contour: document.querySelectorAll('#out1 .contour, #out1 .contourlevel').length,
    bundle: (window as unknown as { __reglabPlotlyBundle?: string }).__reglabPlotlyBundle,
  }));
  assert.ok(kinds.heatmap > 0, 'heatmap drawn by the cartesian bundle');
  assert.ok(kinds.contour > 0, 'decision-boundary contour drawn by the cartesian bundle');
  assert.equal(kinds.bundle, 'full');
  assert.deepEqual(errors.filter((e) => !/WebGL|GPU|gl/i.test(e)), []);
  await page.close();
});

test('tick labels: powers of ten on log axes, whole epochs on learning curves', { skip: !executable && 'no Chromium', timeout: 120_000 }, async () => {
  const alphas = [1e-6, 1e-4, 1e-2, 1, 100, 1e9];
  const html = htmlOf([
    plot.lineChart([{ name: 'path', x: alphas, y: alphas.map((a) => 1 / (1 + a)) }], { logX: true }),
    plot.learningCurves([{ name: 'run', train: [0.9, 0.5, 0.4], validation: [1, 0.7, 0.6] }]),
  ]);
  const { page } = await freshPage(false);
  for (const [i, h] of html.entries()) await insertOutput(page, `out${i}`, h);
  await page.waitForFunction(() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2, undefined, { timeout: 60_000, polling: 100 });
  // (plotly separates base and superscript with zero-width spaces)
  const ticks = await page.evaluate(() => [0, 1].map((i) => Array.from(document.querySelectorAll(`#out${i} .xtick text`))
    .map((t) => (t.textContent ?? '').replace(/\u200b/g, ''))));
  const [logTicks, epochTicks] = ticks;
  assert.ok(logTicks.length >= 4, `log ticks ${JSON.stringify(logTicks)}`);
  // plotly writes 10⁻⁶ as "10" + a superscript tspan "−6": text "10−6"; never SI suffixes.
  for (const t of logTicks) assert.match(t, /^10[−-]?\d+$|^1$|^10$/, `log tick ${JSON.stringify(t)} of ${JSON.stringify(logTicks)}`);
  assert.ok(!logTicks.some((t) => /[μmkMGB]$/.test(t)), JSON.stringify(logTicks));
  assert.deepEqual(epochTicks, ['1', '2', '3']);
  await page.close();
});
