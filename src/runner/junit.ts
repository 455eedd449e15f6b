// JUnit XML for CI test reports (GitHub, GitLab, Jenkins read it): one <testsuite> per notebook run
// (named with its seed under --seeds), one <testcase> per code cell (`cell 4`, its source index),
// the failing cell's <failure> carrying the error (message, type = ename) and its traceback. Cells
// skipped by tag or not run after the failure are <skipped/>; a failure no cell is to blame for
// (malformed notebook, kernel start, write) is an <error> in a testcase named `(notebook)`.
// Built with xmlbuilder2: escaping, and characters XML 1.0 cannot carry (ANSI escapes in
// tracebacks) become U+FFFD.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { writeAtomic } from './notebook';
import { cellName, runName, type CellRecord, type NotebookResult } from './report';

/** The JUnit XML document for these notebook runs. */
export function junitXml(results: NotebookResult[], started: Date): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const cases = results.map(testcases);
  const root = doc.ele('testsuites', {
    name: 'reglab run',
    tests: sum(cases.map((c) => c.length)),
    failures: sum(cases.map((c) => count(c, 'failure'))),
    errors: sum(cases.map((c) => count(c, 'error'))),
    skipped: sum(cases.map((c) => count(c, 'skipped'))),
    time: seconds(sum(results.map((r) => r.seconds))),
  });
  results.forEach((r, i) => suite(root, r, cases[i], started));
  return doc.end({ prettyPrint: true }) + '\n';
}

export function writeJunit(path: string, results: NotebookResult[], started: Date): void {
  writeAtomic(path, junitXml(results, started));
}

interface Case {
  name: string;
  seconds: number;
  outcome?: { tag: 'failure' | 'error'; message: string; type: string; text: string } | { tag: 'skipped'; message: string };
}

function testcases(r: NotebookResult): Case[] {
  const f = r.failure;
  const cases: Case[] = r.cells.map((c) => ({ name: cellName(c.index), seconds: c.seconds, outcome: skipped(c) }));
  if (f === undefined) return cases;
  const blamed = f.cell === undefined ? -1 : r.cells.findIndex((c) => c.index === f.cell?.index && isFailed(c));
  if (blamed >= 0 && f.cell !== undefined) {
    const text = [`${f.cell.ename}: ${f.cell.evalue}`, '', 'source:', f.cell.source, '', ...f.cell.traceback].join('\n');
    cases[blamed].outcome = { tag: 'failure', message: f.message, type: f.cell.ename, text };
  } else {
    cases.push({ name: '(notebook)', seconds: 0, outcome: { tag: 'error', message: f.message, type: f.kind, text: f.message } });
  }
  return cases;
}

function skipped(c: CellRecord): Case['outcome'] {
  if (c.status === 'skipped') return { tag: 'skipped', message: 'tagged skip-execution (or empty)' };
  if (c.status === 'not-run') return { tag: 'skipped', message: 'not run: an earlier cell failed' };
  return undefined;
}

function isFailed(c: CellRecord): boolean {
  return ['error', 'timeout', 'kernel-died', 'output-flood'].includes(c.status);
}

function suite(root: XMLBuilder, r: NotebookResult, cases: Case[], started: Date): void {
  const s = root.ele('testsuite', {
    name: runName(r),
    tests: cases.length,
    failures: count(cases, 'failure'),
    errors: count(cases, 'error'),
    skipped: count(cases, 'skipped'),
    time: seconds(r.seconds),
    timestamp: started.toISOString().replace(/\.\d+Z$/, ''),
  });
  if (r.seed !== undefined) s.ele('properties').ele('property', { name: 'seed', value: r.seed });
  for (const c of cases) {
    const t = s.ele('testcase', { classname: runName(r), name: c.name, time: seconds(c.seconds) });
    const o = c.outcome;
    if (o === undefined) continue;
    if (o.tag === 'skipped') t.ele('skipped', { message: o.message });
    else t.ele(o.tag, { message: o.message, type: o.type }).txt(o.text);
  }
}

function count(cases: Case[], tag: 'failure' | 'error' | 'skipped'): number {
  return cases.filter((c) => c.outcome?.tag === tag).length;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function seconds(s: number): string {
  return s.toFixed(3);
}
