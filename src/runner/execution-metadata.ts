// Per-notebook settings in the notebook's metadata, as nbmake reads them:
//   "metadata": { "execution": { "timeout": 600, "allow_errors": true } }
// `timeout` (seconds per cell; -1 = no limit, as in nbclient) overrides --timeout for that
// notebook; `allow_errors` lets every cell fail without failing the notebook (execution goes on).
import type { INotebookContent } from '@jupyterlab/nbformat';
import { NotebookFormatError } from './notebook';

export interface ExecutionSettings {
  /** Time limit per cell in ms (Infinity = none). */
  timeoutMs: number;
  allowErrors: boolean;
}

/** The notebook's settings over the CLI's defaults; a malformed value is a NotebookFormatError. */
export function executionSettings(nb: INotebookContent, label: string, defaults: ExecutionSettings): ExecutionSettings {
  const execution = (nb.metadata as { execution?: unknown }).execution;
  if (execution === undefined) return defaults;
  if (execution === null || typeof execution !== 'object' || Array.isArray(execution)) {
    throw new NotebookFormatError(`${label}: metadata.execution must be an object; received ${JSON.stringify(execution)}`);
  }
  const { timeout, allow_errors: allowErrors } = execution as { timeout?: unknown; allow_errors?: unknown };
  if (timeout !== undefined && timeout !== -1 && !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0)) {
    throw new NotebookFormatError(`${label}: metadata.execution.timeout must be a positive number of seconds or -1; `
      + `received ${JSON.stringify(timeout)}`);
  }
  if (allowErrors !== undefined && typeof allowErrors !== 'boolean') {
    throw new NotebookFormatError(`${label}: metadata.execution.allow_errors must be true or false; received ${JSON.stringify(allowErrors)}`);
  }
  return {
    timeoutMs: timeout === undefined ? defaults.timeoutMs : timeout === -1 ? Infinity : timeout * 1000,
    allowErrors: allowErrors ?? defaults.allowErrors,
  };
}
