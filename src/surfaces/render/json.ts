// JSON output of the CLI's --json forms.

/** Elements per piece of a long array member. */
const CHUNK = 256;

/**
 * `JSON.stringify(value, null, 2) + '\n'` as pieces to write one after another: the same bytes. V8 stores a
 * string as two bytes per character as a whole once one character is beyond Latin-1, so one "–" in a
 * report's warnings made its 2 MB of session rows twice the memory and several times slower to encode as
 * UTF-8 for the write (15 against 2 ms). Each top-level member is stringified on its own, so only the
 * members that hold such characters pay for them; a long array member (a report's rows) goes in chunks of
 * CHUNK elements: no 2 MB string to build and copy (sessions into a pipe: 120 → 113 ms median; yielding
 * the pieces one by one, to overlap with the reader, was slower).
 */
export function jsonPieces(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return [JSON.stringify(value, null, 2) + '\n'];
  }
  const pieces: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    // `{\n  "key": …\n}` without its braces is the member as the whole object's text holds it; a member
    // JSON leaves out (undefined, a function) stringifies to `{}`
    if (Array.isArray(member) && member.length > CHUNK && typeof (member as { toJSON?: unknown }).toJSON !== 'function') {
      pieces.push(pieces.length ? ',\n' : '{\n', `  ${JSON.stringify(key)}: [\n`);
      for (let i = 0; i < member.length; i += CHUNK) {
        // elements inside `{ "key": [ … ] }` sit at the depth the whole text gives them
        const text = JSON.stringify({ [key]: member.slice(i, i + CHUNK) }, null, 2);
        pieces.push(i ? ',\n' : '', text.slice(text.indexOf('[\n') + 2, text.lastIndexOf('\n  ]')));
      }
      pieces.push('\n  ]');
      continue;
    }
    const text = JSON.stringify({ [key]: member }, null, 2);
    if (text.length > 2) pieces.push(pieces.length ? ',\n' : '{\n', text.slice(2, -2));
  }
  pieces.push(pieces.length ? '\n}\n' : '{}\n');
  return pieces;
}
