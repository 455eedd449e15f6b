// HTML that comes from a notebook's markdown cells is untrusted, as in Jupyter (JupyterLab and
// classic Notebook run markdown HTML through sanitize-html and never trust it, signed or not).
// The policy follows Jupyter's own: the tags and per-tag attributes Google Caja allowed (Jupyter's
// list), `style` limited to plain layout/colour declarations, no event handlers, no <script>,
// <style>, <iframe>, <object>, <embed>, <svg> or <math> written by hand, links restricted to
// http(s)/mailto and relative URLs, images also to data: URLs, and every <a> gets rel="nofollow",
// every <input> disabled.
//
// Our own markup survives: heading ids, highlighted code (class attributes), rewritten links, and
// KaTeX's output, which is produced by KaTeX from the math source (KaTeX's `trust` off: no \href,
// \url or \html… commands) and put back after sanitizing through placeholders only the renderer
// knows (see markdown.ts).
import sanitizeHtml from 'sanitize-html';

const TAGS = [
  'a', 'abbr', 'acronym', 'address', 'area', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big',
  'blockquote', 'br', 'button', 'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'data', 'datalist', 'dd', 'del', 'details', 'dfn', 'dir', 'div', 'dl', 'dt', 'em', 'fieldset',
  'figcaption', 'figure', 'font', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'label', 'legend', 'li', 'map', 'mark', 'menu',
  'meter', 'nav', 'nobr', 'ol', 'optgroup', 'option', 'output', 'p', 'pre', 'progress', 'q', 's',
  'samp', 'section', 'select', 'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary',
  'sup', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'time', 'tr', 'track', 'tt',
  'u', 'ul', 'var', 'video', 'wbr',
];

const CELL = ['abbr', 'align', 'axis', 'bgcolor', 'char', 'charoff', 'colspan', 'headers', 'height',
  'nowrap', 'rowspan', 'scope', 'valign', 'width'];
const SECTION = ['align', 'char', 'charoff', 'valign'];

const ATTRIBUTES: Record<string, string[]> = {
  '*': ['class', 'dir', 'hidden', 'id', 'lang', 'style', 'title', 'translate'],
  a: ['href', 'hreflang', 'name', 'rel', 'target', 'type'],
  area: ['alt', 'coords', 'href', 'shape'],
  audio: ['controls', 'loop', 'muted', 'preload', 'src'],
  blockquote: ['cite'],
  button: ['disabled', 'name', 'type', 'value'],
  canvas: ['height', 'width'],
  caption: ['align'],
  col: ['align', 'span', 'valign', 'width'],
  colgroup: ['align', 'span', 'valign', 'width'],
  data: ['value'],
  del: ['cite', 'datetime'],
  details: ['open'],
  div: ['align'],
  font: ['color', 'face', 'size'],
  h1: ['align'], h2: ['align'], h3: ['align'], h4: ['align'], h5: ['align'], h6: ['align'],
  hr: ['align', 'noshade', 'size', 'width'],
  img: ['align', 'alt', 'border', 'height', 'hspace', 'src', 'vspace', 'width'],
  input: ['checked', 'disabled', 'max', 'min', 'name', 'placeholder', 'readonly', 'step', 'type', 'value'],
  ins: ['cite', 'datetime'],
  label: ['for'],
  li: ['type', 'value'],
  meter: ['high', 'low', 'max', 'min', 'value'],
  ol: ['reversed', 'start', 'type'],
  option: ['disabled', 'label', 'selected', 'value'],
  p: ['align'],
  progress: ['max', 'value'],
  q: ['cite'],
  source: ['type'],
  // the math placeholders of markdown.ts (replaced by KaTeX's output after sanitizing)
  span: ['data-reglab-math'],
  table: ['align', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'frame', 'rules', 'summary', 'width'],
  tbody: SECTION, tfoot: SECTION, thead: SECTION,
  td: CELL, th: CELL,
  tr: ['align', 'bgcolor', 'char', 'charoff', 'valign'],
  textarea: ['cols', 'disabled', 'placeholder', 'readonly', 'rows'],
  time: ['datetime'],
  ul: ['type'],
  video: ['controls', 'height', 'loop', 'muted', 'poster', 'preload', 'src', 'width'],
};

