// Comms, for a kernel that has no comm targets (no widgets).
//
// The spec: comm_info_request is answered with the (empty) set of open comms; a comm_open for
// an unknown target "should immediately reply with a comm_close message to avoid an
// inconsistent state" — sent on iopub, so the front end drops its half of the comm. comm_msg
// and comm_close for comms that cannot exist are ignored.
import type { RequestContext } from './server';

export async function handleCommInfo(context: RequestContext): Promise<void> {
  await context.reply('comm_info_reply', { status: 'ok', comms: {} });
}

export async function handleCommOpen(context: RequestContext): Promise<void> {
  const { comm_id, target_name } = context.request.content as { comm_id?: unknown; target_name?: unknown };
  await context.publish('comm_close', {
    comm_id: typeof comm_id === 'string' ? comm_id : '',
    data: { error: `the reglab kernel has no comm target ${JSON.stringify(target_name)}` },
  });
}

export function ignore(): void {}
