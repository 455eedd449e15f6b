// iopub messages → nbformat outputs, without a kernel: stream merging, clear_output,
// update_display_data across cells, and the per-cell text cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellOutputs, DisplayRegistry } from '../../src/runner/outputs';
import { WireCodec, type Message } from '../../src/jupyter/wire';

const codec = new WireCodec('k');
const msg = (type: string, content: object): Message => codec.request(type, content) as unknown as Message;

test('consecutive stream text of one name is merged; stdout and stderr stay apart', () => {
  const cell = new CellOutputs(new DisplayRegistry(), 1000);
  cell.handle(msg('stream', { name: 'stdout', text: 'a\n' }));
  cell.handle(msg('stream', { name: 'stdout', text: 'b\n' }));
  cell.handle(msg('stream', { name: 'stderr', text: 'oops\n' }));
  cell.handle(msg('status', { execution_state: 'busy' }));
  assert.deepEqual(cell.outputs, [
    { output_type: 'stream', name: 'stdout', text: 'a\nb\n' },
    { output_type: 'stream', name: 'stderr', text: 'oops\n' },
  ]);
  assert.equal(cell.stderr, 'oops\n');
});

test('display_data, execute_result and error outputs are recorded', () => {
  const cell = new CellOutputs(new DisplayRegistry(), 1000);
  cell.handle(msg('display_data', { data: { 'text/html': '<i>x</i>' }, metadata: {} }));
  cell.handle(msg('execute_result', { execution_count: 3, data: { 'text/plain': '2' }, metadata: {} }));
  cell.handle(msg('error', { ename: 'TypeError', evalue: 'x is not a function', traceback: ['at y'] }));
  assert.deepEqual(cell.outputs, [
    { output_type: 'display_data', data: { 'text/html': '<i>x</i>' }, metadata: {} },
    { output_type: 'execute_result', execution_count: 3, data: { 'text/plain': '2' }, metadata: {} },
    { output_type: 'error', ename: 'TypeError', evalue: 'x is not a function', traceback: ['at y'] },
  ]);
  assert.equal(cell.error?.ename, 'TypeError');
});

test('update_display_data rewrites every output with that display_id, in earlier cells too', () => {
  const displays = new DisplayRegistry();
  const first = new CellOutputs(displays, 1000);
  const second = new CellOutputs(displays, 1000);
  first.handle(msg('display_data', { data: { 'text/plain': 'v1' }, metadata: {}, transient: { display_id: 'd' } }));
  second.handle(msg('display_data', { data: { 'text/plain': 'other' }, metadata: {}, transient: { display_id: 'e' } }));
  second.handle(msg('update_display_data', { data: { 'text/plain': 'v2' }, metadata: { m: 1 }, transient: { display_id: 'd' } }));
  assert.deepEqual(first.outputs, [{ output_type: 'display_data', data: { 'text/plain': 'v2' }, metadata: { m: 1 } }]);
  assert.deepEqual(second.outputs, [{ output_type: 'display_data', data: { 'text/plain': 'other' }, metadata: {} }]);
});

test('clear_output clears at once, or with wait=true at the next output', () => {
  const cell = new CellOutputs(new DisplayRegistry(), 1000);
  cell.handle(msg('stream', { name: 'stdout', text: 'old\n' }));
  cell.handle(msg('clear_output', { wait: false }));
  assert.deepEqual(cell.outputs, []);
  cell.handle(msg('stream', { name: 'stdout', text: 'frame 1\n' }));
  cell.handle(msg('clear_output', { wait: true }));
  assert.equal(cell.outputs.length, 1, 'kept until the next output');
  cell.handle(msg('stream', { name: 'stdout', text: 'frame 2\n' }));
  assert.deepEqual(cell.outputs, [{ output_type: 'stream', name: 'stdout', text: 'frame 2\n' }]);
});

test('stream text beyond the cap is dropped, counted, and noted once the cell finishes', () => {
  const cell = new CellOutputs(new DisplayRegistry(), 10);
  cell.handle(msg('stream', { name: 'stdout', text: '123456' }));
  cell.handle(msg('stream', { name: 'stdout', text: 'abcdefgh' }));
  cell.handle(msg('stream', { name: 'stderr', text: 'zz' }));
  assert.equal(cell.droppedBytes, 6);
  cell.finish();
  assert.equal(cell.outputs[0].text, '123456abcd');
  assert.match(String(cell.outputs[1].text), /output truncated: 6 more bytes of output beyond the 10-byte limit/);
});
