// The reglab Jupyter kernel: `node dist/kernel/main.js <connection_file>`.
//
// tslab's compiler and executor run the cells; everything on the wire is reglab's (see
// CONTRIBUTING.md, "The kernel"). Cells resolve imports from the kernel's working directory,
// which Jupyter and nbclient set to the notebook's folder.
import { readFileSync } from 'node:fs';
import type { ConnectionInfo } from '../jupyter/connection';
import type { Message } from '../jupyter/wire';
import { AsyncErrors } from './async-errors';
import { handleCommInfo, handleCommOpen, ignore } from './comm';
import { Execution } from './execute';
import { History, type HistoryRequest } from './history';
import { handleComplete, handleInspect } from './introspection';
import { handleInterrupt, interruptOnSigint } from './interrupt';
import { isComplete } from './is-complete';
import { handleKernelInfo } from './kernel-info';
import { captureOutput, kernelLog } from './output';
import { KernelServer, type RequestContext } from './server';
import { createExecutor, setDisplayWriter } from './tslab';

/** Starts a kernel on the sockets of `connectionFile`; resolves once they are bound. */
export async function startKernel(connectionFile: string): Promise<KernelServer> {
  const info = readConnectionFile(connectionFile);
  const asyncErrors = new AsyncErrors();
  asyncErrors.install();
  const history = new History();
  let parent: Message | undefined;
  let server: KernelServer;
  const execution = new Execution((console) => createExecutor(process.cwd(), console), {
    asyncErrors,
    history,
    setOutputParent: (request) => (parent = request),
    writeStderr: (text) => void server.publish(parent, 'stream', { name: 'stderr', text }),
  });
  const executor = execution.executor;

  server = new KernelServer(info, {
    kernel_info_request: handleKernelInfo,
    execute_request: execution.handle,
    is_complete_request: async (c) => c.reply('is_complete_reply', isComplete(String(c.request.content.code))),
    complete_request: handleComplete(executor),
    inspect_request: handleInspect(executor),
    history_request: async (c) =>
      c.reply('history_reply', { status: 'ok', history: history.query(c.request.content as HistoryRequest) }),
    comm_info_request: handleCommInfo,
    comm_open: handleCommOpen,
    comm_msg: ignore,
    comm_close: ignore,
    interrupt_request: handleInterrupt(executor),
    shutdown_request: async (c: RequestContext) => {
      const restart = c.request.content.restart === true;
      await c.reply('shutdown_reply', { status: 'ok', restart });
      setImmediate(() => void shutdown(server, executor.close.bind(executor)));
    },
  });

  captureOutput((name, text) => void server.publish(parent, 'stream', { name, text }));
  setDisplayWriter((content, update) =>
    void server.publish(parent, update ? 'update_display_data' : 'display_data', {
      data: content.data,
      metadata: content.metadata ?? {},
      transient: content.transient ?? {},
    }),
  );
  interruptOnSigint(executor);
  await server.start();
  return server;
}

async function shutdown(server: KernelServer, closeExecutor: () => void): Promise<void> {
  // After the idle status of the shutdown request has been queued.
  await new Promise((resolve) => setImmediate(resolve));
  closeExecutor();
  await server.close();
  process.exit(0);
}

function readConnectionFile(path: string): ConnectionInfo {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the connection file ${JSON.stringify(path)}: ${(error as Error).message}`);
  }
  let info: ConnectionInfo;
  try {
    info = JSON.parse(text) as ConnectionInfo;
  } catch (error) {
    throw new Error(`the connection file ${JSON.stringify(path)} is not JSON: ${(error as Error).message}`);
  }
  if (info.signature_scheme && info.signature_scheme !== 'hmac-sha256') {
    throw new Error(`signature_scheme must be hmac-sha256; received ${JSON.stringify(info.signature_scheme)}`);
  }
  return info;
}

/** `node main.js <connection_file>` */
export function main(argv: string[] = process.argv.slice(2)): void {
  const [connectionFile] = argv;
  if (!connectionFile) {
    process.stderr.write('usage: node dist/kernel/main.js <connection_file>\n');
    process.exit(2);
  }
  startKernel(connectionFile).catch((error: Error) => {
    kernelLog(error.message);
    process.exit(1);
  });
}

if (require.main === module) main();
