// is_complete_request: may the front end run this code on Enter, or wait for more lines?
import { tslabIsComplete, typescript } from './tslab';

const UNTERMINATED_TEMPLATE = 1160;

export type IsCompleteReply =
  | { status: 'complete' }
  | { status: 'incomplete'; indent: string }
  | { status: 'invalid' };

/**
 * `incomplete` when the parser stops at the end of the code wanting more (an open `{`, `(`,
 * template or statement: tslab's rule, with its indent for the next line); otherwise `invalid`
 * when the code has any syntax error (`const = ;`) and `complete` when it parses. An open
 * template literal (TS1160) is incomplete too: unlike a quoted string it may span lines.
 */
export function isComplete(code: string): IsCompleteReply {
  const tslab = tslabIsComplete(code);
  if (!tslab.completed) return { status: 'incomplete', indent: tslab.indent ?? '' };
  const ts = typescript();
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const syntaxErrors = source.parseDiagnostics ?? [];
  if (syntaxErrors.some((d) => d.code === UNTERMINATED_TEMPLATE)) return { status: 'incomplete', indent: '' };
  return syntaxErrors.length > 0 ? { status: 'invalid' } : { status: 'complete' };
}
