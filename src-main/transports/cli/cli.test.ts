import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './main.ts';
import { captureIO as capture } from './capture-io.testing.ts';

const bin = resolve(import.meta.dirname, '../../../bin/onestory.js');

describe('onestory CLI', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onestory-cli-'));
    db = join(dir, 'library.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, lists and shows projects through the service', async () => {
    const created = capture();
    expect(await runCli(['--db', db, 'projects', 'create', 'Kitten story', '--identity', 'a watercolor kitten', '--json'], created)).toBe(0);
    const project = JSON.parse(created.stdout) as { id: string; name: string; settings: { seed: number } };
    expect(project.name).toBe('Kitten story');
    expect(project.settings.seed).toBe(42);

    const listed = capture();
    expect(await runCli(['--db', db, 'projects', 'list'], listed)).toBe(0);
    expect(listed.stdout).toContain(project.id);
    expect(listed.stdout).toContain('Kitten story');

    const shownByName = capture();
    expect(await runCli(['--db', db, 'projects', 'show', 'kitten STORY'], shownByName)).toBe(0);
    expect(shownByName.stdout).toContain('Identity:  a watercolor kitten');
    expect(shownByName.stdout).toContain('Frames:    0');
  });

  it('says there are no projects yet on an empty library', async () => {
    const io = capture();
    expect(await runCli(['--db', db, 'projects', 'list'], io)).toBe(0);
    expect(io.stdout).toContain('No projects yet');
  });

  it('fails with exit 1 and a message for an unknown project', async () => {
    const io = capture();
    expect(await runCli(['--db', db, 'projects', 'show', 'nope'], io)).toBe(1);
    expect(io.stderr).toContain('No project named "nope"');
  });

  it('fails with exit 2 for bad usage and invalid input', async () => {
    const missingArg = capture();
    expect(await runCli(['--db', db, 'projects', 'create'], missingArg)).toBe(2);
    expect(missingArg.stderr).toContain("missing required argument 'name'");

    const blankName = capture();
    expect(await runCli(['--db', db, 'projects', 'create', '   '], blankName)).toBe(2);
    expect(blankName.stderr).toMatch(/name: must not be empty/);

    const unknown = capture();
    expect(await runCli(['--db', db, 'frobnicate'], unknown)).toBe(2);
  });

  it('prints the version of package.json with --version and -V', async () => {
    const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      const io = capture();
      expect(await runCli([flag], io)).toBe(0);
      expect(io.stdout.trim()).toBe(version);
    }
  });

  it('runs as a real command with exit codes a shell expects', () => {
    const env = { ...process.env, ONESTORY_DB: db };
    const create = spawnSync(process.execPath, [bin, 'projects', 'create', 'From the shell'], { env, encoding: 'utf8' });
    expect(create.status).toBe(0);
    expect(create.stdout).toMatch(/Created project "From the shell"/);

    const list = spawnSync(process.execPath, [bin, 'projects', 'list', '--json'], { env, encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(1);

    const missing = spawnSync(process.execPath, [bin, 'projects', 'show', 'absent'], { env, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('onestory: No project named "absent"');
  });
});
