// The kernel over ZeroMQ, as a Jupyter client sees it: message order per request, execution
// counts, error content, async errors, and the small requests (kernel_info, history,
// is_complete, comms, interrupt). Needs `npm run build` (it runs dist/kernel/main.js).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { streamText, TestKernel, types, type Exchange } from './client';

describe('kernel protocol', () => {
  let k: TestKernel;
  before(async () => {
    k = await TestKernel.start();
  });
  after(async () => {
    await k.stop();
  });

  it('publishes busy, execute_input with the count, output, execute_result, then idle; counts 1..N', async () => {
    const first = await k.execute('console.log("a"); 6 * 7');
    assert.deepEqual(types(first.iopub), ['status:busy', 'execute_input', 'stream', 'execute_result', 'status:idle']);
    const input = first.iopub[1];
    const result = first.iopub[3];
    assert.equal(input.content.execution_count, 1);
    assert.equal(input.content.code, 'console.log("a"); 6 * 7');
    assert.equal(streamText(first.iopub), 'a\n');
    assert.deepEqual(result.content, { execution_count: 1, data: { 'text/plain': '42' }, metadata: {} });
    assert.equal(first.reply.header.msg_type, 'execute_reply');
    assert.equal(first.reply.content.status, 'ok');
    assert.equal(first.reply.content.execution_count, 1);
    const second = await k.execute('const s: string = "x";');
    assert.deepEqual(types(second.iopub), ['status:busy', 'execute_input', 'status:idle']);
    assert.equal(second.reply.content.execution_count, 2);
    // every message of the request names it as parent
    for (const m of [...second.iopub, second.reply]) assert.equal(m.parent_header.msg_type, 'execute_request');
  });

  it('sends idle only after a top-level await has settled, with the awaited output before it', async () => {
    const started = Date.now();
    const e = await k.execute('await new Promise((r) => setTimeout(r, 300)); console.log("late line"); "v"');
    assert.ok(Date.now() - started >= 290, 'the reply came before the awaited timer');
    assert.deepEqual(types(e.iopub), ['status:busy', 'execute_input', 'stream', 'execute_result', 'status:idle']);
    assert.equal(e.iopub[3].content.data && (e.iopub[3].content.data as Record<string, unknown>)['text/plain'], "'v'");
  });

  it('reports a thrown error with ename, evalue and traceback on iopub and in the reply', async () => {
    const e = await k.execute('function f() { throw new RangeError("out of range: 7"); }\nf();');
    assert.deepEqual(types(e.iopub), ['status:busy', 'execute_input', 'error', 'status:idle']);
    const error = e.iopub[2].content;
    assert.equal(error.ename, 'RangeError');
    assert.equal(error.evalue, 'out of range: 7');
    assert.ok(Array.isArray(error.traceback));
    const tb = error.traceback as string[];
    assert.equal(tb[0], 'RangeError: out of range: 7');
    assert.ok(tb.some((l) => l.includes('at f ')), tb.join('\n'));
    assert.ok(!tb.some((l) => /tslab[\\/]dist|node:/.test(l)), 'kernel frames are left out');
    assert.equal(e.reply.content.status, 'error');
    assert.equal(e.reply.content.ename, 'RangeError');
    assert.equal(e.reply.content.evalue, 'out of range: 7');
    assert.deepEqual(e.reply.content.traceback, tb);
  });

  it('reports TypeScript compile errors with line and column', async () => {
    const e = await k.execute('const ok = 1;\nconst n: number = "text";');
    const error = e.iopub.find((m) => m.header.msg_type === 'error')!.content;
    assert.equal(error.ename, 'CompileError');
    // line 2; column 7 is where `n` starts (1-based)
    assert.match(String(error.evalue), /^2:7 - Type 'string' is not assignable to type 'number'\./);
    assert.equal(e.reply.content.status, 'error');
  });

  it('fails the cell on an unhandled rejection or an uncaught exception while it runs', async () => {
    const rejected = await k.execute('Promise.reject(new Error("nobody caught me")); 1');
    assert.equal(rejected.reply.content.status, 'error');
    assert.match(String(rejected.reply.content.evalue), /nobody caught me \(unhandled promise rejection while cell \[\d+\] ran\)/);
    assert.ok(!types(rejected.iopub).includes('execute_result'));

    const started = Date.now();
    const thrown = await k.execute(
      'setTimeout(() => { throw new TypeError("timer blew up"); }, 50);\nawait new Promise((r) => setTimeout(r, 60_000));',
    );
    assert.ok(Date.now() - started < 30_000, 'the failing cell stopped awaiting');
    assert.equal(thrown.reply.content.ename, 'TypeError');
    assert.match(String(thrown.reply.content.evalue), /timer blew up \(uncaught exception while cell \[\d+\] ran\)/);
  });

  it('fails the next cell, without running it, for an error a finished cell left behind', async () => {
    const left = await k.execute('setTimeout(() => { throw new Error("after the fact"); }, 1000); "scheduled"');
    assert.equal(left.reply.content.status, 'ok');
    const count = Number(left.reply.content.execution_count);
    await new Promise((r) => setTimeout(r, 1500));
    const next = await k.execute('console.log("must not run")');
    assert.equal(next.reply.content.status, 'error');
    assert.equal(streamText(next.iopub), '');
    assert.match(
      String(next.reply.content.evalue),
      new RegExp(`after the fact \\(uncaught exception from code of cell \\[${count}\\].*after cell \\[${count}\\] finished; this cell was not run\\)`),
    );
    const again = await k.execute('1 + 1');
    assert.equal(again.reply.content.status, 'ok', 'the error is reported once');
  });

  it('answers kernel_info completely', async () => {
    const { reply, iopub } = await k.request('kernel_info_request', {});
    assert.deepEqual(types(iopub), ['status:busy', 'status:idle']);
    const c = reply.content as Record<string, any>;
    assert.equal(c.status, 'ok');
    assert.equal(c.protocol_version, '5.3');
    assert.equal(c.implementation, 'reglab');
    assert.equal(c.language_info.name, 'typescript');
    assert.equal(c.language_info.file_extension, '.ts');
    assert.equal(c.language_info.mimetype, 'text/typescript');
    assert.match(c.language_info.version, /^\d+\.\d+\.\d+$/);
    assert.equal(typeof c.banner, 'string');
  });

  it('answers history_request tail, range and search from this session', async () => {
    const a = await k.execute('"history-one"');
    await k.execute('"history-two"');
    const n = Number(a.reply.content.execution_count);
    const tail = (await k.request('history_request', { output: false, raw: true, hist_access_type: 'tail', n: 2 })).reply;
    assert.equal(tail.content.status, 'ok');
    assert.deepEqual(tail.content.history, [
      [1, n, '"history-one"'],
      [1, n + 1, '"history-two"'],
    ]);
    const withOutput = (await k.request('history_request', { output: true, raw: true, hist_access_type: 'tail', n: 1 })).reply;
    assert.deepEqual(withOutput.content.history, [[1, n + 1, ['"history-two"', "'history-two'"]]]);
    const range = (await k.request('history_request', { output: false, raw: true, hist_access_type: 'range', session: 1, start: n, stop: n + 1 })).reply;
    assert.deepEqual(range.content.history, [[1, n, '"history-one"']]);
    const search = (await k.request('history_request', { output: false, raw: true, hist_access_type: 'search', pattern: '"history-t*' })).reply;
    assert.deepEqual(search.content.history, [[1, n + 1, '"history-two"']]);
  });

  it('answers is_complete: complete, incomplete with an indent, invalid', async () => {
    const status = async (code: string) => (await k.request('is_complete_request', { code })).reply.content;
    assert.deepEqual(await status('const x = 1;'), { status: 'complete' });
    assert.deepEqual(await status('const y = <number>(1 as unknown);'), { status: 'complete' }, 'a .ts cast, not JSX');
    assert.deepEqual(await status('const = ;'), { status: 'invalid' });
    assert.deepEqual(await status('let 1x = 2;'), { status: 'invalid' });
    const open = await status('for (;;) {');
    assert.equal(open.status, 'incomplete');
    assert.equal(typeof open.indent, 'string');
    assert.equal((await status('function f(a: number,')).status, 'incomplete');
    assert.equal((await status('const s = `abc')).status, 'incomplete');
    assert.deepEqual(await status('for (;;) {\n\n'), { status: 'invalid' }, 'a blank line ends the input');
  });

  it('has no comms: comm_info lists none, comm_open is closed at once', async () => {
    const info = (await k.request('comm_info_request', { target_name: 'jupyter.widget' })).reply;
    assert.deepEqual(info.content, { status: 'ok', comms: {} });
    const iopub = await k.notify('comm_open', { comm_id: 'c-1', target_name: 'jupyter.widget', data: {} });
    assert.deepEqual(types(iopub), ['status:busy', 'comm_close', 'status:idle']);
    assert.equal(iopub[1].content.comm_id, 'c-1');
  });

  it('offers tslab completions and inspection', async () => {
    await k.execute('const completeMe = { alpha: 1, beta: 2 };');
    const code = 'completeMe.al';
    const c = (await k.request('complete_request', { code, cursor_pos: code.length })).reply.content;
    assert.equal(c.status, 'ok');
    assert.ok((c.matches as string[]).includes('alpha'));
    assert.equal(c.cursor_start, 'completeMe.'.length);
    const i = (await k.request('inspect_request', { code: 'completeMe', cursor_pos: 3, detail_level: 0 })).reply.content;
    assert.equal(i.found, true);
    assert.match(String((i.data as Record<string, unknown>)['text/plain']), /alpha: number/);
  });

  /** Interrupts every 500 ms until the cell ends (a loaded machine may still be compiling it). */
  async function interruptUntilDone(cell: Promise<Exchange>, interrupt: () => Promise<unknown>): Promise<Exchange> {
    let done = false;
    void cell.finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 500));
    while (!done) {
      await interrupt();
      await new Promise((r) => setTimeout(r, 500));
    }
    return cell;
  }

  it('stops an awaiting cell on interrupt_request and stays usable', async () => {
    const cell = k.execute('await new Promise((r) => setTimeout(r, 1e6));');
    const e = await interruptUntilDone(cell, async () => {
      const interrupt = await k.request('interrupt_request', {}, 'control');
      assert.equal(interrupt.reply.content.status, 'ok');
    });
    assert.equal(e.reply.content.status, 'error');
    assert.equal(e.reply.content.ename, 'Interrupted');
    const after = await k.execute('2 + 2');
    assert.equal((after.iopub.find((m) => m.header.msg_type === 'execute_result')!.content.data as Record<string, unknown>)['text/plain'], '4');
  });

  it('stops a synchronous loop on SIGINT (interrupt_mode "signal") and stays usable', async () => {
    const cell = k.execute('let spins = 0;\nwhile (true) { spins++; }');
    const e = await interruptUntilDone(cell, async () => k.process.kill('SIGINT'));
    assert.equal(e.reply.content.ename, 'Interrupted');
    assert.equal((await k.execute('3')).reply.content.status, 'ok');
  });

  it('aborts execute requests queued behind a failing cell (stop_on_error)', async () => {
    const failing = k.execute('await new Promise((r) => setTimeout(r, 200)); throw new Error("stop here");');
    const queued = k.execute('console.log("queued")');
    assert.equal((await failing).reply.content.status, 'error');
    const q = await queued;
    assert.equal(q.reply.content.status, 'aborted');
    assert.equal(streamText(q.iopub), '');
  });

  it('sends tslab.display output as display_data', async () => {
    const e = await k.execute('import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>");');
    const display = e.iopub.find((m) => m.header.msg_type === 'display_data');
    assert.ok(display, types(e.iopub).join());
    assert.deepEqual((display.content as Record<string, unknown>).data, { 'text/html': '<b>bold</b>' });
  });

  it('gives objects with a Jupyter.display method their own bundle', async () => {
    const e = await k.execute("({ [Symbol.for('Jupyter.display')]() { return { 'text/html': '<i>rich</i>' }; } })");
    const result = e.iopub.find((m) => m.header.msg_type === 'execute_result')!;
    const data = result.content.data as Record<string, unknown>;
    assert.equal(data['text/html'], '<i>rich</i>');
    assert.equal(typeof data['text/plain'], 'string');
  });
});
