// `npx reglab run` in a fresh project, as a user would put it in CI: npm pack → npm init -y →
// npm install <tarball> → run a folder with passing and failing notebooks, with JUnit XML and
// shards. Jupyter's folders (HOME, JUPYTER_DATA_DIR) point into the scratch folder so the test
// proves that installing and running change no kernel spec. The tarball is packed from a staging
// copy with dist/ compiled fresh from src/ (the repository's dist/ is neither used nor changed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { installTarball, npmSkip, packStaged, show } from './staged-tarball';

const skip = npmSkip;

const notebook = (cells: string[]): string => JSON.stringify({
  cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, source, execution_count: null, outputs: [] })),
  metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
  nbformat: 4,
  nbformat_minor: 5,
}, null, 1);

test('npx reglab run in a fresh project: progress, exit 1, JUnit naming the failing cell, shards, no kernel spec', { skip, timeout: 900_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'reglab-cli-scratch-'));
  const home = join(work, 'home');
  const jupyter = join(work, 'jupyter-data');
  mkdirSync(home);
  const env = { ...process.env, HOME: home, JUPYTER_DATA_DIR: jupyter, JUPYTER_CONFIG_DIR: join(work, 'jupyter-config'),
    npm_config_cache: join(process.env.HOME ?? home, '.npm'), REGLAB_SKIP_KERNELSPEC: '1', REGLAB_BACKEND: undefined, TMPDIR: work };
  const run = (cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> =>
    spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 400_000 });
  try {
    // 1. The staged package, packed. 2. A fresh project installs it.
    const tarball = packStaged(work, run);
    const project = join(work, 'project');
    mkdirSync(project);
    const init = run('npm', ['init', '-y'], project);
    assert.equal(init.status, 0, show(init));
    installTarball(project, tarball, run, ['--omit=optional']);
    assert.equal(realpathSync(join(project, 'node_modules', '.bin', 'reglab')), join(project, 'node_modules', 'reglab', 'dist', 'cli', 'main.js'),
      'the bin is the compiled CLI');

    // 3. Three notebooks, one failing at its cell 1.
    mkdirSync(join(project, 'nb'));
    writeFileSync(join(project, 'nb', 'a-pass.ipynb'), notebook(['const x = 1 + 1;', 'console.log(`x=${x}`);']));
    writeFileSync(join(project, 'nb', 'b-fail.ipynb'), notebook(['const y = 2;', "throw new Error('broken on purpose');", 'console.log(y);']));
    writeFileSync(join(project, 'nb', 'c-pass.ipynb'), notebook(['console.log("third");']));

    const r = run('npx', ['reglab', 'run', '--jobs', '2', '--junit', 'r.xml', 'nb/'], project);
    assert.equal(r.status, 1, show(r));
    for (const name of ['a-pass', 'b-fail', 'c-pass']) assert.match(r.stdout, new RegExp(`^RUN  ${name}\\.ipynb$`, 'm'), 'a start line per notebook');
    assert.match(r.stdout, /^FAIL nb\/b-fail\.ipynb .*: cell-error at cell 1$/m);
    assert.equal(r.stdout.trimEnd().split('\n').pop(), '2 passed, 1 failed');
    const xml = readFileSync(join(project, 'r.xml'), 'utf8');
    assert.equal(XMLValidator.validate(xml), true);
    const suites = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) })
      .parse(xml).testsuites.testsuite as { name: string; testcase: { name: string; failure?: { message: string; type: string; '#text': string } }[] }[];
    assert.deepEqual(suites.map((s) => s.name), ['nb/a-pass.ipynb', 'nb/b-fail.ipynb', 'nb/c-pass.ipynb']);
    const failures = suites.flatMap((s) => s.testcase.filter((c) => c.failure).map((c) => ({ suite: s.name, cell: c.name, ...c.failure })));
    assert.equal(failures.length, 1, xml);
    const { '#text': traceback, ...failure } = failures[0];
    assert.deepEqual(failure, { suite: 'nb/b-fail.ipynb', cell: 'cell 1', message: 'cell 1 raised Error: broken on purpose', type: 'Error' });
    assert.match(traceback ?? '', /^Error: broken on purpose\n[^]*at evalmachine\.<anonymous>:2:7/);

    // 4. Two shards run every notebook exactly once between them.
    const ran: string[] = [];
    for (const shard of ['1/2', '2/2']) {
      const report = join(project, `shard-${shard[0]}.json`);
      const s = run('npx', ['reglab', 'run', '--shard', shard, '--report', report, 'nb/'], project);
      assert.ok(s.status === 0 || s.status === 1, show(s));
      ran.push(...(JSON.parse(readFileSync(report, 'utf8')) as { notebooks: { notebook: string }[] }).notebooks.map((n) => n.notebook));
    }
    assert.deepEqual(ran.sort(), ['nb/a-pass.ipynb', 'nb/b-fail.ipynb', 'nb/c-pass.ipynb']);

    // 5. No kernel spec was written anywhere Jupyter looks.
    assert.ok(!existsSync(jupyter), 'JUPYTER_DATA_DIR untouched');
    assert.ok(!existsSync(join(home, '.local', 'share', 'jupyter')), '~/.local/share/jupyter untouched');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
