// `npm run site`: executed notebooks (build/notebooks/*.ipynb) → a static site (build/site/) that
// opens from file:// with no network: an index (the article → notebook map from
// notebooks/README.md, backend and run date) and one page per notebook with markdown, math typeset
// by KaTeX at build time, highlighted code and every output, plotly figures drawn by a local copy
// of plotly.js. The site is built in a temporary folder next to the target and renamed into
// place (site/swap.ts), so a partial site is never visible and concurrent builds both succeed.
import { Command } from 'commander';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdown, escapeHtml } from './site/markdown';
import { renderNotebook, stripAnsi, type Notebook, type RenderedNotebook } from './site/notebook';
import { plotlyBundlePath, siteBundle } from './site/plotly-bundle';
import { buildInto } from './site/swap';

interface Options { in: string; out: string; report: string; readme: string; sanitizeOutputs?: boolean }

/** Pages the site writes itself: a notebook with one of these names would be overwritten. */
const RESERVED = ['index', 'readme'];

/** A page file name as an href attribute value (percent-encoded, then HTML-escaped). */
const href = (page: string): string => escapeHtml(encodeURIComponent(page));

interface PageInfo { file: string; page: string; title: string; figures: number; backend?: string; status?: string; seconds?: number }

interface Report { started?: string; options?: { smoke?: boolean }; notebooks?: { notebook: string; status: string; seconds: number }[] }

const root = resolve(__dirname, '..');

function readReport(path: string): Report | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Report;
  } catch (e) {
    console.warn(`site: ignoring ${path}: ${(e as Error).message}`);
    return undefined;
  }
}

/** The backend line a notebook printed in its setup cell (`reglab backend: wasm (…)`). */
function backendOf(nb: Notebook): string | undefined {
  for (const cell of nb.cells) {
    for (const o of cell.outputs ?? []) {
      const t = o.output_type === 'stream' ? (Array.isArray(o.text) ? o.text.join('') : String(o.text ?? '')) : '';
      const m = /reglab backend: ([^\n]+)/.exec(stripAnsi(t));
      if (m) return m[1].trim();
    }
  }
  return undefined;
}

function copyAssets(out: string): void {
  const assets = join(out, 'assets');
  mkdirSync(join(assets, 'katex'), { recursive: true });
  const katexDist = dirname(require.resolve('katex/dist/katex.min.css'));
  cpSync(join(katexDist, 'katex.min.css'), join(assets, 'katex', 'katex.min.css'));
  cpSync(join(katexDist, 'fonts'), join(assets, 'katex', 'fonts'), { recursive: true });
  cpSync(require.resolve('highlight.js/styles/github.min.css'), join(assets, 'highlight.css'));
  for (const f of ['site.css', 'site.js']) cpSync(join(__dirname, 'site', 'static', f), join(assets, f));
}

function page(title: string, body: string, meta: string, withPlotly: boolean, counts = { figures: 0, math: 0 }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · reglab</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/site.css">
</head><body>
<header class="site"><a class="brand" href="index.html">reglab</a><span>regularization in deep learning, in TypeScript notebooks</span><span class="meta">${meta}</span></header>
<main data-figures="${Number(counts.figures)}" data-math-cells="${Number(counts.math)}">
${body}
</main>
${withPlotly ? '<script src="assets/plotly.js" charset="utf-8"></script>\n<script src="assets/site.js"></script>\n' : ''}</body></html>
`;
}

/** '2026-11-22T19:24:10.476Z' → '2026-11-22 19:24 UTC'. */
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** Header line: backend name and the runner's last run (short; the index gives details). */
function runMeta(report: Report | undefined, backend: string | undefined): string {
  const parts: string[] = [];
  if (backend) parts.push(`backend: ${escapeHtml(backend.split(/\s/)[0])}`);
  if (report?.started) parts.push(`run ${escapeHtml(when(report.started))}${report.options?.smoke ? ' (smoke mode)' : ''}`);
  return parts.join(' · ');
}

function indexBody(pages: PageInfo[], readme: string | undefined, md: ReturnType<typeof createMarkdown>, report: Report | undefined, backend?: string): string {
  const intro = readme
    ? md.render(readme)
    : '<h1>reglab notebooks</h1><p>Regularization in deep learning, taught in TypeScript notebooks with TensorFlow.js.</p>';
  const rows = pages.map((p) => `<tr><td><a href="${href(p.page)}">${escapeHtml(p.file)}</a></td><td>${escapeHtml(p.title)}</td>` +
    `<td class="status-${escapeHtml(p.status ?? 'unknown')}">${escapeHtml(p.status ?? '—')}</td><td style="text-align:right">${p.seconds !== undefined ? `${p.seconds.toFixed(1)} s` : '—'}</td>` +
    `<td style="text-align:right">${p.figures}</td></tr>`).join('\n');
  const facts: string[] = [];
  if (backend) facts.push(`Backend: <strong>${escapeHtml(backend)}</strong>.`);
  if (report?.started) {
    const n = report.notebooks?.length ?? 0;
    facts.push(`Last run of the notebook runner: ${escapeHtml(when(report.started))}${report.options?.smoke ? ', smoke mode' : ', full mode'}, ` +
      `${n} notebook${n === 1 ? '' : 's'} (status and time below; — = not part of that run).`);
  }
  const run = facts.length ? `<p>${facts.join(' ')}</p>` : '';
  return `${intro}\n<h2>Executed notebooks</h2>\n${run}\n<table class="notebook-list"><thead><tr><th>notebook</th><th>title</th><th>status</th><th>time</th><th>figures</th></tr></thead>\n<tbody>${rows}</tbody></table>`;
}

function build(options: Options): { out: string; pages: PageInfo[] } {
  const input = resolve(options.in);
  if (!existsSync(input)) throw new Error(`no executed notebooks: ${input} does not exist (run \`npm run notebooks\` first)`);
  const files = readdirSync(input).filter((f) => f.endsWith('.ipynb')).sort();
  if (files.length === 0) throw new Error(`no executed notebooks (*.ipynb) in ${input} (run \`npm run notebooks\` first)`);
  const clash = files.find((f) => RESERVED.includes(basename(f, '.ipynb').toLowerCase()));
  if (clash) {
    throw new Error(`${join(input, clash)}: a notebook cannot be named ${JSON.stringify(clash)}: the site's own ` +
      `${basename(clash, '.ipynb').toLowerCase()}.html would overwrite its page (rename the notebook)`);
  }
  const out = resolve(options.out);
  let pages: PageInfo[] = [];
  buildInto(out, (tmp) => { pages = writeSite(tmp, input, files, options); });
  return { out, pages };
}

