// stdout and stderr of the kernel process become iopub `stream` messages.
//
// Like ipykernel, output is attributed to the last execute request, also when a timer prints
// after its cell finished. The kernel's own diagnostics go to the real stderr (`kernelLog`),
// which Jupyter shows in its server log.
import { StringDecoder } from 'node:string_decoder';

export type StreamName = 'stdout' | 'stderr';
export type StreamWriter = (name: StreamName, text: string) => void;

const realStderrWrite = process.stderr.write.bind(process.stderr);

/** Writes a line to the kernel process's real stderr, not to a cell. */
export function kernelLog(message: string): void {
  realStderrWrite(`reglab kernel: ${message}\n`);
}

type WriteCallback = (error?: Error | null) => void;

/** Replaces process.stdout.write and process.stderr.write by writers to `sink`. */
export function captureOutput(sink: StreamWriter): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const decoder = new StringDecoder('utf8');
    const write = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      const done = (typeof encoding === 'function' ? encoding : callback) as WriteCallback | undefined;
      let text: string;
      if (typeof chunk === 'string') text = chunk;
      else if (chunk instanceof Uint8Array) text = decoder.write(Buffer.from(chunk));
      else text = String(chunk);
      if (text.length > 0) sink(name, text);
      if (done) process.nextTick(done);
      return true;
    };
    (process[name] as { write: unknown }).write = write;
  }
}
