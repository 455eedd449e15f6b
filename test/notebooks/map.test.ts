// notebooks/README.md is the map of the course: every section of the five source articles and
// every erratum → the notebook and heading where reglab covers it. This test keeps the map honest:
// the articles, their sections and the errata come from the source files themselves, every
// notebook named must exist, and every heading named must be one of that notebook's markdown
// headings, with the anchor JupyterLab gives it (the heading's text, spaces → '-').
//
// The articles and ERRATA.md live outside the repository (../shared/seeds, or $REGLAB_SEEDS).
// Without them the test falls back to the five known file names and errata 1–18 and skips the
// section-by-section check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { INotebookContent } from '@jupyterlab/nbformat';

type Token = ReturnType<MarkdownIt['parse']>[number];

const root = join(__dirname, '..', '..');
const notebooksDir = join(root, 'notebooks');
const seedsDir = process.env.REGLAB_SEEDS ?? join(root, '..', 'shared', 'seeds');
const haveSeeds = existsSync(join(seedsDir, 'ERRATA.md'));
const KNOWN_ARTICLES = ['000_ac2300f30c0085cb.txt', '001_19249e622cb3cdda.txt', '002_59beca716fda97a6.txt',
  '003_9c907b96791edb03.txt', '004_96bf127c1e34657e.txt'];

const md = new MarkdownIt();

/** The text a reader sees in an inline token's children (code spans without backticks). */
function inlineText(children: Token[] | null): string {
  return (children ?? []).map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content
    : t.type === 'softbreak' ? ' ' : '')).join('').trim();
}

interface Link { file: string; fragment?: string; text: string; section: string }
interface Table { section: string; rows: Token[][] } // each row: the inline token of every cell

/** Tables (with the nearest heading above them) and notebook links of a markdown document. */
function parseMarkdown(source: string): { tables: Table[]; links: Link[]; headings: string[] } {
  const tokens = md.parse(source, {});
  const tables: Table[] = [];
  const links: Link[] = [];
  const headings: string[] = [];
  let section = '';
  let table: Table | undefined;
  let row: Token[] | undefined;
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') { section = inlineText(tokens[i + 1].children); headings.push(section); }
    else if (t.type === 'table_open') { table = { section, rows: [] }; tables.push(table); }
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row && table) { table.rows.push(row); row = undefined; }
    else if (t.type === 'inline' && row && (tokens[i - 1].type === 'td_open' || tokens[i - 1].type === 'th_open')) row.push(t);
    if (t.type !== 'inline') return;
    const children = t.children ?? [];
    children.forEach((c, j) => {
      if (c.type !== 'link_open') return;
      const href = c.attrGet('href') ?? '';
      const m = /^(\d\d-[\w-]+\.ipynb)(?:#(.*))?$/.exec(href);
      if (!m) return;
      const end = children.findIndex((d, k) => k > j && d.type === 'link_close');
      links.push({ file: m[1], fragment: m[2], text: inlineText(children.slice(j + 1, end)), section });
    });
  });
  return { tables, links, headings };
}

const readme = readFileSync(join(notebooksDir, 'README.md'), 'utf8');
const map = parseMarkdown(readme);
const cellText = (cell: Token): string => inlineText(cell.children);
const linksIn = (cell: Token): Link[] => parseMarkdown(cell.content).links;

function notebookHeadings(file: string): string[] {
  const nb = JSON.parse(readFileSync(join(notebooksDir, file), 'utf8')) as INotebookContent;
  return nb.cells.filter((c) => c.cell_type === 'markdown')
    .flatMap((c) => parseMarkdown(Array.isArray(c.source) ? c.source.join('') : c.source).headings);
}
function notebookMarkdown(file: string): string {
  const nb = JSON.parse(readFileSync(join(notebooksDir, file), 'utf8')) as INotebookContent;
  return nb.cells.filter((c) => c.cell_type === 'markdown')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
}

// ---- the sources --------------------------------------------------------------------------------
const articles = haveSeeds ? readdirSync(seedsDir).filter((f) => /^\d{3}_\w+\.txt$/.test(f)).sort() : KNOWN_ARTICLES;

