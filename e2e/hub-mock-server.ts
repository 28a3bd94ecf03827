// The Hub mock of the download tests, in its own process for the e2e specs (Playwright's loader does not follow
// the `.ts` imports of src-main). Usage: node e2e/hub-mock-server.ts OWNER/NAME=DIR … [--stall OWNER/NAME:PATH:BYTES]
// --stall holds that file's first transfer after BYTES, so a test can pause it while it is under way.
import { parseArgs } from 'node:util';
import { MockHub } from '../src-main/service/downloads/hub-mock.testing.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { stall: { type: 'string' } } });
const hub = await MockHub.start(
  positionals.map((arg) => {
    const [id, dir] = arg.split('=');
    return { id, dir };
  }),
);
if (values.stall) {
  const [repo, path, bytes] = values.stall.split(':');
  hub.stallAfter(repo, path, Number(bytes));
}
process.once('SIGTERM', () => void hub.close().then(() => process.exit(0)));
console.log(`Mock Hub: ${hub.url}`);
