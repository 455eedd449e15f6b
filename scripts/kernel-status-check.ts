// Classic Jupyter Notebook in Debian's headless Chromium shows the reglab kernel busy while a
// 5-second cell runs and idle after it (tslab 1.0.22 showed idle during running cells).
//
//   npx tsx scripts/kernel-status-check.ts [--seconds 5]
//
// The kernel spec goes into a temporary Jupyter data directory; the notebook is written in
// build/kernel-status/ (inside this checkout, so the spec's launcher finds node_modules/reglab).
// The kernel indicator (#kernel_indicator_icon) is sampled every 100 ms. Fails unless it reads
// busy from the cell's start until `seconds` − 0.3 s and idle within 2 s after the cell ends,
// with the cell's output and execution count shown. Exit 0 on success, 1 otherwise.
import { Command } from 'commander';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { install } from '../src/kernel/spec';
import { freePort, stopServer, waitForServer } from './site/notebook-server';

const root = resolve(__dirname, '..');
const CHROMIUM = process.env.REGLAB_CHROMIUM || '/usr/bin/chromium';

interface Sample { t: number; state: string }

async function main(): Promise<number> {
  const { seconds } = new Command().option('--seconds <s>', 'how long the cell runs', '5').parse().opts<{ seconds: string }>();
  const cellMs = Number(seconds) * 1000;
  const jupyter = mkdtempSync(join(tmpdir(), 'reglab-status-'));
  const folder = join(root, 'build', 'kernel-status');
  mkdirSync(folder, { recursive: true });
  install({ dataDir: join(jupyter, 'data') });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'reglab', display_name: 'TypeScript (reglab)', language: 'typescript' } },
    cells: [{ id: 'wait', cell_type: 'code', metadata: {}, outputs: [], execution_count: null,
      source: `await new Promise((r) => setTimeout(r, ${cellMs}));\n"slept ${seconds} s"` }],
  };
  writeFileSync(join(folder, 'status.ipynb'), JSON.stringify(notebook));
  const env = { ...process.env, JUPYTER_DATA_DIR: join(jupyter, 'data'), JUPYTER_PATH: join(jupyter, 'data'),
    JUPYTER_RUNTIME_DIR: join(jupyter, 'runtime'), JUPYTER_CONFIG_DIR: join(jupyter, 'config') };
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const server = spawn('/usr/bin/jupyter-notebook', ['--no-browser', '--ip=127.0.0.1', `--port=${port}`,
    `--NotebookApp.token=${token}`, `--notebook-dir=${folder}`, ...(process.getuid?.() === 0 ? ['--allow-root'] : [])],
  { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-4000); });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const problems: string[] = [];
  try {
    await waitForServer(`http://127.0.0.1:${port}/api/status?token=${token}`, server);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/notebooks/status.ipynb?token=${token}`, { waitUntil: 'load' });
    const state = () => page.evaluate(() => {
      const icon = document.querySelector('#kernel_indicator_icon');
      return icon?.classList.contains('kernel_busy_icon') ? 'busy' : icon?.classList.contains('kernel_idle_icon') ? 'idle' : 'other';
    });
    await page.waitForFunction(() => document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null, undefined, { timeout: 60_000 });
    const started = Date.now();
    await page.evaluate(() => (window as unknown as { IPython: { notebook: { execute_cell_range(a: number, b: number): void } } })
      .IPython.notebook.execute_cell_range(0, 1));
    const samples: Sample[] = [];
    for (;;) {
      const s = { t: Date.now() - started, state: await state() };
      samples.push(s);
      if ((s.state === 'idle' && s.t > cellMs) || s.t > cellMs + 15_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const early = samples.filter((s) => s.t >= 300 && s.t <= cellMs - 300);
    const notBusy = early.filter((s) => s.state !== 'busy');
    const idleAt = samples.find((s) => s.t > cellMs && s.state === 'idle')?.t;
    const output = await page.evaluate(() => document.querySelector('.output_area .output_text')?.textContent ?? '');
    const prompt = await page.evaluate(() => document.querySelector('.input_prompt')?.textContent ?? '');
    console.log(`kernel indicator: busy in ${early.length - notBusy.length}/${early.length} samples from 0.3 s to ` +
      `${(cellMs - 300) / 1000} s; idle at ${idleAt === undefined ? 'never' : `${(idleAt / 1000).toFixed(2)} s`}; ` +
      `output ${JSON.stringify(output.trim())}; prompt ${JSON.stringify(prompt.replace(/\s+/g, ' ').trim())}`);
    if (early.length === 0 || notBusy.length > 0) problems.push(`not busy at ${notBusy.map((s) => `${s.t} ms (${s.state})`).join(', ')}`);
    if (idleAt === undefined || idleAt > cellMs + 2000) problems.push('not idle within 2 s after the cell ended');
    if (!output.includes(`slept ${seconds} s`)) problems.push(`the cell's result is missing: ${JSON.stringify(output)}`);
    if (!/\[1\]/.test(prompt)) problems.push(`the prompt shows no execution count 1: ${JSON.stringify(prompt)}`);
    mkdirSync(join(root, 'build', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(root, 'build', 'screenshots', 'kernel-status.png') });
  } catch (e) {
    problems.push(`${(e as Error).message}\n${log}`);
  } finally {
    await browser.close();
    await stopServer(server);
    rmSync(jupyter, { recursive: true, force: true });
  }
  for (const p of problems) console.error(`  kernel status: ${p}`);
  console.log(`kernel status check: ${problems.length === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
  return problems.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(`kernel-status-check: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
