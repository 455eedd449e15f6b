// One executed notebook → the inner HTML of its page: markdown cells (with math), code cells
// highlighted, and every output: stream, error (ANSI stripped), plotly figures (drawn in the
// page by the local plotly.js), PNG/JPEG/SVG images, HTML, markdown, LaTeX and text.
import type MarkdownIt from 'markdown-it';
import { escapeHtml, highlight } from './markdown';

type Json = Record<string, unknown>;
export interface NotebookCell { cell_type: string; source: string | string[]; outputs?: Json[]; execution_count?: number | null; metadata?: Json }
export interface Notebook { cells: NotebookCell[]; metadata?: Json }

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');

/** Removes ANSI escape sequences (colours, cursor moves) from kernel text. */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[@-Z\\-_]/g, '');
}

/** JSON safe inside <script type="application/json">. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface RenderedNotebook {
  title: string;
  html: string;
  figures: number;
  mathSources: number;
}

export function renderNotebook(nb: Notebook, md: MarkdownIt): RenderedNotebook {
  const language = String((nb.metadata?.language_info as Json | undefined)?.name ?? 'typescript');
  let title = '';
  let figures = 0;
  let mathSources = 0;
  const parts: string[] = [];
  for (const cell of nb.cells) {
    const source = text(cell.source);
    if (cell.cell_type === 'markdown') {
      if (!title) title = /^#\s+(.+)$/m.exec(source)?.[1]?.trim() ?? '';
      if (/\$[^$]/.test(source)) mathSources += 1;
      parts.push(`<section class="cell markdown">${md.render(source)}</section>`);
    } else if (cell.cell_type === 'code') {
      const count = cell.execution_count ?? ' ';
      const outputs = (cell.outputs ?? []).map((o) => {
        const r = renderOutput(o, md);
        if (r.figure) figures += 1;
        return r.html;
      });
      parts.push(`<section class="cell code"><div class="input"><div class="prompt">[${count}]</div>` +
        `<pre class="hljs"><code class="language-${escapeHtml(language)}">${highlight(source, language)}</code></pre></div>` +
        (outputs.length ? `<div class="outputs">${outputs.join('\n')}</div>` : '') + '</section>');
    } else {
      parts.push(`<section class="cell raw"><pre>${escapeHtml(source)}</pre></section>`);
    }
  }
  return { title, html: parts.join('\n'), figures, mathSources };
}

let figureCounter = 0;

function renderOutput(output: Json, md: MarkdownIt): { html: string; figure: boolean } {
  switch (output.output_type) {
    case 'stream':
      return { html: `<pre class="output stream ${escapeHtml(String(output.name))}">${escapeHtml(stripAnsi(text(output.text)))}</pre>`, figure: false };
    case 'error': {
      const trace = (output.traceback as string[] | undefined ?? []).map(stripAnsi).join('\n');
      const head = `${stripAnsi(String(output.ename))}: ${stripAnsi(String(output.evalue))}`;
      return { html: `<pre class="output error">${escapeHtml(trace.includes(head) ? trace : `${head}\n${trace}`)}</pre>`, figure: false };
    }
    case 'display_data':
    case 'execute_result':
      return renderBundle((output.data ?? {}) as Json, md);
    default:
      return { html: '', figure: false };
  }
}

function renderBundle(data: Json, md: MarkdownIt): { html: string; figure: boolean } {
  if (data[PLOTLY_MIME]) {
    const id = `figure-${++figureCounter}`;
    const fig = data[PLOTLY_MIME] as Json;
    const height = Number((fig.layout as Json | undefined)?.height) || 420;
    return {
      html: `<div class="output figure"><div class="plotly-figure" id="${id}" data-figure="${id}-json" style="min-height:${height}px"></div>` +
        `<script type="application/json" id="${id}-json">${scriptJson(fig)}</script></div>`,
      figure: true,
    };
  }
  for (const mime of ['image/png', 'image/jpeg', 'image/gif']) {
    if (typeof data[mime] === 'string') {
      return { html: `<div class="output image"><img alt="output image" src="data:${mime};base64,${String(data[mime]).replace(/\s/g, '')}"></div>`, figure: false };
    }
  }
  if (data['image/svg+xml'] !== undefined) {
    const svg = Buffer.from(text(data['image/svg+xml'])).toString('base64');
    return { html: `<div class="output image"><img alt="output image" src="data:image/svg+xml;base64,${svg}"></div>`, figure: false };
  }
  if (data['text/html'] !== undefined) return { html: `<div class="output html">${text(data['text/html'])}</div>`, figure: false };
  if (data['text/markdown'] !== undefined) return { html: `<div class="output markdown">${md.render(text(data['text/markdown']))}</div>`, figure: false };
  if (data['text/latex'] !== undefined) return { html: `<div class="output latex">${md.render(text(data['text/latex']))}</div>`, figure: false };
  if (data['text/plain'] !== undefined) return { html: `<pre class="output text">${escapeHtml(stripAnsi(text(data['text/plain'])))}</pre>`, figure: false };
  return { html: '', figure: false };
}
