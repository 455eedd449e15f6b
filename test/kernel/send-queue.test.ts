// The send queue against a socket that behaves like zeromq 6's: one send in flight, a second
// concurrent send rejects with EBUSY (which is how tslab lost messages).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WireCodec, type Message } from '../../src/jupyter/wire';
import { mergeStreams, SendQueue, type SendSocket } from '../../src/kernel/send-queue';

const codec = new WireCodec('k');

/** Accepts one message at a time, each after `delayMs`; concurrent sends reject like zeromq. */
class BusySocket implements SendSocket {
  readonly sent: Message[] = [];
  private busy = false;
  constructor(private readonly delayMs: number) {}
  async send(frames: Buffer[]): Promise<void> {
    if (this.busy) throw Object.assign(new Error('Socket is busy writing'), { code: 'EBUSY' });
    this.busy = true;
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.busy = false;
    this.sent.push(codec.parse(frames));
  }
}

const parent = codec.request('execute_request', { code: '' });
const stream = (text: string, name = 'stdout') => codec.reply(parent, 'stream', { name, text });

test('unawaited sends straight to the socket lose messages (the defect)', async () => {
  const socket = new BusySocket(1);
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => socket.send(codec.serialize(stream(`${i}`)))));
  assert.equal(results.filter((r) => r.status === 'rejected').length, 9);
});

test('the queue sends every message once, in order, one at a time', async () => {
  const socket = new BusySocket(1);
  const errors: unknown[] = [];
  const queue = new SendQueue(socket, codec, (e) => errors.push(e));
  const statuses = Array.from({ length: 50 }, (_, i) => codec.reply(parent, 'status', { i }));
  await Promise.all(statuses.map((m) => queue.send(m)));
  assert.deepEqual(errors, []);
  assert.deepEqual(socket.sent.map((m) => m.content.i), statuses.map((_, i) => i));
});

test('stream text waiting behind a send is merged per stream, keeping order with other messages', async () => {
  const socket = new BusySocket(5);
  const queue = new SendQueue(socket, codec, (e) => assert.fail(String(e)), mergeStreams);
  void queue.send(stream('first\n'));
  for (let i = 0; i < 1000; i++) void queue.send(stream(`${i}\n`));
  void queue.send(stream('err\n', 'stderr'));
  void queue.send(stream('after\n'));
  void queue.send(codec.reply(parent, 'status', { execution_state: 'idle' }));
  await queue.flushed();
  const kinds = socket.sent.map((m) => (m.header.msg_type === 'stream' ? String(m.content.name) : m.header.msg_type));
  assert.deepEqual(kinds, ['stdout', 'stdout', 'stderr', 'stdout', 'status']);
  const stdout = socket.sent.filter((m) => m.content.name === 'stdout').map((m) => String(m.content.text)).join('');
  assert.equal(stdout, `first\n${Array.from({ length: 1000 }, (_, i) => `${i}\n`).join('')}after\n`);
});

test('flushed() waits for what was queued before it, not for later messages', async () => {
  const socket = new BusySocket(20);
  const queue = new SendQueue(socket, codec, (e) => assert.fail(String(e)));
  void queue.send(codec.reply(parent, 'status', { n: 1 }));
  const flushed = queue.flushed().then(() => socket.sent.length);
  void queue.send(codec.reply(parent, 'status', { n: 2 }));
  assert.equal(await flushed, 1);
  await queue.flushed();
  assert.equal(socket.sent.length, 2);
});
