// Where ccmeter keeps its files: everything under CCMETER_HOME when it is set, else the XDG data dir for the
// ledger and the XDG config dir for the config file.
import { homedir } from 'node:os';
import path from 'node:path';

export interface PathEnv {
  CCMETER_HOME?: string | undefined;
  XDG_DATA_HOME?: string | undefined;
  XDG_CONFIG_HOME?: string | undefined;
  XDG_STATE_HOME?: string | undefined;
  HOME?: string | undefined;
}

export interface CcmeterPaths {
  ledger: string;
  config: string;
  /** Small state files (caches, locks). */
  state: string;
}

export function ccmeterPaths(env: PathEnv): CcmeterPaths {
  if (env.CCMETER_HOME) {
    const home = path.resolve(env.CCMETER_HOME);
    return { ledger: path.join(home, 'ledger.db'), config: path.join(home, 'config.json'), state: path.join(home, 'state') };
  }
  const home = env.HOME || homedir();
  const data = env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  const config = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const state = env.XDG_STATE_HOME || path.join(home, '.local', 'state');
  return {
    ledger: path.join(data, 'ccmeter', 'ledger.db'),
    config: path.join(config, 'ccmeter', 'config.json'),
    state: path.join(state, 'ccmeter'),
  };
}
