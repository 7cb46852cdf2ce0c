// Merges variables into an existing .env text: assignments that exist are rewritten in place, new ones are appended
// under a header comment, and every other byte (comments, blank lines, order, line endings) is kept.
import { dotenvBackslashGuard, renderAssignment, renderPlaceholder } from './snippets/env-syntax';

export interface MergeVar {
  name: string;
  /** Absent for a secret that is not exported: added as an empty placeholder only if the file lacks it. */
  value?: string;
}

export interface MergeResult {
  text: string;
  replaced: string[];
  added: string[];
}

// dotenv@17's own assignment pattern (node_modules/dotenv/lib/main.js, `LINE`), plus the `d` flag for match indices:
// the merge must see exactly the assignments, and multi-line quoted values, that dotenv.parse sees.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
const SEPARATOR = /\s*=|:\s/y;
const GUARDS = ["'", '"', '`'].map(dotenvBackslashGuard);

/** dotenv parses with CR and CRLF turned into LF; map each index of that text back to the original. */
function normalize(text: string): { norm: string; toOrig: number[] } {
  let norm = '';
  const toOrig: number[] = [];
  for (let i = 0; i < text.length; i++) {
    toOrig.push(i);
    if (text[i] === '\r') {
      norm += '\n';
      if (text[i + 1] === '\n') i++;
    } else norm += text[i];
  }
  toOrig.push(text.length);
  return { norm, toOrig };
}

interface Assignment {
  name: string;
  /** [start, end) in the normalized text: from the name to the end of the value (inline comments stay). */
  start: number;
  end: number;
}

function findAssignments(norm: string): Assignment[] {
  return [...norm.matchAll(LINE)].map((m) => {
    // The `d` flag guarantees indices; groups 1 (the name) and, when m[2] is set, 2 (the value) matched.
    const indices = m.indices as RegExpIndicesArray;
    const [keyStart, keyEnd] = indices[1] as [number, number];
    let end: number;
    if (m[2] !== undefined) end = (indices[2] as [number, number])[0] + m[2].trimEnd().length;
    else {
      SEPARATOR.lastIndex = keyEnd;
      SEPARATOR.exec(norm);
      end = SEPARATOR.lastIndex;
    }
    // A backslash guard belongs to the value it protects (see env-syntax): replace it with the value.
    const guard = GUARDS.find((g) => norm.startsWith(g, end));
    return { name: m[1] as string, start: keyStart, end: end + (guard?.length ?? 0) };
  });
}

const lineFor = (v: MergeVar) =>
  v.value === undefined ? renderPlaceholder(v.name, 'dotenv') : renderAssignment(v.name, v.value, 'dotenv');

/**
 * Every assignment of a name is rewritten (dotenv keeps the last one, so leaving an older duplicate would be harmless
 * but misleading). `header` is the text of the comment line above appended variables, e.g. "Sinch Keys — prod".
 */
export function mergeDotenv(existingText: string, vars: readonly MergeVar[], header: string): MergeResult {
  const { norm, toOrig } = normalize(existingText);
  const assignments = findAssignments(norm);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const replaced: string[] = [];
  const appended: MergeVar[] = [];
  for (const v of vars) {
    const existing = assignments.filter((a) => a.name === v.name);
    if (existing.length === 0) appended.push(v);
    else if (v.value !== undefined) {
      const text = lineFor(v);
      for (const a of existing) edits.push({ start: toOrig[a.start] as number, end: toOrig[a.end] as number, text });
      replaced.push(v.name);
    }
  }
  let text = existingText;
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  if (appended.length) {
    const eol = existingText.includes('\r\n') ? '\r\n' : '\n';
    if (text !== '' && !text.endsWith('\n') && !text.endsWith('\r')) text += eol;
    if (text !== '' && !text.replace(/\r\n?/g, '\n').endsWith('\n\n')) text += eol;
    const lines = [`# ${header.replace(/[\r\n\u2028\u2029]+/g, ' ')}`, ...appended.map(lineFor)];
    text += lines.map((line) => line + eol).join('');
  }
  return { text, replaced, added: appended.map((v) => v.name) };
}
