// The dashboard's API, as the page calls it: same-origin requests carrying the token cookie.
import type { Overview } from '../../../app/overview.ts';
import type { LimitHistoryView } from '../../../app/limit-history.ts';
import type { PlanReport } from '../../../model/plan.ts';
import type { UsageReport } from '../../../model/report.ts';

export type { LimitHistoryView, Overview, PlanReport, UsageReport };

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function getJson<T>(route: string, params: Record<string, string | boolean | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== false) query.set(k, v === true ? '' : v);
  const qs = query.toString();
  const res = await fetch(`/api/${route}${qs ? '?' + qs : ''}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}
