// One place that turns failures into JSON responses: `{ "error": "…" }` with the status of an
// HTTPException (auth, validation, size, rate), 500 for anything else (logged, never shown to the caller).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
  error: string;
}

/** An HTTP failure with a JSON body and optional headers (WWW-Authenticate, Retry-After). */
export function httpError(status: ContentfulStatusCode, message: string, headers: Record<string, string> = {}): HTTPException {
  const body: ErrorBody = { error: message };
  return new HTTPException(status, { message, res: Response.json(body, { status, headers }) });
}

export function onError(log: (line: string) => void) {
  return function jsonError(err: Error, c: Context): Response {
    if (err instanceof HTTPException) {
      return err.res ?? c.json({ error: err.message } satisfies ErrorBody, err.status);
    }
    log(`team server: ${err.stack ?? err.message}`);
    return c.json({ error: 'internal error' } satisfies ErrorBody, 500);
  };
}
