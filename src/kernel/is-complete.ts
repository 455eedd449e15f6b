// is_complete_request: may the front end run this code on Enter, or wait for more lines?
import { tslabIsComplete, typescript } from './tslab';

export type IsCompleteReply =
  | { status: 'complete' }
  | { status: 'incomplete'; indent: string }
  | { status: 'invalid' };

/**
 * `incomplete` when the parser stops at the end of the code wanting more (an open `{`, `(`,
 * template or statement: tslab's rule, with its indent for the next line); otherwise `invalid`
 * when the code has any syntax error (`const = ;`) and `complete` when it parses.
 */
export function isComplete(code: string): IsCompleteReply {
  const tslab = tslabIsComplete(code);
  if (!tslab.completed) return { status: 'incomplete', indent: tslab.indent ?? '' };
  const ts = typescript();
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const syntaxErrors = source.parseDiagnostics ?? [];
  return syntaxErrors.length > 0 ? { status: 'invalid' } : { status: 'complete' };
}
