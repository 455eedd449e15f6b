// A fresh Jupyter connection file per kernel: five free TCP ports on 127.0.0.1 and a random key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ConnectionInfo {
  transport: 'tcp';
  ip: string;
  key: string;
  signature_scheme: 'hmac-sha256';
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

export interface ConnectionFile {
  info: ConnectionInfo;
  path: string;
  /** Removes the file and its private temporary folder. */
  remove(): void;
}

export type Channel = 'shell' | 'iopub' | 'stdin' | 'control' | 'hb';

export function endpoint(info: ConnectionInfo, channel: Channel): string {
  return `${info.transport}://${info.ip}:${info[`${channel}_port`]}`;
}

/**
 * Ports this process handed out in the last minute, with when. The OS may give a port that was just
 * probed and released to the next probe, before the first kernel has bound it; two kernels started
 * at once by one runner must not receive the same port.
 */
const handedOut = new Map<number, number>();
const HANDED_OUT_MS = 60_000;

/**
 * Asks the OS for `count` distinct free ports not handed out by this process in the last minute
 * (all listeners stay open until every port is known).
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  const now = Date.now();
  for (const [port, at] of handedOut) if (now - at > HANDED_OUT_MS) handedOut.delete(port);
  try {
    const ports: number[] = [];
    while (ports.length < count) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, resolve);
      });
      const port = (server.address() as AddressInfo).port;
      if (!handedOut.has(port)) ports.push(port);
    }
    for (const port of ports) handedOut.set(port, now);
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Writes a connection file (mode 0600, in its own temp folder) for a kernel to bind. */
export async function createConnectionFile(): Promise<ConnectionFile> {
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  const info: ConnectionInfo = {
    transport: 'tcp',
    ip: '127.0.0.1',
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
  };
  const dir = mkdtempSync(join(tmpdir(), 'reglab-kernel-'));
  const path = join(dir, 'kernel.json');
  writeFileSync(path, JSON.stringify(info, null, 2), { mode: 0o600 });
  return { info, path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
