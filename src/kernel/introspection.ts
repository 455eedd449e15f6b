// complete_request and inspect_request: tslab's TypeScript completions and quick info.
import type { RequestContext } from './server';
import { printQuickInfo, type Executor } from './tslab';

export function handleComplete(executor: Executor) {
  return async (context: RequestContext): Promise<void> => {
    const { code, cursor_pos } = context.request.content as { code: string; cursor_pos: number };
    const info = executor.complete(code, cursor_pos);
    await context.reply('complete_reply', {
      status: 'ok',
      matches: info.candidates,
      cursor_start: info.start,
      cursor_end: info.end,
      metadata: {},
    });
  };
}

export function handleInspect(executor: Executor) {
  return async (context: RequestContext): Promise<void> => {
    const { code, cursor_pos } = context.request.content as { code: string; cursor_pos: number };
    const info = executor.inspect(code, cursor_pos);
    const data = info ? { 'text/plain': printQuickInfo(info) } : {};
    await context.reply('inspect_reply', { status: 'ok', found: Boolean(info), data, metadata: {} });
  };
}
