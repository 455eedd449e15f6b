// The kernel's five ZeroMQ sockets, bound from a connection file, and the request cycle around
// every handler: status `busy` → the handler's outputs and reply → status `idle` (all parented to
// the request). Shell requests run one at a time in arrival order; control requests (interrupt,
// shutdown) run at once, even while a cell is awaiting. Every send goes through the socket's
// SendQueue, so nothing is dropped and the order above holds on the wire.
import * as zmq from 'zeromq';
import { endpoint, type ConnectionInfo } from '../jupyter/connection';
import { routingIds, WireCodec, type JsonObject, type Message } from '../jupyter/wire';
import { kernelLog } from './output';
import { mergeStreams, SendQueue } from './send-queue';

export type ChannelName = 'shell' | 'control';

export interface RequestContext {
  readonly request: Message;
  readonly channel: ChannelName;
  /** Sends the reply on the request's socket, after every iopub message queued before it. */
  reply(msgType: string, content: object): Promise<void>;
  /** Publishes on iopub with this request as parent. */
  publish(msgType: string, content: object): Promise<void>;
  /** Shell requests received but not yet started (execute uses it to abort after an error). */
  takeQueued(msgType: string): RequestContext[];
}

export type Handler = (context: RequestContext) => void | Promise<void>;

interface Received {
  message: Message;
  routing: Buffer[];
  channel: ChannelName;
}

export class KernelServer {
  readonly codec: WireCodec;
  private readonly iopubSocket = new zmq.Publisher({ linger: 1000, noDrop: true, sendHighWaterMark: 100_000 });
  private readonly shellSocket = new zmq.Router({ linger: 1000 });
  private readonly controlSocket = new zmq.Router({ linger: 1000 });
  private readonly stdinSocket = new zmq.Router({ linger: 0 });
  private readonly hbSocket = new zmq.Reply({ linger: 0 });
  private readonly iopub: SendQueue;
  private readonly queues: Record<ChannelName, SendQueue>;
  private readonly shellBacklog: Received[] = [];
  private shellBusy = false;
  private closed = false;

  constructor(
    private readonly info: ConnectionInfo,
    private readonly handlers: Record<string, Handler>,
  ) {
    this.codec = new WireCodec(info.key);
    const onError = (e: unknown) => kernelLog(`send failed: ${String(e)}`);
    this.iopub = new SendQueue(this.iopubSocket, this.codec, onError, mergeStreams);
    this.queues = {
      shell: new SendQueue(this.shellSocket, this.codec, onError),
      control: new SendQueue(this.controlSocket, this.codec, onError),
    };
  }

  async start(): Promise<void> {
    await Promise.all([
      this.iopubSocket.bind(endpoint(this.info, 'iopub')),
      this.shellSocket.bind(endpoint(this.info, 'shell')),
      this.controlSocket.bind(endpoint(this.info, 'control')),
      this.stdinSocket.bind(endpoint(this.info, 'stdin')),
      this.hbSocket.bind(endpoint(this.info, 'hb')),
    ]);
    void this.receive(this.shellSocket, 'shell');
    void this.receive(this.controlSocket, 'control');
    void this.heartbeat();
  }

  /** Publishes on iopub with `parent` as parent (or none). */
  publish(parent: Message | undefined, msgType: string, content: object): Promise<void> {
    const message = parent ? this.codec.reply(parent, msgType, content) : this.codec.request(msgType, content);
    return this.iopub.send(message);
  }

  /** Waits until every queued message has been handed to ZeroMQ, then closes the sockets. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.iopub.flushed(), this.queues.shell.flushed(), this.queues.control.flushed()]);
    for (const s of [this.iopubSocket, this.shellSocket, this.controlSocket, this.stdinSocket, this.hbSocket]) {
      s.close();
    }
  }

  private async receive(socket: zmq.Router, channel: ChannelName): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: Message;
        try {
          message = this.codec.parse(frames);
        } catch (error) {
          kernelLog(`ignored a ${channel} message: ${(error as Error).message}`);
          continue;
        }
        const received = { message, routing: routingIds(frames), channel };
        if (channel === 'control') void this.run(received);
        else {
          this.shellBacklog.push(received);
          void this.runShell();
        }
      }
    } catch (error) {
      if (!this.closed) kernelLog(`${channel} socket failed: ${String(error)}`);
    }
  }

  private async runShell(): Promise<void> {
    if (this.shellBusy) return;
    this.shellBusy = true;
    try {
      for (let next = this.shellBacklog.shift(); next; next = this.shellBacklog.shift()) await this.run(next);
    } finally {
      this.shellBusy = false;
    }
  }

  private async run(received: Received): Promise<void> {
    const context = this.context(received);
    await context.publish('status', { execution_state: 'busy' });
    try {
      const handler = this.handlers[received.message.header.msg_type];
      if (handler) await handler(context);
      else kernelLog(`unknown message type ${JSON.stringify(received.message.header.msg_type)} on ${received.channel}`);
    } catch (error) {
      kernelLog(`handler for ${received.message.header.msg_type} failed: ${(error as Error).stack ?? String(error)}`);
    }
    await context.publish('status', { execution_state: 'idle' });
  }

  private context(received: Received): RequestContext {
    const { message, routing, channel } = received;
    return {
      request: message,
      channel,
      reply: async (msgType, content) => {
        await this.iopub.flushed();
        await this.queues[channel].send(this.codec.reply(message, msgType, content), routing);
      },
      publish: (msgType, content) => this.publish(message, msgType, content),
      takeQueued: (msgType) => {
        const taken = this.shellBacklog.filter((r) => r.message.header.msg_type === msgType);
        for (const r of taken) this.shellBacklog.splice(this.shellBacklog.indexOf(r), 1);
        return taken.map((r) => this.context(r));
      },
    };
  }

  private async heartbeat(): Promise<void> {
    try {
      for await (const frames of this.hbSocket) await this.hbSocket.send(frames);
    } catch (error) {
      if (!this.closed) kernelLog(`heartbeat socket failed: ${String(error)}`);
    }
  }
}

export type { JsonObject };
