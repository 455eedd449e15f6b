// reglab's public types compile in a strict consumer project with `skipLibCheck: false` and
// without the optional peer danfojs-node: a scratch folder holds the packed files of reglab
// (package.json + dist) and links to this repository's other packages, danfojs-node left out.
// tfjs's own declarations do not pass `skipLibCheck: false` (tfjs-layers' PyJsonValue index
// types, tfjs-core's `Long`): those errors are tfjs's and are set aside; any error in reglab's
// declarations or in the consumer's code fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const skip = existsSync(join(root, 'dist', 'index.d.ts')) ? false : 'dist/ is not built (npm run build)';

const consumer = `
import * as tf from '@tensorflow/tfjs';
import * as rl from 'reglab';

export async function main(): Promise<number> {
  await rl.backend.ready();
  rl.config.seed(1);
  const ds: rl.data.Dataset = await rl.data.load('iris');
  const df: rl.data.DataFrameLike = await ds.frame();
  const shape: number[] = df.shape;
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4],
    kernelRegularizer: rl.regularizers.elasticNet({ alpha: 1e-3, l1Ratio: 0.5 }) })] });
  model.compile({ optimizer: rl.optimizers.adamw({ learningRate: 1e-3, weightDecay: 1e-2 }), loss: 'meanSquaredError' });
  rl.plot.show(rl.plot.lineChart([{ name: 'a', x: [1, 2], y: [3, 4] }]));
  return shape[0] + ds.X.length;
}
`;

test('public types compile with skipLibCheck: false and no danfojs-node', { skip, timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-types-'));
  try {
    const modules = join(dir, 'node_modules');
    mkdirSync(join(modules, 'reglab'), { recursive: true });
    for (const entry of ['package.json', 'dist']) cpSync(join(root, entry), join(modules, 'reglab', entry), { recursive: true });
    for (const name of readdirSync(join(root, 'node_modules'))) {
      if (['reglab', 'danfojs-node', '.bin', '.package-lock.json'].includes(name)) continue;
      symlinkSync(join(root, 'node_modules', name), join(modules, name));
    }
    assert.ok(!existsSync(join(modules, 'danfojs-node')));
    writeFileSync(join(dir, 'index.ts'), consumer);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2021', module: 'commonjs', moduleResolution: 'node', strict: true, skipLibCheck: false,
        noEmit: true, esModuleInterop: true, lib: ['ES2021', 'DOM'], types: ['node'] },
      files: ['index.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir, '--listFiles'],
      { encoding: 'utf8', cwd: dir });
    const lines = `${tsc.stdout}\n${tsc.stderr}`.split('\n');
    const errors = lines.filter((l) => /error TS\d+/.test(l));
    const ours = errors.filter((l) => !/node_modules[\\/]@tensorflow[\\/]/.test(l));
    assert.deepEqual(ours, [], `errors in reglab's types or the consumer:\n${ours.join('\n')}`);
    const checked = lines.filter((l) => /node_modules[\\/]reglab[\\/]dist[\\/].*\.d\.ts$/.test(l));
    assert.ok(checked.some((l) => l.endsWith('datasets.d.ts')), 'tsc read reglab\'s dist/data/datasets.d.ts');
    assert.ok(checked.length >= 20, `tsc read ${checked.length} of reglab's declaration files`);
    assert.ok(errors.length === 0 || tsc.status !== 0, 'tsc reports errors through its exit status');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
