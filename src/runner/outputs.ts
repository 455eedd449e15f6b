// Turns iopub messages into nbformat outputs for one code cell, the way Jupyter front ends do:
// consecutive stream text of one name is merged, `update_display_data` rewrites every earlier
// output with the same display_id (in any cell), `clear_output` clears now or (wait=true) at the
// next output. Stored output per cell (stream text and rich display data alike, counted as the
// bytes of its JSON) is capped so an output flood cannot exhaust memory or bloat the notebook.
import type { IDisplayData, IError, IExecuteResult, IMimeBundle, IOutput, IStream } from '@jupyterlab/nbformat';
import type { JsonObject, Message } from '../jupyter/wire';

type Rich = IDisplayData | IExecuteResult;

/** Outputs carrying a display_id, across the whole notebook, for update_display_data. */
export class DisplayRegistry {
  private readonly byId = new Map<string, Rich[]>();
  add(id: string, output: Rich): void {
    this.byId.set(id, [...(this.byId.get(id) ?? []), output]);
  }
  update(id: string, data: IMimeBundle, metadata: JsonObject): void {
    for (const output of this.byId.get(id) ?? []) {
      output.data = data;
      output.metadata = metadata as IDisplayData['metadata'];
    }
  }
}

export class CellOutputs {
  readonly outputs: IOutput[] = [];
  /** Output bytes dropped beyond the cap. */
  droppedBytes = 0;
  /** The first error output the kernel sent, if any. */
  error: IError | undefined;
  private keptBytes = 0;
  private clearOnNextOutput = false;

  constructor(
    private readonly displays: DisplayRegistry,
    private readonly capBytes: number,
  ) {}

  /** All text written to stderr by this cell (tslab reports errors there, not as error messages). */
  get stderr(): string {
    return this.outputs
      .filter((o): o is IStream => o.output_type === 'stream' && (o as IStream).name === 'stderr')
      .map((o) => o.text as string)
      .join('');
  }

  handle(message: Message): void {
    const c = message.content;
    switch (message.header.msg_type) {
      case 'stream':
        return this.stream(c.name === 'stderr' ? 'stderr' : 'stdout', String(c.text ?? ''));
      case 'display_data':
        return this.rich({ output_type: 'display_data', data: bundle(c.data), metadata: meta(c.metadata) }, c);
      case 'execute_result':
        return this.rich(
          {
            output_type: 'execute_result',
            execution_count: typeof c.execution_count === 'number' ? c.execution_count : null,
            data: bundle(c.data),
            metadata: meta(c.metadata),
          },
          c,
        );
      case 'update_display_data': {
        const id = displayId(c);
        if (id !== undefined && this.admit(jsonBytes(c.data) + jsonBytes(c.metadata))) {
          this.displays.update(id, bundle(c.data), meta(c.metadata));
        }
        return;
      }
      case 'error': {
        const error: IError = {
          output_type: 'error',
          ename: String(c.ename ?? 'Error'),
          evalue: String(c.evalue ?? ''),
          traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [],
        };
        this.error ??= error;
        if (this.admit(jsonBytes(error.traceback) + error.evalue.length)) this.push(error);
        return;
      }
      case 'clear_output':
        if (c.wait === true) this.clearOnNextOutput = true;
        else this.clear();
        return;
      default:
        return; // execute_input, comm messages …: nothing to store
    }
  }

  /** Notes that some of this cell's output was lost by the kernel. */
  noteIncomplete(): void {
    this.push({
      output_type: 'stream',
      name: 'stderr',
      text: '\n[reglab runner] output may be incomplete: the kernel lost iopub messages (tslab drops ' +
        'some when a cell prints in a tight loop; print less often).\n',
    });
  }

  /** Appends the truncation note, once the cell has finished. */
  finish(): void {
    if (this.droppedBytes > 0) {
      this.push({
        output_type: 'stream',
        name: 'stderr',
        text: `\n[reglab runner] output truncated: ${this.droppedBytes} more bytes of output beyond the ` +
          `${this.capBytes}-byte limit per cell were dropped.\n`,
      });
    }
  }

  private stream(name: 'stdout' | 'stderr', text: string): void {
    if (this.clearOnNextOutput) this.clear();
    const room = this.capBytes - this.keptBytes;
    const size = Buffer.byteLength(text);
    if (size > room) {
      const kept = Buffer.from(text).subarray(0, Math.max(0, room)).toString('utf8');
      this.droppedBytes += size - Buffer.byteLength(kept);
      text = kept;
      if (!text) return;
    }
    this.keptBytes += Buffer.byteLength(text);
    const last = this.outputs[this.outputs.length - 1] as IOutput | undefined;
    if (!this.clearOnNextOutput && last?.output_type === 'stream' && (last as IStream).name === name) {
      (last as IStream).text = (last as IStream).text + text;
      return;
    }
    this.push({ output_type: 'stream', name, text });
  }

  private rich(output: Rich, content: JsonObject): void {
    if (this.clearOnNextOutput) this.clear();
    if (!this.admit(jsonBytes(output.data) + jsonBytes(output.metadata))) return;
    const id = displayId(content);
    if (id !== undefined) this.displays.add(id, output);
    this.push(output);
  }

  private push(output: IOutput): void {
    if (this.clearOnNextOutput) this.clear();
    this.outputs.push(output);
  }

  /** Counts a whole output against the cap; false (and counted as dropped) when it does not fit. */
  private admit(bytes: number): boolean {
    if (this.keptBytes + bytes > this.capBytes) {
      this.droppedBytes += bytes;
      return false;
    }
    this.keptBytes += bytes;
    return true;
  }

  private clear(): void {
    this.outputs.length = 0;
    this.keptBytes = 0;
    this.clearOnNextOutput = false;
  }
}

function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}

function displayId(content: JsonObject): string | undefined {
  const transient = content.transient as { display_id?: unknown } | undefined;
  return typeof transient?.display_id === 'string' ? transient.display_id : undefined;
}

function bundle(data: unknown): IMimeBundle {
  return (data && typeof data === 'object' ? data : {}) as IMimeBundle;
}

function meta(metadata: unknown): IDisplayData['metadata'] {
  return (metadata && typeof metadata === 'object' ? metadata : {}) as IDisplayData['metadata'];
}
