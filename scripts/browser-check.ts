// Browser check of the site and of classic Jupyter Notebook, in Debian's headless Chromium driven
// by playwright-core.
//
//   npx tsx scripts/browser-check.ts            every page of build/site/ from file://, offline:
//       no console error, no page error, no network request; every figure output drawn
//       (rendered .js-plotly-plot = figure outputs of the page); math typeset (.katex present on
//       pages whose markdown has $ math, no raw $$, no KaTeX error); full-page screenshots in
//       build/screenshots/<page>.png. Every executed notebook in build/notebooks (--notebooks)
//       weighs ≤ 1.5 MB.
//       Then the hostile-notebook check (below), which `--hostile` runs alone.
//   npx tsx scripts/browser-check.ts --hostile  a site built from test/fixtures/site/hostile.ipynb
//       (script tags, img onerror, svg onload, iframe/links to javascript:, details ontoggle, …)
//       and a neighbour whose file name holds quotes: every page loaded, every link hovered, every
//       <details> toggled, every link and button clicked — no dialog may open and no payload may
//       run (each would count itself in window.__reglabPwned).
//   npx tsx scripts/browser-check.ts --classic  an executed notebook (default: the first one in
//       build/notebooks/ with figures) opened in Debian's classic Jupyter Notebook, started on
//       127.0.0.1 with a random token in a temporary folder: the notebook is trusted (as a user
//       would with `jupyter trust`), and its plots must be drawn by the plotly.js that rl.plot.show
//       embeds (rendered .js-plotly-plot = plotly outputs). Screenshot build/screenshots/classic-*.png.
//
// Exit 0 when every check passes, 1 otherwise, 2 on bad usage or a missing browser.
import { Command } from 'commander';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, stopServer, waitForServer } from './site/notebook-server';

const root = resolve(__dirname, '..');
const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
const CHROMIUM = process.env.REGLAB_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Options { site: string; notebooks: string; screenshots: string; classic?: boolean; hostile?: boolean; notebook?: string; timeout: string }

interface Problems { page: string; messages: string[] }

/** Console errors, page errors and (for file:// pages) any network request. */
function watch(page: Page, offline: boolean): string[] {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => { if (!offline || !r.url().startsWith('file:')) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`); });
  if (offline) {
    void page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      problems.push(`network request from an offline page: ${url}`);
      return route.abort();
    });
  }
  return problems;
}

async function checkSitePage(browser: Browser, file: string, shots: string, timeoutMs: number): Promise<Problems> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const messages = watch(page, true);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: timeoutMs });
  const expected = await page.evaluate(() => ({
    declared: Number(document.querySelector('main')?.getAttribute('data-figures') ?? 0),
    outputs: document.querySelectorAll('.plotly-figure').length,
    mathCells: Number(document.querySelector('main')?.getAttribute('data-math-cells') ?? 0),
  }));
  if (expected.declared !== expected.outputs) messages.push(`page declares ${expected.declared} figures but has ${expected.outputs} figure outputs`);
  try {
    await page.waitForFunction((n) => document.querySelectorAll('.plotly-figure.js-plotly-plot .main-svg').length >= n,
      expected.outputs, { timeout: timeoutMs, polling: 100 });
  } catch {
    // counted below
  }
  const drawn = await page.evaluate(() => document.querySelectorAll('.plotly-figure.js-plotly-plot').length);
  if (drawn !== expected.outputs) messages.push(`${drawn} of ${expected.outputs} figures drawn`);
  const math = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('pre, code, script, style, .katex').forEach((e) => e.remove());
    const text = clone.textContent ?? '';
    return {
      katex: document.querySelectorAll('.katex').length,
      errors: Array.from(document.querySelectorAll('.katex-error')).map((e) => e.getAttribute('title') ?? e.textContent ?? ''),
      rawDisplay: text.includes('$$'),
      // $…$ that KaTeX did not take (e.g. `$x$word`: a closing $ right before a letter or digit).
      rawInline: (/\$[^$\s](?:[^$\n]{0,200}?[^$\s\\])?\$/.exec(text) ?? [])[0],
    };
  });
  if (expected.mathCells > 0 && math.katex === 0) messages.push(`${expected.mathCells} markdown cells hold $ math but nothing was typeset (.katex missing)`);
  if (math.rawDisplay) messages.push('raw $$ left in the page text');
  if (math.rawInline) messages.push(`raw $…$ math left in the page text: ${math.rawInline.trim().slice(0, 80)}`);
  for (const e of math.errors) messages.push(`KaTeX error in: ${e.slice(0, 120)}`);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${basename(file, '.html')}.png`), fullPage: true });
  await context.close();
  console.log(`${messages.length === 0 ? 'ok  ' : 'FAIL'} ${basename(file)}: ${drawn}/${expected.outputs} figures drawn, ${math.katex} formulas typeset`);
  return { page: basename(file), messages };
}

