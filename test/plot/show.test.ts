// The display bundle: one display_data per figure with plotly JSON + HTML + text (+ PNG), plotly.js
// sent once per session, updates by display id, plain-Node fallback. The kernel's sender is mocked.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as plot from '../../src/plot';
import { kernelSender, setDisplaySender, type DisplayContent } from '../../src/plot/display';
import { plotlyBundlePath } from '../../src/plot/bundle';
import { resetSession } from '../../src/plot/show';
import { tableBundle } from '../../src/plot/table';

const PLOTLY = 'application/vnd.plotly.v1+json';
let sent: { content: DisplayContent; update: boolean }[] = [];
const savedStatic = process.env.REGLAB_STATIC_PLOTS;

beforeEach(() => {
  sent = [];
  process.env.REGLAB_STATIC_PLOTS = '0'; // the PNG path is tested in static-image.test.ts
  setDisplaySender((content, update) => sent.push({ content, update }));
  resetSession();
});
afterEach(() => {
  setDisplaySender(undefined);
  if (savedStatic === undefined) delete process.env.REGLAB_STATIC_PLOTS;
  else process.env.REGLAB_STATIC_PLOTS = savedStatic;
});

const fig = () => plot.lineChart([{ name: 'a', x: [1, 2], y: [3, 4] }], { title: 'Demo', xTitle: 'epoch', yTitle: 'loss' });

test('show sends ONE display_data bundle: plotly JSON, HTML and a one-line text', () => {
  plot.show(fig());
  assert.equal(sent.length, 1);
  const { content, update } = sent[0];
  assert.equal(update, false);
  assert.deepEqual(Object.keys(content.data).sort(), [PLOTLY, 'text/html', 'text/plain'].sort());
  const json = content.data[PLOTLY] as { data: unknown[]; layout: Record<string, unknown> };
  assert.deepEqual(json.data, fig().data);
  assert.equal(content.data['text/plain'], 'Figure "Demo": 1 trace (scatter) — loss vs epoch [interactive plotly figure]');
  assert.ok(!String(content.data['text/plain']).includes('\n'));
  assert.match(String(content.data['text/html']), /class="reglab-plot"/);
});

const loaded = (html: string): { bundle?: string; source?: Buffer } => {
  const b64 = /var b64 = "([A-Za-z0-9+/=]+)"/.exec(html)?.[1];
  return { bundle: /var want = "(\w+)"/.exec(html)?.[1], source: b64 ? gunzipSync(Buffer.from(b64, 'base64')) : undefined };
};

test('plotly.js goes out once per kernel session: the cartesian partial bundle, gzip+base64, ≤ 0.65 MB', () => {
  plot.show(fig());
  plot.show(fig());
  const [first, second] = sent.map((s) => String(s.content.data['text/html']));
  const { bundle, source } = loaded(first);
  assert.equal(bundle, 'cartesian', 'the first figure carries the library');
  assert.ok(source?.equals(readFileSync(plotlyBundlePath('cartesian'))), 'the installed plotly.js-cartesian-dist-min, byte for byte');
  assert.ok(first.length < 650_000, `first figure's HTML is ${first.length} bytes`);
  assert.ok(!second.includes('var b64'), 'the second does not');
  assert.ok(second.length < 20_000);
  assert.ok(!/https?:\/\/cdn|<script src=/i.test(first + second), 'no CDN, no external script');
  plot.init();
  assert.match(String(sent[2].content.data['text/html']), /var b64/);
});

test('a figure with a trace type outside the cartesian bundle brings the full plotly.js, once', () => {
  plot.show(fig());
  plot.show(plot.heatmap([[1, 2], [3, 4]]));
  plot.show({ data: [{ type: 'scatter3d', x: [1], y: [2], z: [3] }], layout: {} });
  plot.show({ data: [{ type: 'surface', z: [[1, 2], [3, 4]] }], layout: {} });
  plot.show(fig());
  const html = sent.map((s) => loaded(String(s.content.data['text/html'])));
  assert.deepEqual(html.map((h) => h.bundle), ['cartesian', undefined, 'full', undefined, undefined]);
  assert.ok(html[2].source?.equals(readFileSync(plotlyBundlePath('full'))));
});

