// Child process for the cross-process test: one fetchUsage call against a shared state folder; prints the status.
import { fetchUsage } from '../../src/sources/oauth/usage-client.ts';
import { okCredentials } from './helpers.ts';

const [baseUrl, stateDir] = process.argv.slice(2);
const token = process.env['CCMETER_TEST_TOKEN']!;
const r = await fetchUsage({ env: { CCMETER_ANTHROPIC_BASE_URL: baseUrl }, stateDir: stateDir!, credentials: okCredentials(token, Date.now() + 3_600_000) });
process.stdout.write(r.status);