/** An executed notebook stays light: ≤ 1.5 MB (plotly's partial bundle once, WebP fallbacks). */
const MAX_NOTEBOOK_BYTES = 1_500_000;

function checkWeights(dir: string): Problems[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => {
    const bytes = statSync(join(dir, f)).size;
    const ok = bytes <= MAX_NOTEBOOK_BYTES;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${f}: ${(bytes / 1e6).toFixed(2)} MB (limit ${MAX_NOTEBOOK_BYTES / 1e6} MB)`);
    return { page: `weight:${f}`, messages: ok ? [] : [`executed notebook is ${bytes} bytes > ${MAX_NOTEBOOK_BYTES}`] };
  });
}

async function checkSite(browser: Browser, options: Options): Promise<Problems[]> {
  const site = resolve(options.site);
  if (!existsSync(join(site, 'index.html'))) throw new UsageError(`no site at ${site} (run \`npm run site\` first)`);
  const pages = readdirSync(site).filter((f) => f.endsWith('.html')).sort((a, b) => (a === 'index.html' ? -1 : b === 'index.html' ? 1 : a.localeCompare(b)));
  const results: Problems[] = checkWeights(resolve(options.notebooks));
  for (const f of pages) results.push(await checkSitePage(browser, join(site, f), resolve(options.screenshots), Number(options.timeout) * 1000));
  return results;
}

// ---- hostile notebook: nothing from a markdown cell or a file name may run ----------------------

async function checkHostilePage(browser: Browser, file: string, timeoutMs: number): Promise<Problems> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('dialog', (d) => { messages.push(`a dialog opened: ${d.type()} ${JSON.stringify(d.message())}`); void d.dismiss().catch(() => undefined); });
  // javascript: navigations and payload requests never leave the page's own file:// folder.
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: timeoutMs });
  const pwned = () => page.evaluate(() => (window as unknown as { __reglabPwned?: number }).__reglabPwned ?? 0);
  for (const link of await page.locator('a').all()) await link.hover({ timeout: 2000 }).catch(() => undefined);
  for (const summary of await page.locator('details > summary').all()) await summary.click({ timeout: 2000 }).catch(() => undefined);
  // Clicking may navigate (to a sibling page or the index): count, then come back.
  const targets = await page.locator('a[href], button').count();
  for (let i = 0; i < targets; i++) {
    await page.locator('a[href], button').nth(i).click({ timeout: 2000, noWaitAfter: true }).catch(() => undefined);
    await page.waitForTimeout(50);
    const ran = await pwned().catch(() => 0);
    if (ran) messages.push(`a payload ran after clicking element ${i}`);
    if (page.url() !== pathToFileURL(file).href) await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: timeoutMs });
  }
  await page.waitForTimeout(300);
  const ran = await pwned();
  if (ran) messages.push(`${ran} payload(s) ran`);
  const katex = await page.evaluate(() => document.querySelectorAll('.katex').length);
  if (/^\d/.test(basename(file)) && katex === 0) messages.push('the hostile page lost its math (.katex missing)');
  await context.close();
  console.log(`${messages.length === 0 ? 'ok  ' : 'FAIL'} hostile ${basename(file)}: ${messages.length === 0 ? 'no dialog, no payload ran' : messages.join('; ')}`);
  return { page: `hostile:${basename(file)}`, messages };
}