// CSS: values of a few shapes only (no url(), no expression(), no @-rules — sanitize-html drops a
// declaration whose value does not match).
const LENGTH = /^(auto|0|[+-]?(\d+\.?\d*|\.\d+)(px|em|rem|ex|ch|%|pt|pc|cm|mm|in|vw|vh)?)(\s+(auto|0|[+-]?(\d+\.?\d*|\.\d+)(px|em|rem|ex|ch|%|pt|pc|cm|mm|in|vw|vh)?)){0,3}$/i;
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|rgba?\(\s*[\d.%\s,/]+\)|hsla?\(\s*[\d.%\s,/deg]+\))$/i;
const WORDS = /^[a-z-]+(\s+[a-z-]+)*$/i;
const BORDER = /^((thin|medium|thick|0|\d+(\.\d+)?(px|em|rem|pt))|(none|hidden|dotted|dashed|solid|double|groove|ridge|inset|outset)|(#[0-9a-f]{3,8}|[a-z]+|rgba?\([\d.%\s,/]+\)))(\s+((thin|medium|thick|0|\d+(\.\d+)?(px|em|rem|pt))|(none|hidden|dotted|dashed|solid|double|groove|ridge|inset|outset)|(#[0-9a-f]{3,8}|[a-z]+|rgba?\([\d.%\s,/]+\)))){0,2}$/i;
const FONT_FAMILY = /^[\w\s"',-]+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

const STYLES: Record<string, RegExp[]> = {
  color: [COLOR], 'background-color': [COLOR], 'border-color': [COLOR],
  border: [BORDER], 'border-top': [BORDER], 'border-bottom': [BORDER], 'border-left': [BORDER], 'border-right': [BORDER],
  'border-collapse': [WORDS], 'border-radius': [LENGTH], 'border-width': [LENGTH], 'border-style': [WORDS],
  width: [LENGTH], height: [LENGTH], 'max-width': [LENGTH], 'min-width': [LENGTH], 'max-height': [LENGTH], 'min-height': [LENGTH],
  margin: [LENGTH], 'margin-top': [LENGTH], 'margin-bottom': [LENGTH], 'margin-left': [LENGTH], 'margin-right': [LENGTH],
  padding: [LENGTH], 'padding-top': [LENGTH], 'padding-bottom': [LENGTH], 'padding-left': [LENGTH], 'padding-right': [LENGTH],
  'text-align': [WORDS], 'vertical-align': [WORDS, LENGTH], 'font-weight': [WORDS, NUMBER], 'font-style': [WORDS],
  'font-size': [WORDS, LENGTH], 'font-family': [FONT_FAMILY], 'line-height': [WORDS, NUMBER, LENGTH],
  'text-decoration': [WORDS], 'white-space': [WORDS], display: [WORDS], float: [WORDS], clear: [WORDS],
  'list-style-type': [WORDS], opacity: [NUMBER], overflow: [WORDS], 'overflow-x': [WORDS], 'overflow-y': [WORDS],
};

/** The sanitize-html options: Jupyter's markdown policy. */
export const markdownPolicy: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: ATTRIBUTES,
  allowedStyles: { '*': STYLES },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster'],
  allowProtocolRelative: false,
  // Dropped with their content (sanitize-html's default keeps the text of unknown tags).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }),
    input: sanitizeHtml.simpleTransform('input', { disabled: 'disabled' }),
  },
};

// `textarea` and `option` are in both lists above on purpose: allowed as elements (Jupyter allows
// them), while nonTextTags only matters for tags that are not allowed.
markdownPolicy.nonTextTags = (markdownPolicy.nonTextTags ?? []).filter((t) => !TAGS.includes(t));

/** Untrusted HTML (a markdown cell's) → HTML that runs no script, under {@link markdownPolicy}. */
export function sanitizeMarkdownHtml(html: string): string {
  return sanitizeHtml(html, markdownPolicy);
}
