// The site builder on a fixture notebook: pages, local assets, math typeset at build time,
// highlighted code, every output kind, figures as embedded JSON for the local plotly.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripAnsi } from '../../scripts/site/notebook';
import { plotlyBundlePath } from '../../src/plot/bundle';

const root = resolve(__dirname, '..', '..');
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

function fixture(): Record<string, unknown> {
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { language_info: { name: 'typescript' } },
    cells: [
      { cell_type: 'markdown', id: 'a', metadata: {}, source: ['# 01 · Fixture\n', 'Penalty $\\lambda \\|w\\|_2^2$ and\n', '$$J(w) = L(w) + \\frac{\\lambda}{2}\\|w\\|^2$$\n', 'See [the next](02-next.ipynb).'] },
      { cell_type: 'code', id: 'b', metadata: {}, execution_count: 1, source: 'const x: number = 1;\nconsole.log(x);', outputs: [
        { output_type: 'stream', name: 'stdout', text: ['reglab backend: cpu (tfjs 4.22.0)\n', '\u001b[31mred\u001b[0m text\n'] },
        { output_type: 'error', ename: 'Error', evalue: 'boom', traceback: ['\u001b[0;31mError\u001b[0m: boom', '    at cell'] },
        { output_type: 'display_data', metadata: {}, data: { 'application/vnd.plotly.v1+json': { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { height: 300 } }, 'text/html': '<div>LOADER-SHOULD-NOT-APPEAR</div>', 'text/plain': 'Figure' } },
        { output_type: 'display_data', metadata: {}, data: { 'image/png': PNG_1x1, 'text/plain': 'img' } },
        { output_type: 'display_data', metadata: {}, data: { 'text/html': '<table class="reglab-table"><tr><td>1</td></tr></table>', 'text/plain': 't' } },
        { output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': '42 </script>' } },
      ] },
    ],
  };
}

test('stripAnsi removes colour codes', () => {
  assert.equal(stripAnsi('\u001b[0;31mError\u001b[0m: x \u001b[1m\u001b[32mok\u001b[0m'), 'Error: x ok');
});