async function checkHostile(browser: Browser, options: Options): Promise<Problems[]> {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-hostile-'));
  try {
    const input = join(dir, 'notebooks');
    mkdirSync(input);
    const fixture = readFileSync(join(root, 'test', 'fixtures', 'site', 'hostile.ipynb'), 'utf8');
    writeFileSync(join(input, '01-hostile.ipynb'), fixture);
    writeFileSync(join(input, `02-q" onmouseover="window.__reglabPwned=1;alert(1)" x='.ipynb`), fixture);
    const site = join(dir, 'site');
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-site.ts'), '--in', input, '--out', site,
      '--readme', join(dir, 'none.md'), '--report', join(dir, 'none.json')], { cwd: root, stdio: 'pipe' });
    const results: Problems[] = [];
    for (const f of readdirSync(site).filter((f) => f.endsWith('.html')).sort()) {
      try {
        results.push(await checkHostilePage(browser, join(site, f), Number(options.timeout) * 1000));
      } catch (e) {
        // e.g. a payload's dialog or navigation broke the page: a failure too
        console.log(`FAIL hostile ${f}: ${(e as Error).message.split('\n')[0]}`);
        results.push({ page: `hostile:${f}`, messages: [(e as Error).message.split('\n')[0]] });
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- classic Jupyter Notebook -------------------------------------------------------------------

class UsageError extends Error {}

function plotlyOutputs(path: string, { withImage = false } = {}): number {
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
  const html = (o: { data?: Record<string, unknown> }): string => [o.data?.['text/html'] ?? ''].flat().join('');
  return nb.cells.reduce((n, c) => n + (c.outputs ?? []).filter((o) => o.data?.[PLOTLY_MIME] !== undefined &&
    (!withImage || o.data?.['image/png'] !== undefined || /<img [^>]*src="data:image\//.test(html(o)))).length, 0);
}

function pickNotebook(options: Options): string {
  if (options.notebook) {
    const p = resolve(options.notebook);
    if (!existsSync(p)) throw new UsageError(`--notebook ${p} does not exist`);
    return p;
  }
  const dir = join(root, 'build', 'notebooks');
  const candidates = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(dir, f)) : [];
  const found = candidates.find((p) => plotlyOutputs(p) > 0);
  if (!found) throw new UsageError(`no executed notebook with plotly outputs in ${dir} (run the notebooks first, or pass --notebook)`);
  return found;
}

async function checkClassic(browser: Browser, options: Options, trust = true): Promise<Problems> {
  const notebook = pickNotebook(options);
  const expected = plotlyOutputs(notebook);
  const withImage = plotlyOutputs(notebook, { withImage: true });
  if (!trust && withImage === 0) {
    console.log(`skip classic Notebook ${basename(notebook)}, untrusted: its figures carry no static image (run with REGLAB_STATIC_PLOTS=1)`);
    return { page: `classic-untrusted:${basename(notebook)}`, messages: [] };
  }
  const dir = mkdtempSync(join(tmpdir(), 'reglab-classic-'));
  const name = basename(notebook);
  copyFileSync(notebook, join(dir, name));
  const env = { ...process.env, JUPYTER_DATA_DIR: join(dir, '.data'), JUPYTER_RUNTIME_DIR: join(dir, '.runtime'), JUPYTER_CONFIG_DIR: join(dir, '.config') };
  // Trust it, as a user does with `jupyter trust`: classic Notebook runs output scripts only then.
  // (Untrusted: HTML outputs are sanitized, no script runs, and each figure must show its PNG.)
  if (trust) {
    const signed = spawnSync('/usr/bin/python3', ['-c', 'from nbformat.sign import TrustNotebookApp; TrustNotebookApp.launch_instance()', join(dir, name)], { env, encoding: 'utf8' });
    if (signed.status !== 0) throw new Error(`could not trust the notebook: ${signed.stderr}`);
  }
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const server = spawn('/usr/bin/jupyter-notebook', ['--no-browser', '--ip=127.0.0.1', `--port=${port}`, `--NotebookApp.token=${token}`,
    `--notebook-dir=${dir}`, '--NotebookApp.open_browser=False', ...(process.getuid?.() === 0 ? ['--allow-root'] : [])], { env: { ...env, JUPYTER_PATH: process.env.JUPYTER_PATH ?? '' }, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-4000); });
  const messages: string[] = [];
  try {
    await waitForServer(`http://127.0.0.1:${port}/api/status?token=${token}`, server, 60_000);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page, false);
    await page.goto(`http://127.0.0.1:${port}/notebooks/${encodeURIComponent(name)}?token=${token}`, { waitUntil: 'load' });
    if (!trust) {
      // every figure output shows its static image (an <img> with a PNG data URL), none is drawn
      try {
        await page.waitForFunction((n) => document.querySelectorAll('.output_area img[src^="data:image/"]').length >= n,
          withImage, { timeout: Number(options.timeout) * 1000, polling: 200 });
      } catch {
        // counted below
      }
      const shown = await page.evaluate(() => Array.from(document.querySelectorAll('.output_area img[src^="data:image/"]'))
        .filter((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0).length);
      const drawn = await page.evaluate(() => document.querySelectorAll('.output_area .js-plotly-plot').length);
      const state = await page.evaluate(() => (window as unknown as { IPython?: { notebook?: { trusted?: boolean } } }).IPython?.notebook?.trusted);
      if (state !== false) messages.push(`the notebook was expected untrusted, Notebook says trusted: ${String(state)}`);
      if (shown < withImage) messages.push(`${shown} of ${withImage} figures show their static image in the untrusted notebook`);
      if (drawn > 0) messages.push(`${drawn} plots were drawn by scripts in an untrusted notebook`);
      mkdirSync(resolve(options.screenshots), { recursive: true });
      await page.screenshot({ path: join(resolve(options.screenshots), `classic-untrusted-${basename(name, '.ipynb')}.png`), fullPage: true });
      await context.close();
      console.log(`${messages.length === 0 ? 'ok  ' : 'FAIL'} classic Notebook ${name}, untrusted: ${shown}/${withImage} static images shown`);
      return { page: `classic-untrusted:${name}`, messages };
    }
    try {
      await page.waitForFunction((n) => document.querySelectorAll('.output_area .js-plotly-plot .main-svg').length >= n,
        expected, { timeout: Number(options.timeout) * 1000, polling: 200 });
    } catch {
      // counted below
    }
    const drawn = await page.evaluate(() => document.querySelectorAll('.output_area .js-plotly-plot').length);
    const trusted = await page.evaluate(() => (window as unknown as { IPython?: { notebook?: { trusted?: boolean } } }).IPython?.notebook?.trusted);
    if (drawn !== expected) messages.push(`${drawn} of ${expected} plots drawn in classic Notebook (trusted: ${String(trusted)})`);
    // Ignore the Notebook app's own noise, present with no output at all: a font request to
    // about:blank (its CSS, blocked by CORS in Chromium), kernel/session requests (the tslab kernel
    // spec is deliberately not visible to this isolated server), favicon.
    // nbextensions/…: an nbextension enabled system-wide (widgets) whose files are not installed.
    const appNoise = /about:blank|net::ERR_FAILED$|favicon|kernels?\b|api\/sessions|WebSocket|nbextensions\/|status of 404 \(Not Found\)$/i;
    messages.push(...problems.filter((p) => !appNoise.test(p)));
    mkdirSync(resolve(options.screenshots), { recursive: true });
    await page.screenshot({ path: join(resolve(options.screenshots), `classic-${basename(name, '.ipynb')}.png`), fullPage: true });
    await context.close();
    console.log(`${messages.length === 0 ? 'ok  ' : 'FAIL'} classic Notebook ${name}: ${drawn}/${expected} plots drawn`);
  } catch (e) {
    messages.push(`${(e as Error).message}\n${log}`);
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
  return { page: `classic${trust ? '' : '-untrusted'}:${name}`, messages };
}

async function main(): Promise<number> {
  const program = new Command()
    .name('browser-check')
    .description('Check the site (and classic Jupyter Notebook) in headless Chromium.')
    .option('--site <dir>', 'site folder', join(root, 'build', 'site'))
    .option('--notebooks <dir>', 'executed notebooks whose weight is checked (≤ 1.5 MB each)', join(root, 'build', 'notebooks'))
    .option('--screenshots <dir>', 'screenshot folder', join(root, 'build', 'screenshots'))
    .option('--classic', 'check an executed notebook in classic Jupyter Notebook instead of the site')
    .option('--hostile', 'only the hostile-notebook check (a site built from test/fixtures/site/hostile.ipynb)')
    .option('--notebook <file>', 'executed notebook for --classic (default: first in build/notebooks with figures)')
    .option('--timeout <s>', 'per-page timeout in seconds', '60')
    .exitOverride()
    .parse();
  const options = program.opts<Options>();
  if (!existsSync(CHROMIUM)) throw new UsageError(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set REGLAB_CHROMIUM)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const results = options.classic ? [await checkClassic(browser, options), await checkClassic(browser, options, false)]
      : options.hostile ? await checkHostile(browser, options)
        : [...await checkSite(browser, options), ...await checkHostile(browser, options)];
    const failed = results.filter((r) => r.messages.length > 0);
    for (const r of failed) for (const m of r.messages) console.error(`  ${r.page}: ${m}`);
    console.log(`browser check: ${results.length - failed.length} passed, ${failed.length} failed` +
      (options.classic ? '' : ` (screenshots in ${resolve(options.screenshots)})`));
    return failed.length === 0 ? 0 : 1;
  } finally {
    await browser.close();
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('commander.')) {
    if (e instanceof UsageError) console.error(`browser-check: ${e.message}`);
    process.exit((e as { exitCode?: number }).exitCode === 0 ? 0 : 2);
  }
  console.error(`browser-check: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
