// The product names no path outside the repository: a clone has no ../shared (the source
// articles, the style guide), no /work/…, and a reader must be able to follow every link.
// Checked: the READMEs, CONTRIBUTING, the course map (the site's index), data notes, src/,
// scripts/, shims/ and the notebooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const product = [
  'README.md', 'CONTRIBUTING.md', 'notebooks/README.md', 'src/plot/README.md', 'data/PROVENANCE.md',
  ...['src', 'scripts', 'shims'].flatMap((d) => walk(join(root, d)).map((p) => relative(root, p))),
  ...readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).map((f) => `notebooks/${f}`),
].filter((p) => /\.(md|ts|js|json|py|ipynb|css|html)$/.test(p));

// Paths into the workspace around the repository, however written.
const OUTSIDE = [/\.\.\/shared\b/, /(^|[\s`'"(])shared\/(seeds|GUIDE|ERRATA)/, /\/work\//, /\bseeds\/\d{3}_/];

test('the product is listed (sanity)', () => {
  assert.ok(product.length > 100, `${product.length} files`);
  assert.ok(product.includes('scripts/build-site.ts') && product.includes('notebooks/README.md'));
});

test('no path outside the repository in the product', () => {
  const hits: string[] = [];
  for (const file of product) {
    readFileSync(join(root, file), 'utf8').split('\n').forEach((line, i) => {
      if (OUTSIDE.some((re) => re.test(line))) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(hits, []);
});

test('every relative markdown link stays inside the repository', () => {
  const hits: string[] = [];
  for (const file of product.filter((p) => p.endsWith('.md'))) {
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(/\]\(([^)\s#]+)[^)]*\)/g)) {
      const target = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const abs = resolve(root, dirname(file), target);
      if (abs !== root && !abs.startsWith(root + sep)) hits.push(`${file}: ${target}`);
    }
  }
  assert.deepEqual(hits, []);
});
