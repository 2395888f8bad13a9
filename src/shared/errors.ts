// The few error kinds ccmeter knows. Layers throw them; the CLI's single handler prints them
// (message, then the hint) and picks the exit code. Anything else is a bug and keeps its stack.

/** A failure the user can act on: exit code 1, with a hint saying how. */
export class CcmeterError extends Error {
  override readonly name: string = 'CcmeterError';
  readonly hint: string | undefined;

  constructor(message: string, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.hint = hint;
  }
}

/** A wrong command line or config value: exit code 2. */
export class UsageError extends CcmeterError {
  override readonly name = 'UsageError';
}

/** The ledger file is not a usable database: reported with the way to rebuild it. */
export class LedgerCorruptError extends CcmeterError {
  override readonly name = 'LedgerCorruptError';
}
