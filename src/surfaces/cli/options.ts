// Options shared by the report commands, and their checks.
import { Option, type Command } from 'commander';
import { WEEKDAYS } from '../../config/defaults.ts';
import { UsageError } from '../../shared/errors.ts';

export interface CommonOptions {
  json?: boolean;
  csv?: boolean;
  since?: string;
  until?: string;
  tz?: string;
  breakdown?: boolean;
  compact?: boolean;
  color?: boolean;
  weekStart?: string;
}

export function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print JSON (the shape in DESIGN.md)')
    .option('--csv', 'print CSV')
    .option('--since <date>', 'from this local date (YYYY-MM-DD), inclusive')
    .option('--until <date>', 'to this local date (YYYY-MM-DD), inclusive')
    .option('--tz <zone>', 'group by days of this IANA time zone (default: the system zone)')
    .option('--breakdown', 'one line per model inside each row')
    .option('--compact', 'narrow table (automatic below 100 columns)')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)');
}

export function addWeekStart(cmd: Command): Command {
  return cmd.addOption(new Option('--week-start <day>', 'first day of the week').choices([...WEEKDAYS]));
}

/** YYYY-MM-DD or YYYYMMDD → YYYY-MM-DD; anything else is a usage error. */
export function parseDateFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || Number.isNaN(Date.parse(date + 'T00:00:00Z')) || new Date(date + 'T00:00:00Z').toISOString().slice(0, 10) !== date) {
    throw new UsageError(`${flag} ${value}: not a date`, `Use YYYY-MM-DD, for example ${flag} 2026-01-15.`);
  }
  return date;
}

export function checkRange(since: string | undefined, until: string | undefined): void {
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
}

export function checkFormat(o: CommonOptions): void {
  if (o.json && o.csv) throw new UsageError('--json and --csv cannot be used together');
}
