// Markdown of notebook cells → HTML: markdown-it (raw HTML allowed, as Jupyter does, then
// sanitized to Jupyter's policy: sanitize.ts) with math typeset server-side by KaTeX through
// @vscode/markdown-it-katex ($…$, $$…$$, \begin{…} blocks), so pages need no JavaScript for
// formulas.
import { randomBytes } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';
import hljs from 'highlight.js';
import { sanitizeMarkdownHtml } from './sanitize';

/** Text → HTML text or attribute value (double- or single-quoted). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const MATH_RULES = ['math_inline', 'math_inline_block', 'math_inline_bare_block', 'math_block'] as const;

interface MathStore { nonce: string; html: string[] }

/**
 * KaTeX's output is ours (typeset from the math source with `trust` off), not the author's HTML:
 * each formula is replaced by a placeholder element carrying a per-render random nonce, the
 * document is sanitized, and the placeholders (which only the sanitizer's own output can contain
 * as elements) get the formulas back.
 */
function protectMath(md: MarkdownIt): void {
  for (const rule of MATH_RULES) {
    const render = md.renderer.rules[rule];
    if (!render) continue;
    md.renderer.rules[rule] = (tokens, idx, options, env: { reglabMath?: MathStore }, self) => {
      const html = render(tokens, idx, options, env, self);
      const store = env.reglabMath;
      if (!store) return html;
      store.html.push(html);
      return `<span data-reglab-math="${store.nonce}-${store.html.length - 1}"></span>`;
    };
  }
  const render = md.render.bind(md);
  md.render = (src: string, env: Record<string, unknown> = {}) => {
    const store: MathStore = { nonce: randomBytes(12).toString('hex'), html: [] };
    const dirty = render(src, { ...env, reglabMath: store });
    const clean = sanitizeMarkdownHtml(dirty);
    const placeholder = new RegExp(`<span data-reglab-math="${store.nonce}-(\\d+)"></span>`, 'g');
    return clean.replace(placeholder, (_, i: string) => store.html[Number(i)] ?? '');
  };
}

/** Syntax-highlighted code as HTML (`language` unknown → escaped plain text). */
export function highlight(code: string, language: string): string {
  const lang = hljs.getLanguage(language) ? language : undefined;
  return lang ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
}

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({
    html: true,
    linkify: true,
    typographer: false,
    highlight: (code, lang) => `<pre class="hljs"><code>${highlight(code, lang || 'typescript')}</code></pre>`,
  });
  md.use(katexPlugin, { enableBareBlocks: true, enableMathBlockInHtml: true, enableMathInlineInHtml: true, throwOnError: false });
  md.core.ruler.push('heading_ids', (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type === 'heading_open' && !token.attrGet('id')) token.attrSet('id', headingAnchor(state.tokens[i + 1].children ?? []));
    });
  });
  // Links to notebooks point at their pages on the site; the repository README is readme.html.
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = tokens[idx].attrGet('href');
    if (href && !/^[a-z]+:/i.test(href)) {
      tokens[idx].attrSet('href', href
        .replace(/^\.\.\/README\.md(#.*)?$/, 'readme.html$1')
        .replace(/(?:^|.*\/)([^/]+)\.ipynb(#.*)?$/, '$1.html$2'));
    }
    return defaultLink(tokens, idx, options, env, self);
  };
  protectMath(md);
  return md;
}

/**
 * The anchor JupyterLab gives a heading: its text (code spans included, markup and math dropped)
 * with spaces turned into '-', so links written for JupyterLab (`04-dropout.ipynb#1-·-Idea`) land
 * on the same heading in the site.
 */
export function headingAnchor(inline: { type: string; content: string }[]): string {
  const text = inline.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : '')).join('');
  return text.trim().replace(/ /g, '-');
}

export { escapeHtml };
