// `ccmeter doctor`: checks, each explained with a fix; exit code 1 when one fails.
import { doctor } from '../../../app/doctor.ts';
import { wrapPrefixed } from '../../render/format.ts';
import { stdoutPainter, terminalWidth, type CliIO } from '../io.ts';
import { appEnv, printJson } from '../shared.ts';
import type { Style } from '../../render/style.ts';

const MARK: Record<string, [string, Style]> = { ok: ['✓', 'green'], info: ['i', 'cyan'], warn: ['!', 'yellow'], fail: ['✗', 'red'] };

export async function doctorCommand(o: { json?: boolean; color?: boolean }, io: CliIO): Promise<number> {
  const e = io.env;
  const report = await doctor(
    {
      ...appEnv(io),
      ANTHROPIC_API_KEY: e['ANTHROPIC_API_KEY'],
      ANTHROPIC_AUTH_TOKEN: e['ANTHROPIC_AUTH_TOKEN'],
      CLAUDE_CODE_USE_BEDROCK: e['CLAUDE_CODE_USE_BEDROCK'],
      CLAUDE_CODE_USE_VERTEX: e['CLAUDE_CODE_USE_VERTEX'],
      CLAUDE_CODE_OAUTH_TOKEN: e['CLAUDE_CODE_OAUTH_TOKEN'],
      USER: e['USER'],
    },
    io.now(),
  );
  if (o.json) printJson(io, report);
  else {
    const p = stdoutPainter(io, o.color);
    const width = terminalWidth(io);
    for (const c of report.checks) {
      const [mark, style] = MARK[c.status]!;
      // wrapped to the terminal, continuation lines under the text; the title stays whole on the first line
      const lines = wrapPrefixed(`${c.title}: ${c.detail}`, width, `${mark} `, '  ');
      lines[0] = `${p.paint(style, mark)} ${p.paint('bold', c.title)}${lines[0]!.slice(mark.length + 1 + c.title.length)}`;
      io.stdout.write(lines.join('\n') + '\n');
      if (c.fix && c.status !== 'ok') io.stdout.write(wrapPrefixed(c.fix, width, '    → ', '      ').map((l) => p.paint('gray', l)).join('\n') + '\n');
    }
  }
  return report.ok ? 0 : 1;
}
