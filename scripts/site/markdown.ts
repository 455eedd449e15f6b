// Markdown of notebook cells → HTML: markdown-it (raw HTML allowed, as Jupyter does) with math
// typeset server-side by KaTeX through @vscode/markdown-it-katex ($…$, $$…$$, \begin{…} blocks),
// so pages need no JavaScript for formulas.
import MarkdownIt from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';
import hljs from 'highlight.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
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
