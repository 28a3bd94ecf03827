// Hand-made project files (real SQLite files, real PNGs through sharp): each is refused with a message that
// names what is wrong and the frame it is in, quickly, recording nothing and leaving no staged copy behind.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { exportStory } from '../export-story.ts';
import { pngBomb } from '../png-bomb.testing.ts';
import { RENDER_PNG_MAX_BYTES } from '../png-check.ts';
import { addTestStory, syntheticPng } from '../test-story.testing.ts';
import { checkRenders } from './check-renders.ts';
import { openProjectFile } from './format.ts';
import { importProjectFile } from './import-project-file.ts';

describe('hostile project files', () => {
  const dir = useTempDir();
  let library: Store;
  let staging: string;
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await pngBomb(16000);
  });
  beforeEach(() => {
    library = openStore(join(dir(), 'library.sqlite'));
    staging = join(dir(), 'staging');
    mkdirSync(staging);
  });
  afterEach(() => library.close());

  /** A genuine 96 × 64 project file of two frames (the first with two variants), changed by `tamper`. */
  async function tampered(tamper: (db: Database.Database) => void): Promise<string> {
    const source = openStore(join(dir(), 'source', 'library.sqlite'));
    const file = join(dir(), `story-${Math.random().toString(36).slice(2)}.onestory`);
    try {
      const { project } = await addTestStory(source, { width: 96, height: 64, frames: [{ prompt: 'wakes up', variants: 2 }, { prompt: 'sleeps' }] });
      await exportStory(source, project.id, { format: 'project' }, file);
    } finally {
      source.close();
    }
    const db = new Database(file);
    try {
      tamper(db);
    } finally {
      db.close();
    }
    return file;
  }

  /** The second frame's render, the one a tamper changes. */
  const SLEEPS = "(SELECT r.id FROM renders r JOIN frames f ON f.id = r.frame_id WHERE f.prompt = 'sleeps')";

  async function refused(file: string, message: string): Promise<void> {
    const before = library.projects.list();
    await expect(importProjectFile(library, file, staging)).rejects.toMatchObject({ code: 'invalid_project_file', message: `${file} is damaged: ${message}` });
    expect(library.projects.list()).toEqual(before);
    expect(readdirSync(staging)).toEqual([]);
  }

  it('refuses a 16000² PNG bomb from its header in under a second, without decoding it', async () => {
    const file = await tampered((db) => db.prepare(`UPDATE renders SET png = ? WHERE id = ${SLEEPS}`).run(bomb));
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    await refused(file, 'frame 2 ("sleeps"): its image is 16000 × 16000, larger than 4096 pixels a side');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a thumbnail bomb, an image of another size than its render, and one that is not PNG', async () => {
    await refused(
      await tampered((db) => db.prepare(`UPDATE renders SET thumbnail = ? WHERE id = ${SLEEPS}`).run(bomb)),
      'frame 2 ("sleeps"): its thumbnail is 16000 × 16000, larger than 4096 pixels a side',
    );
    const small = await syntheticPng(1, 20, 20);
    await refused(
      await tampered((db) => db.prepare(`UPDATE renders SET png = ? WHERE id = ${SLEEPS}`).run(small)),
      'frame 2 ("sleeps"): its image is 20 × 20, but the render says 96 × 64',
    );
    await refused(
      await tampered((db) => db.exec(`UPDATE renders SET png = X'FFD8FFE000104A46494600' WHERE id = ${SLEEPS}`)),
      'frame 2 ("sleeps"): its image is not a picture Onestory can read',
    );
  });

  it('refuses a render larger than any real one before reading it', async () => {
    const file = await tampered((db) => db.exec(`UPDATE renders SET png = zeroblob(${RENDER_PNG_MAX_BYTES + 1}) WHERE id = ${SLEEPS}`));
    await refused(file, `frame 2 ("sleeps"): an image of ${RENDER_PNG_MAX_BYTES + 1} bytes, more than the ${RENDER_PNG_MAX_BYTES} a render can be`);
  });

  it('refuses a file whose images together pass the cap, naming where it was reached', async () => {
    const file = await tampered(() => {});
    const opened = await openProjectFile(file, staging);
    try {
      const projectId = opened.db.prepare<[], string>('SELECT id FROM projects').pluck().get()!;
      const total = opened.db.prepare<[], number>('SELECT sum(length(png) + length(thumbnail)) FROM renders').pluck().get()!;
      await expect(checkRenders(opened.db, opened.repos, projectId, total - 1)).rejects.toThrow(
        `frame 2 ("sleeps"): its images and those before it come to more than the ${total - 1} bytes one import may bring`,
      );
      await expect(checkRenders(opened.db, opened.repos, projectId, total)).resolves.toBeUndefined();
    } finally {
      await opened.close();
    }
  });

  it('refuses render sizes out of range and bad params, naming the frame, the variant and the field', async () => {
    await refused(
      await tampered((db) => db.exec(`UPDATE renders SET width = 2000000000 WHERE id = ${SLEEPS}`)),
      'frame 2 ("sleeps"): width: Too big: expected number to be <=4096',
    );
    await refused(
      await tampered((db) => db.exec(`UPDATE renders SET params = json_set(params, '$.modelId', 7) WHERE rowid = (SELECT max(r.rowid) FROM renders r JOIN frames f ON f.id = r.frame_id WHERE f.prompt = 'wakes up')`)),
      'frame 1 ("wakes up"), variant 2 of 2: params.modelId: Invalid input: expected string, received number',
    );
  });

  it('refuses a settings view, an extra generated column, a trigger and tables newer than the version says', async () => {
    await refused(await tampered((db) => db.exec(`DROP TABLE settings; CREATE VIEW settings AS SELECT 'projectModel' AS key, '{}' AS value`)), 'settings is a view, not a table');
    await refused(
      await tampered((db) => db.exec('ALTER TABLE renders ADD COLUMN area INTEGER GENERATED ALWAYS AS (width * height) VIRTUAL')),
      'its renders table has a column area that project files do not have',
    );
    await refused(await tampered((db) => db.exec('CREATE TRIGGER t AFTER INSERT ON settings BEGIN SELECT 1; END')), 'it holds a trigger (t), which project files never do');
    await refused(await tampered((db) => db.pragma('user_version = 3')), 'its tables do not match its schema version (3): duplicate column name: kept');
  });
});
