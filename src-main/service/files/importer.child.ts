// Child process of staging.test.ts: opens the backend on a library (argv[2]) and imports a project file
// (argv[3]), to be killed with SIGKILL while the import is under way.
import { openBackend } from '../../app/backend.ts';

const backend = openBackend({ dbPath: process.argv[2] });
await backend.dispatch('exports.importProject', { path: process.argv[3] });
await backend.close();
