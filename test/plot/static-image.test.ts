// Static PNGs rendered synchronously by headless Chromium (skipped when Chromium is absent).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as plot from '../../src/plot';
import { setDisplaySender, type DisplayContent } from '../../src/plot/display';
import { chromiumPath, renderStaticImage, shutdownRenderer, staticImagesAvailable } from '../../src/plot/static-image';
import { resetSession } from '../../src/plot/show';
import * as config from '../../src/config';

const hasChromium = chromiumPath() !== undefined;
after(() => shutdownRenderer());

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(base64: string): { width: number; height: number; signature: string } {
  const b = Buffer.from(base64, 'base64');
  return { signature: b.subarray(1, 4).toString('latin1'), width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Width and height of a WebP (RIFF container: extended VP8X, lossy VP8 or lossless VP8L). */
function webpSize(base64: string): { width: number; height: number; signature: string } {
  const b = Buffer.from(base64, 'base64');
  const signature = `${b.subarray(0, 4).toString('latin1')}/${b.subarray(8, 12).toString('latin1')}`;
  const chunk = b.subarray(12, 16).toString('latin1');
  if (chunk === 'VP8 ') return { signature, width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8X') return { signature, width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { signature, width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  throw new Error(`unexpected WebP chunk ${chunk}`);
}

test('REGLAB_STATIC_PLOTS and smoke mode (rl.config.smoke, set by REGLAB_SMOKE or setSmoke) switch static images', () => {
  const saved = { s: process.env.REGLAB_STATIC_PLOTS, m: config.smoke };
  try {
    process.env.REGLAB_STATIC_PLOTS = '0';
    assert.equal(staticImagesAvailable(), false);
    delete process.env.REGLAB_STATIC_PLOTS;
    config.setSmoke(true);
    assert.equal(staticImagesAvailable(), false, 'off by default in smoke runs');
    process.env.REGLAB_STATIC_PLOTS = '1';
    assert.equal(staticImagesAvailable(), hasChromium);
  } finally {
    if (saved.s === undefined) delete process.env.REGLAB_STATIC_PLOTS;
    else process.env.REGLAB_STATIC_PLOTS = saved.s;
    config.setSmoke(saved.m);
  }
});

test('show attaches a static image of the requested size when Chromium is available', { skip: !hasChromium && 'no Chromium' }, () => {
  const saved = process.env.REGLAB_STATIC_PLOTS;
  process.env.REGLAB_STATIC_PLOTS = 'png';
  const sent: DisplayContent[] = [];
  setDisplaySender((c) => sent.push(c));
  resetSession();
  try {
    const fig = plot.compareBars({ a: 1, b: 2 });
    const t0 = Date.now();
    plot.show(fig, { width: 640, height: 360 });
    const first = Date.now() - t0;
    const t1 = Date.now();
    plot.show(fig);
    const second = Date.now() - t1;
    console.log(`static image: first ${first} ms (browser start), next ${second} ms`);
    const png = sent[0].data['image/png'] as string;
    assert.deepEqual(pngSize(png), { signature: 'PNG', width: 640, height: 360 });
    assert.deepEqual(sent[0].metadata['image/png'], { width: 640, height: 360 });
    assert.deepEqual(pngSize(sent[1].data['image/png'] as string), { signature: 'PNG', width: 720, height: 420 });
    // The HTML fallback holds the same picture as WebP (a fraction of the PNG's bytes), not the PNG again.
    const webp = /<img alt="Figure: 1 trace \(bar\)[^"]*" width="640" height="360"[^>]*src="data:image\/webp;base64,([A-Za-z0-9+/=]+)"/
      .exec(String(sent[0].data['text/html']))?.[1];
    assert.ok(webp, 'a WebP <img> in the HTML');
    assert.deepEqual(webpSize(webp), { signature: 'RIFF/WEBP', width: 640, height: 360 });
    assert.ok(webp.length < png.length / 2, `WebP ${webp.length} vs PNG ${png.length} characters`);
    assert.ok(!String(sent[0].data['text/html']).includes(png), 'the PNG is not stored twice');
    const direct = renderStaticImage(fig, 100, 80);
    assert.deepEqual(direct && pngSize(direct.base64), { signature: 'PNG', width: 100, height: 80 });
    // REGLAB_STATIC_PLOTS=1: the WebP in the HTML only, no image/png part (half a notebook's weight).
    process.env.REGLAB_STATIC_PLOTS = '1';
    plot.show(fig);
    assert.equal(sent[2].data['image/png'], undefined);
    assert.match(String(sent[2].data['text/html']), /src="data:image\/webp;base64,/);
  } finally {
    setDisplaySender(undefined);
    if (saved === undefined) delete process.env.REGLAB_STATIC_PLOTS;
    else process.env.REGLAB_STATIC_PLOTS = saved;
  }
});
