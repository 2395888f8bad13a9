// Clock times in the user's zone, for countdown targets: "14:00" today, "Mon 14:00" within a week, else
// the date. Formatters are built once per zone and kept: building one costs far more than using it.

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatIn(tz: string, kind: 'hm' | 'hms' | 'day' | 'weekday'): Intl.DateTimeFormat {
  const key = `${tz}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = { hm: time, hms: { ...time, second: '2-digit' }, day: {}, weekday: { weekday: 'short' } };
    f = new Intl.DateTimeFormat(kind === 'day' ? 'en-CA' : kind === 'weekday' ? 'en-US' : 'en-GB', { timeZone: tz, ...options[kind] });
    formatters.set(key, f);
  }
  return f;
}

export function clockTime(at: number, now: number, tz: string): string {
  const hhmm = formatIn(tz, 'hm').format(at);
  const day = formatIn(tz, 'day');
  if (day.format(at) === day.format(now)) return hhmm;
  if (Math.abs(at - now) < 7 * 86_400_000) return `${formatIn(tz, 'weekday').format(at)} ${hhmm}`;
  return day.format(at);
}
