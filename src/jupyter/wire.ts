// Shared by the kernel (src/kernel) and the runner: one implementation of the Jupyter wire.
// The Jupyter messaging wire protocol (v5.3): framing and HMAC-SHA256 signing.
// A message on the wire is [routing ids…, "<IDS|MSG>", signature, header, parent_header,
// metadata, content, buffers…]; the signature is the hex HMAC of the four JSON frames in order.
// https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { userInfo } from 'node:os';

export const PROTOCOL_VERSION = '5.3';
const DELIMITER = Buffer.from('<IDS|MSG>');

export type JsonObject = { [key: string]: unknown };

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message<C = JsonObject> {
  header: MessageHeader;
  /** Empty object when the message has no parent. */
  parent_header: Partial<MessageHeader>;
  metadata: JsonObject;
  content: C;
}

/** Signs and parses messages of one client session with the connection file's key. */
export class WireCodec {
  readonly session = randomUUID();
  private readonly username = safeUsername();

  constructor(private readonly key: string) {}

  /** A new request message (no parent) of the given type. */
  request<C extends object>(msgType: string, content: C): Message<C> {
    return {
      header: {
        msg_id: randomUUID(),
        session: this.session,
        username: this.username,
        date: new Date().toISOString(),
        msg_type: msgType,
        version: PROTOCOL_VERSION,
      },
      parent_header: {},
      metadata: {},
      content,
    };
  }

  /**
   * A message answering or caused by `parent` (kernel side: replies, status, outputs): its
   * parent_header is the request's header, so clients route it to the request it belongs to.
   */
  reply<C extends object>(parent: Message<object>, msgType: string, content: C): Message<C> {
    const message = this.request(msgType, content);
    message.parent_header = parent.header;
    return message;
  }

  /**
   * Frames to send. A client's Dealer sends none of `routing` (its peer Router adds them); a
   * kernel's Router sends the requester's routing ids first, so the reply reaches that client.
   */
  serialize(message: Message<object>, routing: Buffer[] = []): Buffer[] {
    const parts = [message.header, message.parent_header, message.metadata, message.content].map((p) =>
      Buffer.from(JSON.stringify(p)),
    );
    return [...routing, DELIMITER, Buffer.from(this.sign(parts)), ...parts];
  }

  /**
   * Parses received frames (any routing prefix is skipped). Throws when the delimiter is missing
   * or the signature does not match: a message we cannot authenticate is never acted upon.
   */
  parse(frames: Buffer[]): Message {
    const at = frames.findIndex((f) => f.equals(DELIMITER));
    if (at < 0 || frames.length < at + 6) throw new Error('malformed Jupyter message: no <IDS|MSG> delimiter');
    const signature = frames[at + 1];
    const parts = frames.slice(at + 2, at + 6);
    const expected = Buffer.from(this.sign(parts));
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
      throw new Error('Jupyter message with an invalid HMAC signature');
    }
    const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString('utf8')) as unknown);
    return {
      header: header as MessageHeader,
      parent_header: parent as Partial<MessageHeader>,
      metadata: metadata as JsonObject,
      content: content as JsonObject,
    };
  }

  private sign(parts: Buffer[]): string {
    // An empty key means "unsigned" in the spec: the signature frame is empty.
    if (this.key === '') return '';
    const hmac = createHmac('sha256', this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest('hex');
  }
}

/** The ZeroMQ routing prefix of received frames (everything before `<IDS|MSG>`). */
export function routingIds(frames: Buffer[]): Buffer[] {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  return at < 0 ? [] : frames.slice(0, at);
}

function safeUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return 'reglab';
  }
}