test('npm run site: index + one page per notebook, all assets local', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-site-test-'));
  try {
    const input = join(dir, 'notebooks');
    mkdirSync(input);
    writeFileSync(join(input, '01-fixture.ipynb'), JSON.stringify(fixture()));
    writeFileSync(join(dir, 'README.md'), '# Map\n\n| article | notebook |\n|---|---|\n| 000 §1 | [01](01-fixture.ipynb) |\n');
    writeFileSync(join(dir, 'report.json'), JSON.stringify({ started: '2026-01-02T03:04:05.000Z', options: { smoke: true }, notebooks: [{ notebook: 'notebooks/01-fixture.ipynb', status: 'passed', seconds: 1.5 }] }));
    const out = join(dir, 'site');
    const log = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-site.ts'), '--in', input, '--out', out,
      '--report', join(dir, 'report.json'), '--readme', join(dir, 'README.md')], { encoding: 'utf8', cwd: root });
    assert.match(log, /site: 1 notebook page, 1 figures/);
    assert.match(log, /open file:\/\/.*\/site\/index\.html/);
    for (const asset of ['assets/plotly.js', 'assets/site.js', 'assets/site.css', 'assets/highlight.css', 'assets/katex/katex.min.css', 'assets/katex/fonts/KaTeX_Main-Regular.woff2']) {
      assert.ok(existsSync(join(out, asset)), asset);
    }
    // a bar figure only: the site ships plotly's cartesian partial bundle, not the full one
    assert.ok(readFileSync(join(out, 'assets', 'plotly.js')).equals(readFileSync(plotlyBundlePath('cartesian'))));
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    assert.match(index, /<a href="01-fixture.html"[^>]*>01<\/a>/, 'README links point at pages');
    assert.match(index, /Backend: <strong>cpu \(tfjs 4\.22\.0\)<\/strong>/);
    assert.match(index, /backend: cpu · run/);
    assert.match(index, /run 2026-01-02 03:04 UTC \(smoke mode\)/);
    assert.match(index, /Last run of the notebook runner: 2026-01-02 03:04 UTC, smoke mode, 1 notebook/);
    assert.match(index, /status-passed/);
    const page = readFileSync(join(out, '01-fixture.html'), 'utf8');
    assert.match(page, /<title>01 · Fixture · reglab<\/title>/);
    assert.match(page, /<meta charset="utf-8">/);
    assert.match(page, /class="katex"/, 'inline math typeset');
    assert.match(page, /class="katex-block"/, 'display math typeset');
    assert.ok(!page.includes('$$'), 'no raw $$');
    assert.match(page, /<span class="hljs-keyword">const<\/span>/, 'code highlighted');
    assert.match(page, /red text/);
    assert.ok(!page.includes('\u001b'), 'ANSI stripped');
    assert.match(page, /class="output error">Error: boom\n {4}at cell/);
    assert.match(page, /<main data-figures="1" data-math-cells="1">/);
    assert.match(page, /class="plotly-figure" id="figure-\d+" data-figure="figure-\d+-json" style="min-height:300px"/);
    assert.ok(!page.includes('LOADER-SHOULD-NOT-APPEAR'), 'a plotly bundle renders from JSON, not its HTML');
    assert.match(page, /<img alt="output image" src="data:image\/png;base64,/);
    assert.match(page, /<table class="reglab-table">/);
    assert.match(page, /42 &lt;\/script&gt;/);
    assert.match(page, /<a href="02-next.html"/);
    assert.match(page, /<script src="assets\/plotly.js" charset="utf-8"><\/script>/);
    assert.ok(!/(src|href)="(https?:)?\/\//.test(page + index), 'no remote asset');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run site fails clearly without executed notebooks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-site-test-'));
  try {
    assert.throws(() => execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-site.ts'), '--in', join(dir, 'none'), '--out', join(dir, 'site')],
      { encoding: 'utf8', cwd: root, stdio: 'pipe' }), (e: { status: number; stderr: string }) => e.status === 1 && /no executed notebooks: .*none does not exist/.test(e.stderr));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const buildSite = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-site.ts'), ...args],
  { encoding: 'utf8', cwd: root });
const hostile = readFileSync(join(root, 'test', 'fixtures', 'site', 'hostile.ipynb'), 'utf8');

test('site: a hostile notebook and a neighbour named with quotes inject nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-site-test-'));
  try {
    const input = join(dir, 'notebooks');
    mkdirSync(input);
    const quoted = `q" onmouseover="alert(1)" x='y.ipynb`;
    writeFileSync(join(input, '01-hostile.ipynb'), hostile);
    writeFileSync(join(input, quoted), hostile);
    const out = join(dir, 'site');
    const r = buildSite(['--in', input, '--out', out, '--readme', join(dir, 'none.md'), '--report', join(dir, 'none.json')]);
    assert.equal(r.status, 0, r.stderr);
    const page = readFileSync(join(out, '01-hostile.html'), 'utf8');
    // The only scripts are the site's own (none here: no figures), no handler attributes anywhere.
    assert.doesNotMatch(page, /<script/i);
    assert.doesNotMatch(page, /<(iframe|object|embed)\b/i);
    for (const tag of page.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      assert.doesNotMatch(tag, /\son[a-z]+\s*=|javascript:/i, tag);
    }
    assert.match(page, /class="katex"/, 'math still typeset');
    // The pager link to the quoted neighbour: percent-encoded, so the quotes cannot end the attribute.
    const next = encodeURIComponent(quoted.replace(/\.ipynb$/, '.html'));
    assert.ok(page.includes(`<a href="${next.replace(/'/g, '&#39;')}">`), `pager link ${next}`);
    assert.ok(existsSync(join(out, quoted.replace(/\.ipynb$/, '.html'))), 'the quoted page exists under its own name');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    assert.ok(!index.includes('onmouseover="'), 'index lists the quoted file escaped');
    assert.ok(index.includes('q&quot; onmouseover=&quot;alert(1)&quot; x=&#39;y.ipynb'), 'file name shown as text');
    // The exercise's solution is folded until opened.
    assert.match(page, /<details class="cell code solution"><summary>Solution \(click to open\)<\/summary><div class="input">.*const<\/span> solution/s);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const name of ['index.ipynb', 'README.ipynb']) {
  test(`site: a notebook named ${name} is refused, nothing is written`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'reglab-site-test-'));
    try {
      const input = join(dir, 'notebooks');
      mkdirSync(input);
      writeFileSync(join(input, name), hostile);
      const r = buildSite(['--in', input, '--out', join(dir, 'site')]);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, new RegExp(`a notebook cannot be named "${name}": the site's own ${name.replace('.ipynb', '').toLowerCase()}\\.html would overwrite its page`));
      assert.deepEqual(readdirSync(dir).sort(), ['notebooks'], 'no site, no temp folder');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('site: two builds into one --out at once both succeed, leaving one complete site and no temp', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-site-test-'));
  try {
    const input = join(dir, 'notebooks');
    mkdirSync(input);
    writeFileSync(join(input, '01-fixture.ipynb'), JSON.stringify(fixture()));
    const out = join(dir, 'site');
    mkdirSync(out);
    writeFileSync(join(out, 'stale.html'), 'from an older build');
    const args = [join(root, 'scripts', 'build-site.ts'), '--in', input, '--out', out, '--readme', join(dir, 'none.md'), '--report', join(dir, 'none.json')];
    const runs = await Promise.all([0, 1].map(() => new Promise<{ code: number | null; err: string }>((ok) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.on('close', (code) => ok({ code, err }));
    })));
    for (const r of runs) assert.equal(r.code, 0, r.err);
    assert.deepEqual(readdirSync(dir).sort(), ['notebooks', 'site'], 'no temp folder or lock left behind');
    assert.deepEqual(readdirSync(out).sort(), ['01-fixture.html', 'assets', 'index.html', 'readme.html']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
