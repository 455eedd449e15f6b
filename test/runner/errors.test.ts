// Reading a failed cell's error: tslab prints errors to stderr (no `error` message), in the three
// shapes below (copied from real tslab 1.0.22 runs); kernels that follow the spec send the fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError } from '../../src/runner/execute';
import { CellOutputs, DisplayRegistry } from '../../src/runner/outputs';
import { WireCodec, type Message } from '../../src/jupyter/wire';

const codec = new WireCodec('k');
function withStderr(text: string): CellOutputs {
  const cell = new CellOutputs(new DisplayRegistry(), 1 << 20);
  cell.handle(codec.request('stream', { name: 'stderr', text }) as unknown as Message);
  return cell;
}
const failed = { status: 'error' as const, execution_count: 1 };

test('a thrown Error: name and message from the `Name: message` line, tslab/vm frames dropped', () => {
  const e = describeError(
    failed,
    withStderr(
      "evalmachine.<anonymous>:5\nthrow new Error('boom');\n^\n\nError: boom\n    at evalmachine.<anonymous>:5:7\n" +
        '    at sigintHandlersWrap (node:vm:280:12)\n    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)\n',
    ),
  );
  assert.equal(e.ename, 'Error');
  assert.equal(e.evalue, 'boom');
  assert.ok(e.traceback.includes('    at evalmachine.<anonymous>:5:7'));
  assert.ok(!e.traceback.some((l) => /node:vm|node_modules\/tslab/.test(l)));
});

test('an assertion error keeps its multi-line message up to the first stack frame', () => {
  const e = describeError(
    failed,
    withStderr(
      'node:assert:90\n  throw new AssertionError(obj);\n  ^\n\nAssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 2\n\n' +
        '    at evalmachine.<anonymous>:8:39\n',
    ),
  );
  assert.equal(e.ename, 'AssertionError');
  assert.equal(e.evalue, 'Expected values to be strictly equal:\n\n1 !== 2');
});

test('type-check diagnostics become a TypeScriptError', () => {
  const e = describeError(failed, withStderr("1:7 - Type 'number' is not assignable to type 'string'.\n"));
  assert.equal(e.ename, 'TypeScriptError');
  assert.equal(e.evalue, "1:7 - Type 'number' is not assignable to type 'string'.");
});

test('fields sent by the kernel win over stderr', () => {
  const e = describeError({ ...failed, ename: 'ValueError', evalue: 'bad', traceback: ['tb'] }, withStderr('Error: other\n'));
  assert.deepEqual(e, { ename: 'ValueError', evalue: 'bad', traceback: ['tb'] });
});
