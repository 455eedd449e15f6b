// The kernel process lifecycle and the client side of its five ZeroMQ channels.
// One Kernel = one detached process group: the parent-death watchdog (watchdog.ts) and under it the
// kernel, started like the kernel spec does (kernel-command.ts), cwd = the notebook's folder (tslab
// resolves imports such as `reglab` from its cwd). Every started kernel is registered so that exit
// and signal handlers can kill it, and the watchdog kills it when the runner dies: no orphans.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import * as zmq from 'zeromq';
import { createConnectionFile, endpoint, type ConnectionFile } from '../jupyter/connection';
import { WireCodec, type JsonObject, type Message } from '../jupyter/wire';
import { kernelArgv, KernelMissingError } from './kernel-command';
import { killDescendants, killProcessTree } from './process-group';
import { watchdogArgv } from './watchdog';

export interface KernelOptions {
  /** A kernel executable with tslab's command line instead of the bundled tslab (`--kernel`). */
  executable?: string;
  /** The notebook's folder. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long to wait for kernel_info_reply. */
  startTimeoutMs: number;
}

export interface ExecuteReply {
  status: 'ok' | 'error' | 'abort';
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface Execution {
  reply: ExecuteReply;
  /** False when the kernel's `idle` status never came (some iopub messages were lost). */
  outputComplete: boolean;
}

/** How long to wait for iopub after the execute_reply when `idle` is missing (nbclient: 4 s). */
const IOPUB_GRACE_MS = 3000;

/** A failure of the kernel itself (not of the code it ran): missing binary, no handshake, death. */
export class KernelError extends Error {
  override name = 'KernelError';
}
/** Another process took one of the free ports between our probe and the kernel's bind. */
class PortInUseError extends KernelError {}
export class CellTimeoutError extends Error {
  override name = 'CellTimeoutError';
}
/**
 * The kernel published nothing for a request within ACK_TIMEOUT_MS. A Jupyter kernel publishes
 * `busy` as soon as a request arrives, so silence means the request (or everything the kernel sent
 * about it) was lost — tslab 1.0.22's own protocol layer did that under load (unawaited ZeroMQ
 * sends); the reglab kernel does not.
 */
export class LostRequestError extends KernelError {
  override name = 'LostRequestError';
}

/** How long a kernel may stay silent about a request before it counts as lost. */
const ACK_TIMEOUT_MS = 20_000;

const live = new Set<Kernel>();

/** Kills every kernel still running (synchronous; for exit and signal handlers). */
export function killAllKernels(): number {
  const count = live.size;
  for (const k of [...live]) k.kill();
  return count;
}

type Pending = { onReply(m: Message): void; onIopub(m: Message): void; fail(e: Error): void };

export class Kernel {
  readonly codec: WireCodec;
  /** Milliseconds since epoch of the last heartbeat echo. */
  lastHeartbeat = 0;
  private exitInfo: string | undefined;
  private readonly stderrTail: string[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly hb = new zmq.Request({ linger: 0, relaxed: true, correlate: true, receiveTimeout: 1000 });
  private iopubSeen = false;
  private closed = false;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: ConnectionFile,
  ) {
    this.codec = new WireCodec(connection.info.key);
    live.add(this);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = signal ? `killed by ${signal}` : `exited with code ${code}`;
        this.failAll(new KernelError(`the kernel died (${this.exitInfo})${this.stderrHint()}`));
        resolve();
      });
    });
    child.once('error', (e) => {
      this.exitInfo = e.message;
      this.failAll(new KernelError(`the kernel could not start: ${e.message}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => this.keepTail(text));
    }
  }

  /**
   * Starts a kernel and waits for its kernel_info_reply (and a live iopub subscription). Retries
   * with fresh ports when a port was taken in the meantime (parallel runs pick ports concurrently).
   */
  static async start(options: KernelOptions): Promise<{ kernel: Kernel; info: JsonObject }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Kernel.startOnce(options);
      } catch (e) {
        if (!(e instanceof PortInUseError) || attempt >= 3) throw e;
      }
    }
  }

  private static async startOnce(options: KernelOptions): Promise<{ kernel: Kernel; info: JsonObject }> {
    const connection = await createConnectionFile();
    let argv: string[];
    try {
      argv = kernelArgv(connection.path, options.executable);
    } catch (e) {
      connection.remove();
      if (e instanceof KernelMissingError) throw new KernelError(e.message);
      throw e;
    }
    const [command, ...args] = watchdogArgv(dirname(connection.path), options.cwd, argv);
    const child = spawn(command, args, {
      env: options.env,
      detached: true, // own process group, killed as a whole
      // stdin: the watchdog's lifeline, closed by the OS when this process dies
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin?.on('error', () => {}); // EPIPE once the kernel is gone: nothing to do
    const kernel = new Kernel(child, connection);
    try {
      kernel.connect();
      const info = await kernel.handshake(Date.now() + options.startTimeoutMs);
      void kernel.beat();
      return { kernel, info };
    } catch (e) {
      await kernel.shutdown();
      throw e;
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Runs `code`; `onOutput` receives every iopub message of this request. Resolves once the
   * execute_reply has arrived and the kernel has published `idle` for this request (so every output
   * is in). tslab loses iopub messages when a cell prints in a tight loop (its unawaited ZeroMQ
   * sends fail while the socket is busy), sometimes the `idle` too: like nbclient's iopub_timeout,
   * we then stop waiting IOPUB_GRACE_MS after the last iopub message and report the output as
   * incomplete. Rejects with CellTimeoutError after `timeoutMs`, KernelError when the kernel dies.
   */
  execute(code: string, timeoutMs: number, onOutput: (m: Message) => void): Promise<Execution> {
    const request = this.codec.request('execute_request', {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: false,
    });
    return new Promise<Execution>((resolve, reject) => {
      let reply: ExecuteReply | undefined;
      let idle = false;
      let grace: NodeJS.Timeout | undefined;
      const id = request.header.msg_id;
      const done = (finish: () => void) => {
        clearTimeout(timer);
        clearTimeout(ack);
        clearTimeout(grace);
        this.pending.delete(id);
        finish();
      };
      const settle = () => {
        if (reply === undefined) return;
        const r = reply;
        if (idle) return done(() => resolve({ reply: r, outputComplete: true }));
        clearTimeout(grace);
        grace = setTimeout(() => done(() => resolve({ reply: r, outputComplete: false })), IOPUB_GRACE_MS);
      };
      let sent = false;
      // No timer for an unlimited cell (metadata.execution.timeout = -1): setTimeout(Infinity) fires at once.
      const timer = Number.isFinite(timeoutMs) ? setTimeout(
        () => done(() => reject(new CellTimeoutError(`timed out after ${timeoutMs / 1000} s${this.heartbeatNote()}${this.requestNote(id)}${this.stderrHint()}`))),
        timeoutMs,
      ) : undefined;
      const ack = setTimeout(() => {
        if (reply !== undefined || this.acknowledged.has(id)) return;
        done(() => reject(new LostRequestError(`the kernel published nothing for the request in ${ACK_TIMEOUT_MS / 1000} s `
          + `(our send ${sent ? 'completed' : 'had not completed'})${this.stderrHint()}`)));
      }, Math.min(ACK_TIMEOUT_MS, timeoutMs));
      this.pending.set(id, {
        onReply: (m) => {
          reply = m.content as unknown as ExecuteReply;
          settle();
        },
        onIopub: (m) => {
          this.acknowledged.add(id);
          if (m.header.msg_type === 'status') {
            idle = (m.content as { execution_state?: string }).execution_state === 'idle';
          } else {
            onOutput(m);
          }
          settle();
        },
        fail: (e) => done(() => reject(e)),
      });
      if (this.exitInfo !== undefined) {
        done(() => reject(new KernelError(`the kernel is not running (${this.exitInfo})`)));
        return;
      }
      this.shell.send(this.codec.serialize(request)).then(() => { sent = true; }, (e: Error) => done(() => reject(e)));
    });
  }

  /** SIGKILLs the kernel's process group (watchdog + kernel) and descendants (synchronous). */
  kill(): void {
    if (this.child.pid !== undefined && live.has(this)) killProcessTree(this.child.pid);
    live.delete(this);
    this.connection.remove();
  }

  /**
   * Kills the kernel under the watchdog (which reaps it and exits), then whatever is left of the
   * group; waits until it is reaped, closes the sockets and removes the connection file.
   */
  async shutdown(): Promise<void> {
    if (this.child.pid !== undefined && live.has(this)) {
      killDescendants(this.child.pid);
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    }
    this.kill();
    if (this.child.pid !== undefined) {
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    this.closed = true;
    for (const socket of [this.shell, this.control, this.iopub, this.hb]) socket.close();
    this.child.stdin?.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }

  private connect(): void {
    const info = this.connection.info;
    this.shell.connect(endpoint(info, 'shell'));
    this.control.connect(endpoint(info, 'control'));
    this.iopub.connect(endpoint(info, 'iopub'));
    this.iopub.subscribe();
    this.hb.connect(endpoint(info, 'hb'));
    void this.listen(this.shell, (m) => this.pending.get(m.parent_header.msg_id ?? '')?.onReply(m));
    void this.listen(this.iopub, (m) => {
      this.iopubSeen = true;
      this.pending.get(m.parent_header.msg_id ?? '')?.onIopub(m);
    });
  }

  private async listen(socket: zmq.Dealer | zmq.Subscriber, handle: (m: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: Message;
        try {
          message = this.codec.parse(frames);
        } catch (e) {
          this.keepTail(`[runner] dropped a message: ${(e as Error).message}\n`);
          continue;
        }
        handle(message);
      }
    } catch (e) {
      if (!this.closed) this.failAll(new KernelError(`lost the connection to the kernel: ${(e as Error).message}`));
    }
  }

  /**
   * kernel_info_request until answered. Requests sent before the kernel binds are queued by ZeroMQ;
   * once answered we resend every 100 ms while iopub is silent, because PUB/SUB drops messages
   * until our subscription has reached the kernel — a status message seen on iopub proves it has.
   */
  private async handshake(deadline: number): Promise<JsonObject> {
    let info: JsonObject | undefined;
    while (info === undefined || !this.iopubSeen) {
      // Checked first: a kernel that could not bind its port prints why and exits at once.
      if (this.stderrTail.join('').includes('EADDRINUSE') || this.stderrTail.join('').includes('Address already in use')) {
        throw new PortInUseError(`a kernel port was taken before the kernel could bind it${this.stderrHint()}`);
      }
      if (this.exitInfo !== undefined) {
        throw new KernelError(`the kernel died during start-up (${this.exitInfo})${this.stderrHint()}`);
      }
      if (Date.now() > deadline) {
        throw new KernelError(`no kernel_info_reply from the kernel within the start-up timeout${this.stderrHint()}`);
      }
      const request = this.codec.request('kernel_info_request', {});
      const id = request.header.msg_id;
      const answered = new Promise<void>((resolve) => {
        this.pending.set(id, {
          onReply: (m) => {
            info = m.content;
            resolve();
          },
          onIopub: () => resolve(),
          fail: () => resolve(),
        });
      });
      await this.shell.send(this.codec.serialize(request));
      // One request in flight at a time, resent after a second without an answer: tslab answers
      // every queued request at once with unawaited ZeroMQ sends, and a burst of them makes it
      // drop messages (EBUSY). ZeroMQ queues a request sent before the kernel binds anyway.
      await Promise.race([answered, new Promise((r) => setTimeout(r, info === undefined ? 1000 : 100))]);
      if (info !== undefined && !this.iopubSeen) await Promise.race([answered, new Promise((r) => setTimeout(r, 50))]);
      this.pending.delete(id);
    }
    return info;
  }

  /** Heartbeat pings once a second while the kernel runs. tslab answers on its JS event loop, so a
   * cell busy in synchronous code stops the echo: used to explain timeouts, not to declare death
   * (death is the child's exit event). */
  private async beat(): Promise<void> {
    while (!this.closed && this.exitInfo === undefined) {
      try {
        await this.hb.send('ping');
        await this.hb.receive();
        this.lastHeartbeat = Date.now();
        await new Promise((r) => setTimeout(r, 1000).unref());
      } catch {
        // receive timeout (busy kernel) or socket closed: the loop condition re-checks
        await new Promise((r) => setTimeout(r, 100).unref());
      }
    }
  }

  /** Requests the kernel published anything for (its `busy` status at least). */
  private readonly acknowledged = new Set<string>();

  /** Whether the kernel ever acknowledged the request: tells a lost request from a slow cell. */
  private requestNote(id: string): string {
    return this.acknowledged.has(id) ? '' : '; the kernel never published a status for this request';
  }

  private heartbeatNote(): string {
    if (this.lastHeartbeat === 0) return '';
    const silent = (Date.now() - this.lastHeartbeat) / 1000;
    return silent > 3
      ? `; the kernel had not answered the heartbeat for ${silent.toFixed(0)} s (busy in synchronous code)`
      : '';
  }

  private failAll(error: Error): void {
    for (const p of [...this.pending.values()]) p.fail(error);
  }

  private keepTail(text: string): void {
    this.stderrTail.push(text);
    while (this.stderrTail.join('').length > 4000 && this.stderrTail.length > 1) this.stderrTail.shift();
  }

  private stderrHint(): string {
    const tail = this.stderrTail.join('').trim();
    return tail ? `; kernel output:\n${tail.slice(-2000)}` : '';
  }
}
