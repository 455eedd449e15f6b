// Free ports for connection files: distinct within a call, and never handed out twice by one
// process within a minute (two kernels started at once must not get the same port).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freePorts } from '../../src/jupyter/connection';

test('250 ports over 50 calls, each released before the next call: all distinct', async () => {
  // Without the hand-out record, the OS reuses a just-released port often enough here: about one
  // repeat expected among 250 draws from the ~28,000 ephemeral ports (the birthday bound).
  const seen = new Set<number>();
  for (let call = 0; call < 50; call++) {
    const ports = await freePorts(5);
    assert.equal(new Set(ports).size, 5, `call ${call}: ${ports}`);
    for (const port of ports) {
      assert.ok(!seen.has(port), `port ${port} handed out twice (call ${call})`);
      seen.add(port);
    }
  }
});
