// The package version, replaced at build time; the source reads package.json.
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
