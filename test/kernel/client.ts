// A minimal Jupyter client for the kernel tests: starts `node dist/kernel/main.js` (or any argv)
// with a fresh connection file and speaks to it over ZeroMQ with the shared wire codec.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import * as zmq from 'zeromq';
import { createConnectionFile, endpoint, type ConnectionFile } from '../../src/jupyter/connection';
import { WireCodec, type JsonObject, type Message } from '../../src/jupyter/wire';

export const ROOT = resolve(__dirname, '..', '..');
export const MAIN = resolve(ROOT, 'dist', 'kernel', 'main.js');

export interface Exchange {
  reply: Message;
  /** Every iopub message parented to the request, in arrival order, up to and with `idle`. */
  iopub: Message[];
}

export class TestKernel {
  readonly codec: WireCodec;
  readonly stderr: string[] = [];
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopubSocket = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
  private readonly waiting = new Map<string, { iopub: Message[]; reply?: Message; done: (e: Exchange) => void }>();
  /** iopub messages without a waiting request (e.g. output after a cell's idle). */
  readonly stray: Message[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ConnectionFile,
  ) {
    this.codec = new WireCodec(connection.info.key);
    process.stderr?.on('data', (d: Buffer) => this.stderr.push(d.toString()));
  }

  static async start(options: { cwd?: string; argv?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<TestKernel> {
    const connection = await createConnectionFile();
    const argv = options.argv ?? [process.execPath, MAIN];
    const child = spawn(argv[0], [...argv.slice(1), connection.path], {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const kernel = new TestKernel(child, connection);
    await kernel.connect();
    return kernel;
  }

  private async connect(): Promise<void> {
    const info = this.connection.info;
    this.shell.connect(endpoint(info, 'shell'));
    this.control.connect(endpoint(info, 'control'));
    this.iopubSocket.connect(endpoint(info, 'iopub'));
    this.iopubSocket.subscribe();
    void this.listen(this.shell);
    void this.listen(this.control);
    void this.listenIopub();
    // Like jupyter_client: kernel_info until a reply AND its iopub idle arrive (iopub is subscribed).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const got = await Promise.race([
        this.request('kernel_info_request', {}).then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 1000)),
      ]);
      if (got) return;
      if (this.process.exitCode !== null || Date.now() > deadline) {
        throw new Error(`kernel did not start: exit ${this.process.exitCode}; stderr ${this.stderr.join('')}`);
      }
    }
  }

  private async listen(socket: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const m = this.codec.parse(frames);
        const w = this.waiting.get(String(m.parent_header.msg_id));
        if (w) {
          w.reply = m;
          this.settle(String(m.parent_header.msg_id));
        }
      }
    } catch {
      /* closed */
    }
  }

  private async listenIopub(): Promise<void> {
    try {
      for await (const frames of this.iopubSocket) {
        const m = this.codec.parse(frames);
        const id = String(m.parent_header.msg_id);
        const w = this.waiting.get(id);
        if (!w) {
          this.stray.push(m);
          continue;
        }
        w.iopub.push(m);
        this.settle(id);
      }
    } catch {
      /* closed */
    }
  }

  private settle(id: string): void {
    const w = this.waiting.get(id);
    const last = w?.iopub[w.iopub.length - 1];
    if (!w || !w.reply || last?.header.msg_type !== 'status' || last.content.execution_state !== 'idle') return;
    this.waiting.delete(id);
    w.done({ reply: w.reply, iopub: w.iopub });
  }

  /**
   * Sends a request and resolves with its reply and iopub messages once `idle` has come; rejects
   * (naming what did arrive) when that takes longer than `timeoutMs`: a lost message.
   */
  request(msgType: string, content: object, channel: 'shell' | 'control' = 'shell', timeoutMs = 120_000): Promise<Exchange> {
    const message = this.codec.request(msgType, content);
    const id = message.header.msg_id;
    const result = new Promise<Exchange>((done, fail) => {
      const timer = setTimeout(() => {
        const w = this.waiting.get(id);
        this.waiting.delete(id);
        fail(new Error(`${msgType} incomplete after ${timeoutMs} ms: reply ${w?.reply ? 'came' : 'missing'}, iopub [${types(w?.iopub ?? []).join(', ')}]`));
      }, timeoutMs);
      this.waiting.set(id, { iopub: [], done: (e) => (clearTimeout(timer), done(e)) });
    });
    this.queue = this.queue.then(() => (channel === 'shell' ? this.shell : this.control).send(this.codec.serialize(message)));
    return result;
  }
  private queue: Promise<void> = Promise.resolve();

  /** Sends a message that gets no reply (comm_open) and resolves at its idle. */
  async notify(msgType: string, content: JsonObject): Promise<Message[]> {
    const message = this.codec.request(msgType, content);
    const iopub: Message[] = [];
    const result = new Promise<Message[]>((done) =>
      this.waiting.set(message.header.msg_id, {
        iopub,
        reply: message, // no reply comes: count the request itself as answered
        done: (e) => done(e.iopub),
      }),
    );
    this.queue = this.queue.then(() => this.shell.send(this.codec.serialize(message)));
    return result;
  }

  execute(code: string, extra: JsonObject = {}, timeoutMs?: number): Promise<Exchange> {
    return this.request('execute_request', {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
      ...extra,
    }, 'shell', timeoutMs);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = once(this.process, 'exit');
      await this.request('shutdown_request', { restart: false }, 'control');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    for (const s of [this.shell, this.control, this.iopubSocket]) s.close();
    this.connection.remove();
  }
}

/** The text of every stream message of `name` in `messages`, joined. */
export function streamText(messages: Message[], name = 'stdout'): string {
  return messages
    .filter((m) => m.header.msg_type === 'stream' && m.content.name === name)
    .map((m) => String(m.content.text))
    .join('');
}

export function types(messages: Message[]): string[] {
  return messages.map((m) =>
    m.header.msg_type === 'status' ? `status:${String(m.content.execution_state)}` : m.header.msg_type,
  );
}