function writeSite(tmp: string, input: string, files: string[], options: Options): PageInfo[] {
  copyAssets(tmp);
  const md = createMarkdown();
  const report = readReport(resolve(options.report));
  const pages: PageInfo[] = [];
  const figures: RenderedNotebook['plotly'] = [];
  let siteBackend: string | undefined;
  for (const file of files) {
    let nb: Notebook;
    try {
      nb = JSON.parse(readFileSync(join(input, file), 'utf8')) as Notebook;
      if (!Array.isArray(nb.cells)) throw new Error('no "cells" array');
    } catch (e) {
      throw new Error(`${join(input, file)} is not a readable notebook: ${(e as Error).message}`);
    }
    const rendered = renderNotebook(nb, md, { trustOutputs: !options.sanitizeOutputs });
    figures.push(...rendered.plotly);
    const name = basename(file, '.ipynb');
    const backend = backendOf(nb);
    siteBackend ??= backend;
    const entry = report?.notebooks?.find((n) => basename(n.notebook) === file);
    const title = rendered.title || name;
    const info: PageInfo = { file, page: `${name}.html`, title, figures: rendered.figures, backend, status: entry?.status, seconds: entry?.seconds };
    pages.push(info);
    writeFileSync(join(tmp, info.page), page(title, rendered.html, runMeta(report, backend), rendered.figures > 0, { figures: rendered.figures, math: rendered.mathSources }));
  }
  cpSync(plotlyBundlePath(siteBundle(figures)), join(tmp, 'assets', 'plotly.js'));
  pages.forEach((p, i) => {
    // prev / next links at the foot of each notebook page
    const nav = [i > 0 ? `<a href="${href(pages[i - 1].page)}">← ${escapeHtml(pages[i - 1].title)}</a>` : '', '<a href="index.html">index</a>',
      i < pages.length - 1 ? `<a href="${href(pages[i + 1].page)}">${escapeHtml(pages[i + 1].title)} →</a>` : ''].filter(Boolean).join(' · ');
    const path = join(tmp, p.page);
    // before the page's own </main>, the last one (a trusted output may hold that text too)
    const html = readFileSync(path, 'utf8');
    const at = html.lastIndexOf('</main>');
    writeFileSync(path, `${html.slice(0, at)}<nav class="pager"><p>${nav}</p></nav>\n${html.slice(at)}`);
  });
  const readmePath = resolve(options.readme);
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined;
  writeFileSync(join(tmp, 'index.html'), page('Notebooks', indexBody(pages, readme, md, report, siteBackend), runMeta(report, siteBackend), false));
  // The repository README (set-up, JupyterLab steps), which the map links to as ../README.md.
  const projectReadme = join(root, 'README.md');
  if (existsSync(projectReadme)) {
    writeFileSync(join(tmp, 'readme.html'), page('README', md.render(readFileSync(projectReadme, 'utf8')), runMeta(report, siteBackend), false));
  }
  return pages;
}

function main(): void {
  const program = new Command()
    .name('build-site')
    .description('Build the static site (build/site/) from the executed notebooks in build/notebooks/.')
    .option('--in <dir>', 'folder of executed notebooks', join(root, 'build', 'notebooks'))
    .option('--out <dir>', 'output folder (replaced)', join(root, 'build', 'site'))
    .option('--report <file>', 'runner report (backend, run date, status)', join(root, 'build', 'notebooks', 'report.json'))
    .option('--readme <file>', 'article → notebook map shown on the index', join(root, 'notebooks', 'README.md'))
    .option('--sanitize-outputs', 'sanitize HTML outputs too (for notebooks this project did not execute)')
    .parse();
  const started = Date.now();
  try {
    const { out, pages } = build(program.opts<Options>());
    const figures = pages.reduce((s, p) => s + p.figures, 0);
    console.log(`site: ${pages.length} notebook page${pages.length === 1 ? '' : 's'}, ${figures} figures, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`site: open ${pathToFileURL(join(out, 'index.html')).href}`);
  } catch (e) {
    console.error(`site: ${(e as Error).message}`);
    process.exit(1);
  }
}

main();