test('every builder draws with the cartesian bundle only', () => {
  const figures = [
    fig(), plot.heatmap([[1, 2], [3, 4]]), plot.compareBars({ a: 1, b: 2 }),
    plot.decisionBoundary((X) => X.map((r) => (r[0] > 0 ? 1 : 0)), [[-1, 0], [1, 1]], [0, 1]),
    plot.weightHistogram([{ name: 'w', weights: [1, 2, 3] }]), plot.imageGrid([[0, 1, 1, 0]], { width: 2, height: 2 }), plot.regularizationPath([0.1, 1], [[1, 0.5], [0, 0]]),
  ];
  for (const f of figures) plot.show(f);
  assert.deepEqual(sent.map((s) => loaded(String(s.content.data['text/html'])).bundle), ['cartesian', undefined, undefined, undefined, undefined, undefined, undefined]);
});

test('the figure JSON embedded in the HTML cannot close the script element', () => {
  plot.show(plot.lineChart([{ name: '</script><b>x', x: [1], y: [1] }]));
  const html = String(sent[0].content.data['text/html']);
  assert.equal(html.match(/<\/script>/g)?.length, 2); // the loader's and the figure's own
  assert.ok(html.includes('\\u003c/script>\\u003cb>x'));
});

test('typed arrays in a hand-made figure are sent as plain arrays', () => {
  plot.show({ data: [{ type: 'scatter', x: new Float32Array([1, 2]), y: new Int32Array([3, 4]) }], layout: {} });
  const json = sent[0].content.data[PLOTLY] as { data: { x: unknown; y: unknown }[] };
  assert.deepEqual(json.data[0].x, [1, 2]);
  assert.deepEqual(json.data[0].y, [3, 4]);
});

test('show with displayId/update sends update_display_data for that id', () => {
  plot.show(fig(), { displayId: 'abc' });
  plot.show(fig(), { displayId: 'abc', update: true });
  assert.deepEqual(sent.map((s) => [s.content.transient.display_id, s.update]), [['abc', false], ['abc', true]]);
});

test('show rejects what is not a plotly figure', () => {
  assert.throws(() => plot.show({} as never), /rl\.plot\.show: `figure` must be a plotly figure \{ data: object\[\], layout: object \}; received \{\}$/);
  assert.throws(() => plot.show({ data: [], layout: 3 } as never), /`figure.layout` must be an object; received 3/);
});

test('outside a kernel, show prints the text line only', () => {
  setDisplaySender(undefined);
  assert.equal(kernelSender(), undefined);
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try { plot.show(fig()); } finally { console.log = log; }
  assert.deepEqual(lines, ['Figure "Demo": 1 trace (scatter) — loss vs epoch [interactive plotly figure]']);
});

test("the kernel's sender is found in require.cache (tslab/dist/jupyter.js)", () => {
  setDisplaySender(undefined);
  const file = '/nowhere/node_modules/tslab/dist/jupyter.js';
  const calls: unknown[] = [];
  const fake = { lastWriteDisplayData: (c: unknown, u: boolean) => calls.push([c, u]) };
  require.cache[file] = { exports: fake } as unknown as NodeJS.Module;
  try {
    plot.show(fig());
    assert.equal(calls.length, 1);
  } finally {
    delete require.cache[file];
  }
});

test('table: aligned text and an HTML table, from records or a DataFrame-like object', () => {
  const b = tableBundle([{ method: 'none', val: 0.912345 }, { method: 'L2', val: 0.55 }], { title: 'Loss' });
  assert.equal(b['text/plain'], 'Loss\nmethod     val\n------  ------\nnone    0.9123\nL2        0.55');
  assert.match(b['text/html'], /<caption>Loss<\/caption>.*<th style="text-align:left">method<\/th>/);
  const df = { columns: ['a', 'b'], values: [[1, '<x>'], [2, 'y']] };
  assert.match(tableBundle(df)['text/html'], /<td style="text-align:left">&lt;x&gt;<\/td>/);
  plot.table(df);
  assert.deepEqual(Object.keys(sent[0].content.data).sort(), ['text/html', 'text/plain']);
  assert.throws(() => tableBundle([1 as never]), /`rows\[0\]` must be a record/);
});
