// Child process of crash.test.ts: applies the calls it reads on stdin (one JSON line each) and
// acknowledges each on stdout only after it returned, i.e. after its transaction committed.
import { createInterface } from 'node:readline';
import { openBackend } from '../app/backend.ts';

const backend = openBackend({ dbPath: process.argv[2] });
const reply = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ ready: true });

for await (const line of createInterface({ input: process.stdin })) {
  const { method, input } = JSON.parse(line) as { method: string; input: unknown };
  try {
    const result = (await backend.dispatch(method, input)) as { id: string };
    // The parent must learn the ids of copied frames to address them later.
    const copy = method === 'projects.duplicate' ? await backend.dispatch('projects.get', { id: result.id }) : undefined;
    reply({ ok: true, result, frames: (copy as { frames?: unknown } | undefined)?.frames });
  } catch (err) {
    reply({ ok: false, error: String(err) });
  }
}
