// is_complete_request: may the front end run this code on Enter, or wait for more lines?
import { tslabIsComplete, typescript } from './tslab';

/** TS1160 "Unterminated template literal": a template, unlike a quoted string, may span lines. */
const UNTERMINATED_TEMPLATE = 1160;
/** tslab's rule: code ending in a blank line is meant to run now. */
const ENDS_WITH_BLANK_LINE = /(^|\n)\s*\n\s*$/;

export type IsCompleteReply =
  | { status: 'complete' }
  | { status: 'incomplete'; indent: string }
  | { status: 'invalid' };

/**
 * Parses the cell as TypeScript (as tslab compiles it: `.ts`, so `<number>x` is a cast):
 * `complete` when it parses; `incomplete` when the parser stops at the very end wanting more
 * (`for (;;) {`, `f(a,`, an open template literal; tslab's rule, with its indent for the next
 * line) unless the code ends with a blank line; otherwise `invalid` (`const = ;`).
 */
export function isComplete(code: string): IsCompleteReply {
  const ts = typescript();
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const errors = source.parseDiagnostics ?? [];
  if (errors.length === 0) return { status: 'complete' };
  const wantsMore = errors.some(
    (d) =>
      d.code === UNTERMINATED_TEMPLATE ||
      (d.start === code.length && d.length === 0 && typeof d.messageText === 'string' && d.messageText.endsWith(' expected.')),
  );
  if (wantsMore && !ENDS_WITH_BLANK_LINE.test(code)) {
    return { status: 'incomplete', indent: tslabIsComplete(code).indent ?? '' };
  }
  return { status: 'invalid' };
}
