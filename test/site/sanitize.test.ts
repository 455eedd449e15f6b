// The markdown sanitizer: Jupyter's policy (no script can run from a markdown cell), while the
// site's own markup — KaTeX's formulas, heading ids, highlighted code, rewritten links — survives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { createMarkdown } from '../../scripts/site/markdown';
import { sanitizeMarkdownHtml } from '../../scripts/site/sanitize';

const md = createMarkdown();

/** The tags of `html` (text, where `<` is escaped as &lt;, has none). */
const tagsOf = (html: string): string[] => html.match(/<[a-zA-Z][^>]*>/g) ?? [];

/** No element can run script: no <script> and co., no on* attribute, no javascript: URL in a tag. */
function assertInert(html: string, { allowKatex = false } = {}): void {
  for (const tag of tagsOf(html)) {
    assert.doesNotMatch(tag, /^<(script|iframe|object|embed|style|base|meta|link)\b/i, html);
    if (!allowKatex) assert.doesNotMatch(tag, /^<(svg|math)\b/i, html);
    assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, html);
    assert.doesNotMatch(tag, /(javascript|vbscript|data:text\/html)/i, html);
  }
}

const hostile: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['img onerror', '<img src="x" onerror="alert(1)">'],
  ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
  ['iframe javascript:', '<iframe src="javascript:alert(1)"></iframe>'],
  ['details ontoggle', '<details open ontoggle="alert(1)"><summary>s</summary>b</details>'],
  ['markdown javascript: link', '[x](javascript:alert(1))'],
  ['html javascript: link, mixed case', '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ['entity-encoded javascript: link', '<a href="jav&#x61;script:alert(1)">x</a>'],
  ['object and embed', '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">'],
  ['form action', '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>'],
  ['data:text/html link', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
  ['style url()', '<div style="background-image:url(javascript:alert(1))">x</div>'],
  ['MathML href', '<math><mi href="javascript:alert(1)">x</mi></math>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['unclosed attribute trick', '<img src=x onerror=alert(1)//'],
];

for (const [name, source] of hostile) {
  test(`markdown: ${name} is made inert`, () => {
    assertInert(md.render(`text\n\n${source}\n`));
  });
}

test('markdown: what Jupyter allows survives', () => {
  const html = md.render([
    '## A heading', '',
    '<details><summary>more</summary>hidden <b>text</b></details>', '',
    '| a | b |', '|:--|--:|', '| 1 | 2 |', '',
    '<div style="color: #a33; text-align: center">centred</div>', '',
    '<img alt="dot" src="data:image/png;base64,iVBORw0KGgo=">', '',
    '[site](https://example.org/x) [page](02-next.ipynb#Section)', '',
    '```ts', 'const x = 1;', '```',
  ].join('\n'));
  assert.match(html, /<h2 id="A-heading">A heading<\/h2>/);
  assert.match(html, /<details><summary>more<\/summary>hidden <b>text<\/b><\/details>/);
  assert.match(html, /<th style="text-align:left">a<\/th>/);
  assert.match(html, /<div style="color:#a33;text-align:center">centred<\/div>/);
  assert.match(html, /<img alt="dot" src="data:image\/png;base64,iVBORw0KGgo=" \/>/);
  assert.match(html, /<a href="https:\/\/example.org\/x" rel="nofollow noopener">site<\/a>/);
  assert.match(html, /<a href="02-next.html#Section" rel="nofollow noopener">page<\/a>/);
  assert.match(html, /<span class="hljs-keyword">const<\/span>/);
});

test('markdown: KaTeX output is kept byte for byte, inline, display and inside HTML', () => {
  const inline = katex.renderToString('\\sqrt{x^2}', { throwOnError: false });
  const display = katex.renderToString('\\hat w = \\arg\\min_w \\|y - Xw\\|^2', { throwOnError: false, displayMode: true });
  const html = md.render('Inline $\\sqrt{x^2}$ here.\n\n$$\\hat w = \\arg\\min_w \\|y - Xw\\|^2$$\n');
  // KaTeX's own <svg> (the radical sign) and <math> (MathML) stay, though authors may not write them.
  assert.ok(inline.includes('<svg') && inline.includes('<math'), 'the fixture formula uses svg and MathML');
  assert.ok(html.includes(inline), 'inline formula intact');
  // (a display block's source keeps its trailing newline in the annotation)
  assert.ok(html.includes(display.replace('</annotation>', '\n</annotation>')), 'display formula intact');
});

test('markdown: a guessed math placeholder cannot smuggle anything', () => {
  const html = md.render('$x$ <span data-reglab-math="0-0"></span> <span data-reglab-math="x"><img src=x onerror=alert(1)></span>');
  assertInert(html, { allowKatex: true });
  assert.equal((html.match(/class="katex"/g) ?? []).length, 1, 'one formula, not two');
});

test('sanitizeMarkdownHtml: text is escaped, not dropped', () => {
  assert.equal(sanitizeMarkdownHtml('<p>1 &lt; 2 &amp; "q"</p>'), '<p>1 &lt; 2 &amp; "q"</p>');
  assert.equal(sanitizeMarkdownHtml('<p>before<script>alert(1)</script>after</p>'), '<p>beforeafter</p>');
});
