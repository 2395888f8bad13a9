// Readers for what the dashboard sends: Prometheus exposition text, and server-sent event streams.

const SAMPLE = /^([a-z_:][a-z0-9_:]*)(?:\{((?:[a-z_][a-z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/i;

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const COMMENT = /^# (HELP|TYPE) ([a-z_:][a-z0-9_:]*) (.+)$/i;

/** Samples, TYPE lines, and the lines that are neither a well-formed comment nor a sample. */
export function parseMetrics(text: string): { samples: Sample[]; types: Map<string, string>; bad: string[] } {
  const lines = text.trimEnd().split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const others = lines.filter((l) => !l.startsWith('#'));
  const samples = others.flatMap((l) => {
    const m = SAMPLE.exec(l);
    const labels = Object.fromEntries([...(m?.[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/gi)].map((x) => [x[1]!, x[2]!]));
    return m ? [{ name: m[1]!, labels, value: Number(m[3]) }] : [];
  });
  const types = new Map(comments.map((l) => COMMENT.exec(l)).filter((m) => m?.[1] === 'TYPE').map((m) => [m![2]!, m![3]!]));
  const bad = [...comments.filter((l) => !COMMENT.test(l)), ...others.filter((l) => !SAMPLE.test(l))];
  return { samples, types, bad };
}

/** Reads the stream until `pattern` shows up; returns everything read. */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, seen = ''): Promise<string> {
  const { value } = await reader.read();
  const text = seen + new TextDecoder().decode(value);
  return pattern.test(text) ? text : readUntil(reader, pattern, text);
}

/** Resolves when the stream ends (whatever it still carries). */
export async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  while (!(await reader.read()).done);
}

export function updates(text: string): Record<string, unknown>[] {
  return [...text.matchAll(/^event: update\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}
