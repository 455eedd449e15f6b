// Load on the kernel's sockets: nothing may be lost or reordered (tslab 1.0.22 kept ~500 of
// 3,000 lines because its sends were not awaited). Needs `npm run build`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { streamText, TestKernel, types } from './client';

const lines = (n: number, prefix = '') => Array.from({ length: n }, (_, i) => `${prefix}${i}\n`).join('');

describe('kernel under load', () => {
  it('keeps every line of a 10,000-line flood, in order, before idle', async () => {
    const k = await TestKernel.start();
    try {
      const sync = await k.execute('for (let i = 0; i < 10_000; i++) console.log(i);');
      assert.equal(streamText(sync.iopub), lines(10_000));
      assert.equal(types(sync.iopub).at(-1), 'status:idle');
      // the same with the event loop turning between lines (each batch leaves at once)
      const mixed = await k.execute(
        'for (let i = 0; i < 10_000; i++) {\n  console.log("m" + i);\n  if (i % 500 === 0) await new Promise((r) => setImmediate(r));\n}',
      );
      assert.equal(streamText(mixed.iopub), lines(10_000, 'm'));
      const err = await k.execute('for (let i = 0; i < 2_000; i++) { console.log("o" + i); console.error("e" + i); }');
      assert.equal(streamText(err.iopub, 'stdout'), lines(2_000, 'o'));
      assert.equal(streamText(err.iopub, 'stderr'), lines(2_000, 'e'));
    } finally {
      await k.stop();
    }
  });

  it('4 kernels × 200 printing cells in parallel: 0 lost messages', async () => {
    const KERNELS = 4;
    const CELLS = 200;
    const kernels = await Promise.all(Array.from({ length: KERNELS }, () => TestKernel.start()));
    let lost = 0;
    let received = 0;
    try {
      await Promise.all(
        kernels.map(async (k, kernel) => {
          for (let cell = 0; cell < CELLS; cell++) {
            const tag = `k${kernel}c${cell}`;
            let e;
            try {
              e = await k.execute(`console.log("${tag} a"); console.log("${tag} b"); ${cell}`, {}, 60_000);
            } catch {
              lost++;
              continue;
            }
            const expected = ['status:busy', 'execute_input', 'stream', 'execute_result', 'status:idle'];
            const got = types(e.iopub);
            received += got.length + 1;
            // a stream may arrive split in two; the text must be whole
            const missing = expected.filter((t) => !got.includes(t)).length;
            lost += missing + (streamText(e.iopub) === `${tag} a\n${tag} b\n` ? 0 : 1);
            assert.equal(e.reply.content.execution_count, cell + 1);
          }
        }),
      );
    } finally {
      await Promise.all(kernels.map((k) => k.stop()));
    }
    console.log(`# ${KERNELS} kernels × ${CELLS} cells: ${received} messages received, ${lost} lost`);
    assert.equal(lost, 0);
  });

  it('answers 100 pipelined execute requests in order with counts 1..100', async () => {
    const k = await TestKernel.start();
    try {
      const all = await Promise.all(Array.from({ length: 100 }, (_, i) => k.execute(`console.log(${i}); ${i}`)));
      all.forEach((e, i) => {
        assert.equal(e.reply.content.execution_count, i + 1);
        assert.equal(streamText(e.iopub), `${i}\n`);
      });
    } finally {
      await k.stop();
    }
  });
});
