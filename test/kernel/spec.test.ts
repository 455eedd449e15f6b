// The kernel spec: written only on request, into the data directory asked for, and shared by
// every checkout — its launcher finds the reglab of the notebook's project when a kernel starts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { install, list, locate, uninstall } from '../../src/kernel/spec';
import { kernelArgv, KERNEL_MAIN } from '../../src/kernel/argv';
import { ROOT, TestKernel } from './client';

const scratch = mkdtempSync(join(tmpdir(), 'reglab-spec-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A project whose node_modules/reglab is a copy of this package's package.json and dist. */
function project(name: string): string {
  const dir = join(scratch, name);
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, 'reglab'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(modules, 'reglab', 'package.json'));
  cpSync(join(ROOT, 'dist'), join(modules, 'reglab', 'dist'), { recursive: true });
  // its dependencies, flattened as npm installs them
  for (const dep of readdirSync(join(ROOT, 'node_modules'))) {
    if (dep === 'reglab' || dep.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep));
  }
  mkdirSync(join(dir, 'notebooks', 'deeper'), { recursive: true });
  return dir;
}

describe('kernel spec', () => {
  const dataDir = join(scratch, 'jupyter');

  it('writes kernel.json and the launcher into <data dir>/kernels/reglab, pointing into no checkout', () => {
    const done = install({ dataDir });
    assert.equal(done.dir, join(dataDir, 'kernels', 'reglab'));
    assert.equal(locate({ dataDir }), done.dir);
    const spec = JSON.parse(readFileSync(join(done.dir, 'kernel.json'), 'utf8'));
    assert.deepEqual(spec.argv, [process.execPath, '{resource_dir}/launch.js', '{connection_file}']);
    assert.equal(spec.display_name, 'TypeScript (reglab)');
    assert.equal(spec.language, 'typescript');
    assert.equal(spec.interrupt_mode, 'signal');
    assert.ok(existsSync(join(done.dir, 'launch.js')));
    assert.ok(!JSON.stringify(spec).includes(ROOT), 'nothing in the spec names this checkout');
    assert.deepEqual(readdirSync(join(dataDir, 'kernels')), ['reglab'], 'no temporary folder left');
  });

  it('replaces its own spec, refuses a foreign one unless forced, and uninstalls', () => {
    install({ dataDir, node: 'node' });
    assert.equal(JSON.parse(readFileSync(join(locate({ dataDir }), 'kernel.json'), 'utf8')).argv[0], 'node');
    const foreign = join(dataDir, 'kernels', 'mine');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(join(foreign, 'kernel.json'), JSON.stringify({ argv: ['x'], display_name: 'Mine', language: 'x' }));
    assert.throws(() => install({ dataDir, name: 'mine' }), /a kernel spec "mine" that reglab did not write exists/);
    assert.throws(() => uninstall({ dataDir, name: 'mine' }), /was not written by reglab/);
    assert.equal(JSON.parse(readFileSync(join(foreign, 'kernel.json'), 'utf8')).display_name, 'Mine');
    assert.throws(() => install({ dataDir, name: '../evil' }), /`name` must be letters.*received "..\/evil"/);
    assert.equal(uninstall({ dataDir, name: 'gone' }), undefined);
    install({ dataDir });
  });

  it('lists the specs Jupyter would see, JUPYTER_PATH first', () => {
    const saved = process.env.JUPYTER_PATH;
    process.env.JUPYTER_PATH = dataDir;
    try {
      const names = list().map((s) => s.name);
      assert.ok(names.includes('reglab') && names.includes('mine'), names.join());
    } finally {
      if (saved === undefined) delete process.env.JUPYTER_PATH;
      else process.env.JUPYTER_PATH = saved;
    }
  });

  it('starts the kernel of the notebook’s project; another project keeps working when one is deleted', async () => {
    const launcher = join(locate({ dataDir }), 'launch.js');
    const spec = JSON.parse(readFileSync(join(locate({ dataDir }), 'kernel.json'), 'utf8'));
    const argv = [spec.argv[0], launcher];
    const a = project('a');
    const b = project('b');
    const which = async (cwd: string) => {
      const k = await TestKernel.start({ cwd, argv });
      try {
        const e = await k.execute("Object.keys(require.cache).find((f) => f.endsWith('kernel/main.js'))");
        const result = e.iopub.find((m) => m.header.msg_type === 'execute_result');
        return String((result?.content.data as Record<string, unknown>)['text/plain']);
      } finally {
        await k.stop();
      }
    };
    assert.match(await which(join(a, 'notebooks', 'deeper')), new RegExp(`${join(a, 'node_modules', 'reglab')}`));
    rmSync(a, { recursive: true, force: true });
    assert.match(await which(join(b, 'notebooks')), new RegExp(`${join(b, 'node_modules', 'reglab')}`));
  });

  it('says clearly when the notebook’s folder has no reglab above it', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'reglab-lonely-'));
    try {
      execFileSync(process.execPath, [join(locate({ dataDir }), 'launch.js'), '/nonexistent.json'], {
        cwd: lonely,
        stdio: 'pipe',
      });
      assert.fail('the launcher started without reglab');
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr);
      assert.match(stderr, /reglab is not installed for .*reglab-lonely-.*no node_modules\/reglab in it or any folder above it/);
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
  });

  it('kernelArgv runs this package’s built kernel with the running node', () => {
    assert.deepEqual(kernelArgv('/tmp/c.json'), [process.execPath, join(ROOT, 'dist', 'kernel', 'main.js'), '/tmp/c.json']);
    assert.equal(KERNEL_MAIN, join(ROOT, 'dist', 'kernel', 'main.js'));
    assert.throws(() => kernelArgv(''), /`connectionFile` must be a path; received ""/);
  });
});

describe('kernel entry point', () => {
  it('names the connection file it cannot read or parse', () => {
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, '{');
    for (const [file, message] of [
      [bad, /reglab kernel: the connection file ".*bad.json" is not JSON/],
      [join(scratch, 'missing.json'), /reglab kernel: cannot read the connection file ".*missing.json": ENOENT/],
    ] as const) {
      try {
        execFileSync(process.execPath, [KERNEL_MAIN, file], { stdio: 'pipe' });
        assert.fail('the kernel started');
      } catch (error) {
        assert.match(String((error as { stderr?: Buffer }).stderr), message);
      }
    }
  });
});
