// One executed notebook → the inner HTML of its page: markdown cells (with math, sanitized as
// Jupyter does), code cells highlighted, and every output: stream, error (ANSI stripped), plotly
// figures (drawn in the page by the local plotly.js), PNG/JPEG/SVG images, HTML, markdown, LaTeX
// and text. Outputs are trusted by default — the notebooks are the project's own, executed by its
// runner, as a trusted notebook is in Jupyter; `trustOutputs: false` sanitizes their HTML too.
// A code cell tagged `solution` (an exercise's answer) is folded in a <details> until opened.
import type MarkdownIt from 'markdown-it';
import { escapeHtml, highlight } from './markdown';
import { sanitizeMarkdownHtml } from './sanitize';

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
  /** The plotly figures of the page (to pick the plotly.js build that draws them). */
  plotly: { data: Json[]; layout: Json }[];
}

export interface RenderOptions {
  /** Keep HTML outputs as they are (trusted, as in a trusted Jupyter notebook). Default: true. */
  trustOutputs?: boolean;
}

const tagsOf = (cell: NotebookCell): string[] => {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
};

export function renderNotebook(nb: Notebook, md: MarkdownIt, options: RenderOptions = {}): RenderedNotebook {
  const trusted = options.trustOutputs ?? true;
  const language = String((nb.metadata?.language_info as Json | undefined)?.name ?? 'typescript');
  let title = '';
  let figures = 0;
  let mathSources = 0;
  const plotly: RenderedNotebook['plotly'] = [];
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
        const r = renderOutput(o, md, trusted);
        if (r.figure) {
          figures += 1;
          const fig = ((o.data ?? {}) as Json)[PLOTLY_MIME] as Json;
          plotly.push({ data: Array.isArray(fig.data) ? (fig.data as Json[]) : [], layout: (fig.layout ?? {}) as Json });
        }
        return r.html;
      });
      const html = `<div class="input"><div class="prompt">[${escapeHtml(String(count))}]</div>` +
        `<pre class="hljs"><code class="language-${escapeHtml(language)}">${highlight(source, language)}</code></pre></div>` +
        (outputs.length ? `<div class="outputs">${outputs.join('\n')}</div>` : '');
      parts.push(tagsOf(cell).includes('solution')
        ? `<details class="cell code solution"><summary>Solution (click to open)</summary>${html}</details>`
        : `<section class="cell code">${html}</section>`);
    } else {
      parts.push(`<section class="cell raw"><pre>${escapeHtml(source)}</pre></section>`);
    }
  }
  return { title, html: parts.join('\n'), figures, mathSources, plotly };
}

let figureCounter = 0;

function renderOutput(output: Json, md: MarkdownIt, trusted: boolean): { html: string; figure: boolean } {
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
      return renderBundle((output.data ?? {}) as Json, md, trusted);
    default:
      return { html: '', figure: false };
  }
}

function renderBundle(data: Json, md: MarkdownIt, trusted: boolean): { html: string; figure: boolean } {
  if (data[PLOTLY_MIME]) {
    const id = `figure-${++figureCounter}`;
    const fig = data[PLOTLY_MIME] as Json;
    const height = Number((fig.layout as Json | undefined)?.height) || 420;
    return {
      html: `<div class="output figure"><div class="plotly-figure" id="${id}" data-figure="${id}-json" style="min-height:${Math.round(height)}px"></div>` +
        `<script type="application/json" id="${id}-json">${scriptJson(fig)}</script></div>`,
      figure: true,
    };
  }
  for (const mime of ['image/png', 'image/jpeg', 'image/gif']) {
    if (typeof data[mime] === 'string') {
      const base64 = String(data[mime]).replace(/[^A-Za-z0-9+/=]/g, '');
      return { html: `<div class="output image"><img alt="output image" src="data:${mime};base64,${base64}"></div>`, figure: false };
    }
  }
  if (data['image/svg+xml'] !== undefined) {
    const svg = Buffer.from(text(data['image/svg+xml'])).toString('base64');
    return { html: `<div class="output image"><img alt="output image" src="data:image/svg+xml;base64,${svg}"></div>`, figure: false };
  }
  if (data['text/html'] !== undefined) {
    const html = text(data['text/html']);
    return { html: `<div class="output html">${trusted ? html : sanitizeMarkdownHtml(html)}</div>`, figure: false };
  }
  if (data['text/markdown'] !== undefined) return { html: `<div class="output markdown">${md.render(text(data['text/markdown']))}</div>`, figure: false };
  if (data['text/latex'] !== undefined) return { html: `<div class="output latex">${md.render(text(data['text/latex']))}</div>`, figure: false };
  if (data['text/plain'] !== undefined) return { html: `<pre class="output text">${escapeHtml(stripAnsi(text(data['text/plain'])))}</pre>`, figure: false };
  return { html: '', figure: false };
}
