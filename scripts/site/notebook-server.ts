// Helpers for the checks that drive Debian's classic Jupyter Notebook (browser-check --classic,
// kernel-status-check): a free port, waiting for the server, stopping it with its kernels.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Polls `url` until it answers 200, the server exits, or `timeoutMs` passes. */
export async function waitForServer(url: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`jupyter-notebook exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jupyter-notebook did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM (the server shuts its kernels down, then exits); SIGKILL the group if it lingers. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  server.kill('SIGTERM');
  const exited = await new Promise<boolean>((ok) => {
    const timer = setTimeout(() => ok(false), 10_000);
    server.once('exit', () => { clearTimeout(timer); ok(true); });
  });
  if (!exited) {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}
