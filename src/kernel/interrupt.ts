// Interrupts: stop a cell that is awaiting, keep the kernel.
//
// The kernel spec says interrupt_mode "signal": Jupyter sends SIGINT. That stops a cell's
// synchronous code (tslab runs it with vm's breakOnSigint) and an awaiting cell (tslab races
// its top-level await against an interrupt promise). interrupt_request on the control channel
// (interrupt_mode "message", which some clients send anyway) does the latter only: a synchronous
// loop never yields to read it. Code running in a callback after an await is stopped by
// neither; the headless runner's per-cell timeout kills the kernel then.
import type { RequestContext } from './server';
import type { Executor } from './tslab';

export function handleInterrupt(executor: Executor) {
  return async (context: RequestContext): Promise<void> => {
    executor.interrupt();
    await context.reply('interrupt_reply', { status: 'ok' });
  };
}

export function interruptOnSigint(executor: Executor): void {
  process.on('SIGINT', () => executor.interrupt());
}
