// Progress lines: a start line per run, slow cells without a terminal, live lines on one, --log-output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Progress } from '../../src/runner/progress';
import { WireCodec, type Message } from '../../src/jupyter/wire';

function sink(isTTY: boolean): Writable & { text: string; isTTY: boolean; columns: number } {
  const s = new Writable({
    write(chunk, _encoding, done) {
      s.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number };
  s.text = '';
  s.isTTY = isTTY;
  s.columns = 60;
  return s;
}
const codec = new WireCodec('k');
const stream = (text: string): Message => codec.request('stream', { name: 'stdout', text }) as unknown as Message;

test('without a terminal: start line, a line per cell over 10 s, no escape codes', () => {
  const out = sink(false);
  const p = new Progress({ stream: out });
  const run = p.start('a.ipynb [seed 1]');
  run.started?.(3);
  run.cell?.(1, 3, 1);
  run.cellDone?.(1, 9.9);
  run.cell?.(2, 3, 4);
  run.cellDone?.(4, 12.34);
  run.end();
  p.print('PASS a.ipynb');
  assert.equal(out.text, 'RUN  a.ipynb [seed 1]\nSLOW a.ipynb [seed 1]: cell 4 took 12.3 s\nPASS a.ipynb\n');
});

test('on a terminal: a live line per running notebook, erased before printed lines and at the end', () => {
  const out = sink(true);
  const p = new Progress({ stream: out });
  const a = p.start('a.ipynb');
  const b = p.start('b.ipynb');
  a.cell?.(2, 5, 3);
  assert.match(out.text, /… a\.ipynb: cell 2\/5, 0 s\n  … b\.ipynb: starting the kernel, 0 s\n$/);
  a.end();
  b.end();
  p.print('done');
  assert.ok(out.text.includes('\u001b['), 'cursor movement');
  assert.ok(out.text.endsWith('\u001b[0Jdone\n'), 'the live block is cleared before the last line');
});

test('--log-output: kernel output lines prefixed with the notebook, a partial line flushed at the end', () => {
  const out = sink(false);
  const p = new Progress({ stream: out, logOutput: true });
  const run = p.start('n.ipynb');
  run.output?.(stream('one\ntw'));
  run.output?.(stream('o\nthree'));
  run.end();
  assert.equal(out.text, 'RUN  n.ipynb\n  [n.ipynb] one\n  [n.ipynb] two\n  [n.ipynb] three\n');
});