/** Section numbers of an article: markdown headings `## 3.1 …`, or bare numbered lines (article 002). */
function articleSections(text: string): Set<string> {
  const lines = text.split('\n');
  const hasHeadings = lines.some((l) => /^#{1,3}\s*\d/.test(l));
  const pattern = hasHeadings ? /^#{1,3}\s*(\d+(?:\.\d+)?)\.?\s*\S/ : /^(\d+(?:\.\d+)?)\.?\s*[^\d\s.]/;
  const sections = new Set<string>();
  for (const line of lines) {
    const m = pattern.exec(line);
    if (m) sections.add(m[1]);
  }
  return sections;
}

function knownErrata(): number[] {
  if (!haveSeeds) return Array.from({ length: 18 }, (_, i) => i + 1);
  const { tables } = parseMarkdown(readFileSync(join(seedsDir, 'ERRATA.md'), 'utf8'));
  return tables.flatMap((t) => t.rows.map((r) => cellText(r[0]))).filter((s) => /^\d+$/.test(s)).map(Number);
}

// ---- the map's tables -----------------------------------------------------------------------------
const articleRows = map.tables.flatMap((t) => t.rows).filter((r) => /^\d{3} §/.test(cellText(r[0])));
const errataRows = map.tables.filter((t) => /errata/i.test(t.section)).flatMap((t) => t.rows)
  .filter((r) => /^\d+$/.test(cellText(r[0])));
const notebookRows = map.tables.filter((t) => t.rows.length > 0 && cellText(t.rows[0][0]) === 'notebook')
  .flatMap((t) => t.rows.slice(1));

test(`the seeds are ${haveSeeds ? `read from ${seedsDir}` : 'not present: built-in article names and errata 1–18'}`, () => {
  assert.equal(articles.length, 5, `five source articles, found ${articles.join(', ')}`);
});

test('the map names every source article', () => {
  for (const a of articles) assert.ok(readme.includes(a), `notebooks/README.md does not name ${a}`);
});

test('the map has a row for every numbered section of every article, and none that does not exist', { skip: !haveSeeds && 'articles not present' }, () => {
  const mapped = new Set<string>();
  for (const r of articleRows) {
    const first = cellText(r[0]);
    const article = first.slice(0, 3);
    for (const m of first.matchAll(/§(\d+(?:\.\d+)?)/g)) mapped.add(`${article} §${m[1]}`);
    assert.ok(cellText(r[r.length - 1]).length > 0, `the row "${first}" says nowhere where it is covered`);
  }
  const expected = new Set<string>();
  for (const a of articles) {
    for (const s of articleSections(readFileSync(join(seedsDir, a), 'utf8'))) expected.add(`${a.slice(0, 3)} §${s}`);
  }
  assert.deepEqual([...expected].filter((s) => !mapped.has(s)), [], 'sections with no row in the map');
  assert.deepEqual([...mapped].filter((s) => !expected.has(s)), [], 'rows for sections the articles do not have');
});

test('the errata map covers every erratum of ERRATA.md, each with a notebook', () => {
  const inMap = new Map(errataRows.map((r) => [Number(cellText(r[0])), r]));
  for (const n of knownErrata()) {
    const row = inMap.get(n);
    assert.ok(row, `erratum ${n} is not in the errata map`);
    assert.ok(row.some((c) => linksIn(c).length > 0), `erratum ${n} links no notebook`);
  }
});

const known = new Set(knownErrata());
const newErrata = errataRows.filter((r) => !known.has(Number(cellText(r[0]))));

test('new errata are numbered on from the last known one, each with article, claim, truth and a notebook', () => {
  const numbers = newErrata.map((r) => Number(cellText(r[0])));
  const first = Math.max(...known) + 1;
  assert.deepEqual(numbers, numbers.map((_, i) => first + i), 'new errata numbered consecutively');
  for (const r of newErrata) {
    assert.equal(r.length, 5, `new erratum ${cellText(r[0])}: columns #, article, says, true, shown in`);
    assert.match(cellText(r[1]), /^\d{3}(, \d{3})* §/, `new erratum ${cellText(r[0])} names its article and section`);
    assert.ok(linksIn(r[r.length - 1]).length > 0, `new erratum ${cellText(r[0])} links no notebook`);
  }
});

// A notebook still being written may not carry the new number yet: reported as TODO, not hidden.
for (const r of newErrata) {
  const n = cellText(r[0]);
  const files = [...new Set(linksIn(r[r.length - 1]).map((l) => l.file))].filter((f) => existsSync(join(notebooksDir, f)));
  const labelled = files.some((f) => new RegExp(`#${n}\\b`).test(notebookMarkdown(f)));
  test(`new erratum ${n} is labelled "#${n}" in a notebook that shows it`, { todo: labelled ? false : `not yet labelled in ${files.join(', ')}` }, () => {
    assert.ok(labelled);
  });
}

test('the notebook table lists every notebook of notebooks/ under its own title', () => {
  const listed = new Map(notebookRows.map((r) => [linksIn(r[0])[0]?.file, cellText(r[1])]));
  const present = readdirSync(notebooksDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f));
  for (const f of present) {
    assert.ok(listed.has(f), `${f} is missing from the table of notebooks`);
    assert.equal(listed.get(f), notebookHeadings(f)[0], `${f}: the title in the table is not the notebook's`);
  }
});

test('every notebook the map names exists', () => {
  const named = [...new Set(map.links.map((l) => l.file))].sort();
  const missing = named.filter((f) => !existsSync(join(notebooksDir, f)));
  assert.deepEqual(missing, [], 'named in notebooks/README.md but not in notebooks/');
});

const byFile = new Map<string, Link[]>();
for (const l of map.links) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
for (const [file, links] of [...byFile].sort()) {
  test(`every heading the map names in ${file} is one of its headings, with its JupyterLab anchor`, () => {
    assert.ok(existsSync(join(notebooksDir, file)), `${file} does not exist`);
    const headings = new Set(notebookHeadings(file));
    for (const l of links) {
      if (l.text === file) continue; // a link to the whole notebook
      assert.ok(headings.has(l.text), `"${l.text}" is not a heading of ${file} (linked under "${l.section}")`);
      if (l.fragment !== undefined) assert.equal(decodeURIComponent(l.fragment), l.text.replace(/ /g, '-'), `anchor of "${l.text}"`);
    }
  });
}

test('the conventions table says what notebooks 01–03 verified: tfjs l2: c is α = c, l1: c is α = c/2', () => {
  const rows = map.tables.filter((t) => /convention/i.test(t.section)).flatMap((t) => t.rows);
  const alpha = (source: RegExp) => rows.filter((r) => source.test(cellText(r[0]))).map((r) => cellText(r[r.length - 1]));
  assert.deepEqual(alpha(/l2\(\{ l2: c \}\) \+ 'meanSquaredError'/), ['$c$']);
  assert.deepEqual(alpha(/l1\(\{ l1: c \}\) \+ 'meanSquaredError'/), ['$c/2$']);
});
