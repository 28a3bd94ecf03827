// Staging lives under the data folder, one folder per process, and a start removes what dead processes left:
// tested with a real child process killed with SIGKILL in the middle of importing a large project file.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { ApiError } from '../../../src-shared/contract/index.ts';
import { openBackend } from '../../app/backend.ts';
import { exportStory } from '../../export/index.ts';
import { addTestStory } from '../../export/test-story.testing.ts';
import { openStore } from '../../store/index.ts';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { processStart, ProcessStaging } from './staging.ts';

const IMPORTER = join(import.meta.dirname, 'importer.child.ts');
const tempDir = useTempDir();

/** A genuine project file of one frame with `copies` variants of a 1024² noise PNG (about 3 MB each). */
async function largeProjectFile(copies: number): Promise<string> {
  const source = openStore(join(tempDir(), 'source', 'library.sqlite'));
  const file = join(tempDir(), 'large.onestory');
  try {
    const { project } = await addTestStory(source, { frames: [{ prompt: 'wakes up' }] });
    await exportStory(source, project.id, { format: 'project' }, file);
  } finally {
    source.close();
  }
  const noise = await sharp(randomBytes(1024 * 1024 * 3), { raw: { width: 1024, height: 1024, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const db = new Database(file);
  try {
    db.prepare('UPDATE renders SET png = ?, thumbnail = NULL, width = 1024, height = 1024').run(noise);
    const copy = db.prepare('INSERT INTO renders SELECT ?, frame_id, created_at + ?, width, height, params, plan_hash, png, thumbnail FROM renders LIMIT 1');
    db.transaction(() => {
      for (let n = 1; n < copies; n++) copy.run(randomUUID(), n);
    })();
  } finally {
    db.close();
  }
  return file;
}

it('removes the folders of processes that ended (or whose pid now belongs to another), and keeps live ones', () => {
  const root = join(tempDir(), 'staging');
  const parent = `${process.ppid}-${processStart(process.ppid)}`;
  const folders = ['4194305-123' /* above any pid Linux hands out */, `${process.ppid}-1` /* a reused pid */, parent, 'notes'];
  for (const name of folders) mkdirSync(join(root, name, 'import-x'), { recursive: true });
  const staging = new ProcessStaging(root);
  mkdirSync(staging.folder);
  staging.sweep();
  const kept = process.platform === 'linux' ? [parent, 'notes'] : [`${process.ppid}-1`, parent, 'notes'];
  expect(readdirSync(root).sort()).toEqual([...kept, staging.folder.slice(root.length + 1)].sort());
});

it('sweeps what a process killed in the middle of a large import left, at the next start', async () => {
  const file = await largeProjectFile(40);
  const dbPath = join(tempDir(), 'app', 'library.sqlite');
  openStore(dbPath).close();
  const staging = join(tempDir(), 'app', 'staging');

  const child = spawn(process.execPath, [IMPORTER, dbPath, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const copying = () => existsSync(staging) && readdirSync(staging).some((p) => readdirSync(join(staging, p)).some((name) => name.startsWith('import-')));
  await expect.poll(copying, { timeout: 20_000, interval: 2 }).toBe(true);
  child.kill('SIGKILL');
  expect(await exited, `the importer ended before it was killed: ${stderr}`).toBe('SIGKILL');

  const [left] = readdirSync(staging);
  expect(left).toMatch(new RegExp(`^${child.pid}-\\d+$`));
  expect(readdirSync(join(staging, left)).some((name) => name.startsWith('import-'))).toBe(true);

  const next = openBackend({ dbPath });
  try {
    expect(existsSync(join(staging, left))).toBe(false);
    expect(next.store.projects.list()).toEqual([]);
  } finally {
    await next.close();
  }
  expect(readdirSync(staging)).toEqual([]);
});

it('answers a bad project file with invalid_input (HTTP 400) and leaves the staging folder empty', async () => {
  const file = await largeProjectFile(1);
  const db = new Database(file);
  db.exec(`DROP TABLE settings; CREATE VIEW settings AS SELECT 'projectModel' AS key, '{}' AS value`);
  db.close();
  const backend = openBackend({ dbPath: join(tempDir(), 'app', 'library.sqlite') });
  try {
    const error = await backend.dispatch('exports.importProject', { path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid_input', message: `${file} is damaged: settings is a view, not a table` });
    expect(readdirSync(backend.staging.folder)).toEqual([]);
  } finally {
    await backend.close();
  }
});
