// JSON output of the CLI's --json forms.

/**
 * `JSON.stringify(value, null, 2) + '\n'` as pieces to write one after another: the same bytes. V8 stores a
 * string as two bytes per character as a whole once one character is beyond Latin-1, so one "–" in a
 * report's warnings made its 2 MB of session rows twice the memory and several times slower to encode as
 * UTF-8 for the write (15 against 2 ms). Each top-level member is stringified on its own, so only the
 * members that hold such characters pay for them.
 */
export function jsonPieces(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return [JSON.stringify(value, null, 2) + '\n'];
  }
  const pieces: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    // `{\n  "key": …\n}` without its braces is the member as the whole object's text holds it; a member
    // JSON leaves out (undefined, a function) stringifies to `{}`
    const text = JSON.stringify({ [key]: member }, null, 2);
    if (text.length > 2) pieces.push(pieces.length ? ',\n' : '{\n', text.slice(2, -2));
  }
  pieces.push(pieces.length ? '\n}\n' : '{}\n');
  return pieces;
}
