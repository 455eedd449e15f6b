// Jupyter wire protocol v5.3: frames and HMAC-SHA256 signatures, checked against the spec's
// definition (hex HMAC of header|parent_header|metadata|content, computed here independently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { WireCodec } from '../../src/jupyter/wire';

const KEY = 'a0436f6c-1916-498b-8eb9-e81ab9368e84';

test('a request has a v5.3 header and is framed as <IDS|MSG>, signature, four JSON parts', () => {
  const codec = new WireCodec(KEY);
  const message = codec.request('execute_request', { code: '1 + 1' });
  assert.equal(message.header.version, '5.3');
  assert.equal(message.header.msg_type, 'execute_request');
  assert.equal(message.header.session, codec.session);
  assert.match(message.header.msg_id, /^[0-9a-f-]{36}$/);
  assert.ok(!Number.isNaN(Date.parse(message.header.date)));

  const frames = codec.serialize(message);
  assert.equal(frames.length, 6);
  assert.equal(frames[0].toString(), '<IDS|MSG>');
  const hmac = createHmac('sha256', KEY);
  for (const part of frames.slice(2)) hmac.update(part);
  assert.equal(frames[1].toString(), hmac.digest('hex'));
  assert.deepEqual(JSON.parse(frames[5].toString()), { code: '1 + 1' });
  assert.deepEqual(JSON.parse(frames[3].toString()), {});
});

test('parse skips routing ids, checks the signature, and returns the four parts', () => {
  const codec = new WireCodec(KEY);
  const sent = codec.request('kernel_info_request', {});
  const frames = [Buffer.from('routing-id'), ...codec.serialize(sent)];
  const got = codec.parse(frames);
  assert.deepEqual(got.header, sent.header);
  assert.deepEqual(got.content, {});
});

test('a tampered message or a wrong key is rejected', () => {
  const codec = new WireCodec(KEY);
  const frames = codec.serialize(codec.request('execute_request', { code: 'a' }));
  const tampered = [...frames];
  tampered[5] = Buffer.from(JSON.stringify({ code: 'b' }));
  assert.throws(() => codec.parse(tampered), /invalid HMAC signature/);
  assert.throws(() => new WireCodec('other key').parse(frames), /invalid HMAC signature/);
  assert.throws(() => codec.parse(frames.slice(1)), /no <IDS\|MSG> delimiter/);
});

test('a kernel reply has the request header as parent and goes out behind the routing ids', async () => {
  const { routingIds } = await import('../../src/jupyter/wire');
  const client = new WireCodec(KEY);
  const kernel = new WireCodec(KEY);
  const request = client.request('kernel_info_request', {});
  const routing = [Buffer.from('peer-1'), Buffer.from('peer-2')];
  const received = [...routing, ...client.serialize(request)];
  assert.deepEqual(routingIds(received), routing);
  const reply = kernel.reply(client.parse(received), 'kernel_info_reply', { status: 'ok' });
  assert.deepEqual(reply.parent_header, request.header);
  assert.equal(reply.header.msg_type, 'kernel_info_reply');
  const frames = kernel.serialize(reply, routing);
  assert.deepEqual(frames.slice(0, 2), routing);
  assert.equal(frames[2].toString(), '<IDS|MSG>');
  assert.deepEqual(client.parse(frames).parent_header, request.header);
});

test('an empty key means unsigned messages: an empty signature frame', () => {
  const codec = new WireCodec('');
  const frames = codec.serialize(codec.request('status', {}));
  assert.equal(frames[1].length, 0);
  assert.equal(codec.parse(frames).header.msg_type, 'status');
});
