// Usage credits ("extra usage") as the `extra_usage` window (facts/limits.md §2). `spend` when present:
// `{used: {amount_minor, currency, exponent}, limit, percent, enabled, …}`; else `extra_usage`: minor units
// (`monthly_limit: 2050` = 20.50) with `decimal_places` (default 2). `usedUSD`/`limitUSD` are in `currency`.
import type { LimitSnapshot } from '../../ledger/limits.ts';
import { finite, isObject, text, type JsonObject } from './values.ts';

interface Credits {
  used: number | null;
  limit: number | null;
  percent: number | null;
  currency: string | null;
  enabled: boolean | null;
}

export function decodeCredits(body: JsonObject, observedAt: number): LimitSnapshot | null {
  const spend = body['spend'];
  const extra = body['extra_usage'];
  const c = isObject(spend) ? fromSpend(spend) : isObject(extra) ? fromExtraUsage(extra) : null;
  if (c === null) return null;
  // A percent needs a limit: without one (spending uncapped) it is unknown, whatever the body says (the
  // 2026-07-18 body reports percent 0 with $408.43 spent and no limit). Else the given percent, else used/limit.
  const capped = c.limit !== null && c.limit > 0;
  const usedPercent = !capped ? null : (c.percent ?? (c.used !== null ? (c.used / c.limit!) * 100 : null));
  return {
    source: 'oauth',
    window: 'extra_usage',
    observedAt,
    usedPercent,
    resetsAt: null,
    detail: { label: 'Usage credits', usedUSD: c.used, limitUSD: c.limit, currency: c.currency, enabled: c.enabled },
  };
}

function fromSpend(s: JsonObject): Credits {
  const used = isObject(s['used']) ? s['used'] : null;
  const exponent = (used && finite(used['exponent'])) ?? 2;
  const limit = s['limit'];
  return {
    used: used && money(used),
    // A money object like `used`; a bare number is read as minor units in `used`'s exponent.
    limit: isObject(limit) ? money(limit) : minor(finite(limit), exponent),
    percent: finite(s['percent']),
    currency: (used && text(used['currency'])) ?? text(s['currency']) ?? (isObject(limit) ? text(limit['currency']) : null),
    enabled: bool(s['enabled']),
  };
}

function fromExtraUsage(e: JsonObject): Credits {
  const places = finite(e['decimal_places']) ?? 2;
  return {
    used: minor(finite(e['used_credits']), places),
    limit: minor(finite(e['monthly_limit']), places),
    percent: finite(e['utilization']),
    currency: text(e['currency']),
    enabled: bool(e['is_enabled']),
  };
}

/** `{amount_minor, exponent}` in major units. */
function money(m: JsonObject): number | null {
  return minor(finite(m['amount_minor']), finite(m['exponent']) ?? 2);
}

function minor(amount: number | null, exponent: number): number | null {
  return amount === null ? null : amount / 10 ** exponent;
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}
