// kernel_info_request: who this kernel is and which language it runs.
import { PROTOCOL_VERSION } from '../jupyter/wire';
import { version as VERSION } from '../version';
import type { RequestContext } from './server';
import { tslabVersion, typescript } from './tslab';

export function kernelInfo(): object {
  const ts = typescript().version;
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'reglab',
    implementation_version: VERSION,
    language_info: {
      name: 'typescript',
      version: ts,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      pygments_lexer: 'typescript',
      // What makes classic Notebook and JupyterLab highlight TypeScript (found by tslab, #18).
      codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true },
    },
    banner: `reglab kernel ${VERSION}: TypeScript ${ts} (tslab ${tslabVersion()}) on Node.js ${process.version}`,
    help_links: [{ text: 'reglab', url: 'https://www.npmjs.com/package/reglab' }],
    debugger: false,
  };
}

export async function handleKernelInfo(context: RequestContext): Promise<void> {
  await context.reply('kernel_info_reply', kernelInfo());
}
