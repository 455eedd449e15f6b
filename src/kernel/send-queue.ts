// One ordered send queue per ZeroMQ socket.
//
// zeromq 6 allows ONE send in flight per socket: a second `send()` while the first waits (a
// Publisher under load, a Router whose peer is slow) rejects with EBUSY, and an unawaited send
// loses that message silently — tslab 1.0.22's lost output and missing `idle`. Every message of
// the kernel therefore goes through a queue whose loop awaits each send before the next, so
// messages leave in the order they were produced and none is dropped.
import type { Message } from '../jupyter/wire';
import type { WireCodec } from '../jupyter/wire';

/** The part of a zeromq socket the queue needs. */
export interface SendSocket {
  send(frames: Buffer[]): Promise<void>;
}

interface Item {
  message: Message<object>;
  routing: Buffer[];
  sent: Array<() => void>;
}

/** Merges `next` into `last` (not yet sent) and returns true, or returns false to queue it. */
export type MergeRule = (last: Message<object>, next: Message<object>) => boolean;

export class SendQueue {
  private readonly items: Item[] = [];
  private draining = false;
  /** Callbacks of the message being sent now. */
  private inFlight: Array<() => void> | undefined;

  constructor(
    private readonly socket: SendSocket,
    private readonly codec: WireCodec,
    private readonly onError: (error: unknown) => void,
    private readonly merge?: MergeRule,
  ) {}

  /** Queues a message; the promise resolves once ZeroMQ has accepted it (or it failed). */
  send(message: Message<object>, routing: Buffer[] = []): Promise<void> {
    return new Promise<void>((resolve) => {
      const last = this.items[this.items.length - 1];
      if (last && this.merge && sameRouting(last.routing, routing) && this.merge(last.message, message)) {
        last.sent.push(resolve);
      } else {
        this.items.push({ message, routing, sent: [resolve] });
      }
      void this.drain();
    });
  }

  /** Resolves when every message queued so far has been handed to ZeroMQ (later ones not awaited). */
  flushed(): Promise<void> {
    const last = this.items[this.items.length - 1]?.sent ?? this.inFlight;
    if (!last) return Promise.resolve();
    return new Promise((resolve) => last.push(resolve));
  }

  /** Messages waiting (a merged run of stream text counts once). */
  get length(): number {
    return this.items.length;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let item = this.items.shift(); item; item = this.items.shift()) {
        this.inFlight = item.sent;
        try {
          await this.socket.send(this.codec.serialize(item.message, item.routing));
        } catch (error) {
          this.onError(error);
        }
        this.inFlight = undefined;
        for (const done of item.sent) done();
      }
    } finally {
      this.draining = false;
    }
  }
}

function sameRouting(a: Buffer[], b: Buffer[]): boolean {
  return a.length === b.length && a.every((id, i) => id.equals(b[i]));
}

/** Largest stream text merged into one message (a flood is still split into many messages). */
const MAX_MERGED_TEXT = 1 << 20;

/**
 * Stream text of the same stream and request, produced while earlier messages wait, travels as
 * one message (what ipykernel's buffered OutStream does with a timer, done here by the queue).
 */
export const mergeStreams: MergeRule = (last, next) => {
  if (last.header.msg_type !== 'stream' || next.header.msg_type !== 'stream') return false;
  if (last.parent_header.msg_id !== next.parent_header.msg_id) return false;
  const a = last.content as { name: string; text: string };
  const b = next.content as { name: string; text: string };
  if (a.name !== b.name || a.text.length + b.text.length > MAX_MERGED_TEXT) return false;
  a.text += b.text;
  return true;
};
