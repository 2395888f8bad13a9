// Small guards for reading untyped JSON from the usage endpoint and the credential blob.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number, else null (strings, NaN, missing: unknown). */
export function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A non-empty string, else null. */
export function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
