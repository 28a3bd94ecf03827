// `onestory generate --project` on a real library and the fixture model: through the job queue, as the app renders.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ensureFixtureModels, type FixturePaths } from '../../../scripts/fixtures/ensure.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { openStore } from '../../store/index.ts';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { runAndInterrupt } from './interrupt.testing.ts';
import { runCli } from './main.ts';
import { captureIO as capture } from './capture-io.testing.ts';

/** what the bar writes after its text, to clear what a longer line left */
const ERASE_LINE = '\x1b[K';
const bin = resolve(import.meta.dirname, '../../../bin/onestory.js');

interface FrameJson {
  id: string;
  currentRenderId: string | null;
  kept: boolean;
}

describeWithShared('onestory generate --project', () => {
  const dir = useTempDir();
  let fixtures: FixturePaths;
  beforeAll(async () => {
    fixtures = await ensureFixtureModels();
  });
  const db = () => join(dir(), 'library.sqlite');
  const cli = async (...args: string[]) => {
    const io = capture();
    const code = await runCli(['--db', db(), ...args], io);
    return { code, ...io };
  };
  const frames = async () => (JSON.parse((await cli('projects', 'show', 'Kitten story', '--json')).stdout) as { frames: FrameJson[] }).frames;
  /** A library with the fixture model as its default and a story of `prompts`. */
  const library = async (prompts: string[]) => {
    expect((await cli('models', 'import', fixtures.sd15, '--register')).code).toBe(0);
    await cli('projects', 'create', 'Kitten story', '--identity', 'a watercolor kitten');
    for (const prompt of prompts) await cli('frames', 'add', 'Kitten story', '--prompt', prompt);
  };

  it('renders the frames asked for, then only those not generated or out of date, with a summary line', async () => {
    await library(['wakes up', 'plays', 'sleeps']);

    const some = await cli('generate', '--project', 'kitten story', '--frames', '1,3');
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toMatch(/^Generated 2 frames of "Kitten story" in \d+\.\d s on cpu\n$/);
    expect(some.stderr).toMatch(/^\d+% Frames 1, 3: step 1\/\d+/m); // plain lines where stderr is not a terminal
    let story = await frames();
    expect(story.map((f) => f.currentRenderId !== null)).toEqual([true, false, true]);
    const [first, , third] = story.map((f) => f.currentRenderId);

    const stale = await cli('generate', '--project', 'Kitten story', '--stale');
    expect(stale.stdout).toMatch(/^Generated 1 frame of "Kitten story" in /);
    story = await frames();
    expect(story.map((f) => f.currentRenderId)).toEqual([first, expect.any(String), third]);

    const none = await cli('generate', '--project', 'Kitten story', '--stale');
    expect([none.code, none.stdout]).toEqual([0, 'Nothing to generate: every frame of "Kitten story" is generated and up to date (or kept).\n']);

    // One edited prompt stales its whole window; a kept frame stays as it is.
    await cli('frames', 'update', 'Kitten story', '1', '--keep');
    const edited = await cli('frames', 'update', 'Kitten story', '2', '--prompt', 'plays with yarn');
    expect(edited.stdout).toContain('2 frames to generate (not yet, or out of date): onestory generate --project "Kitten story" --stale');
    expect((await cli('generate', '--project', 'Kitten story', '--stale')).stdout).toMatch(/^Generated 2 frames of /);
    story = await frames();
    expect(story[0]).toMatchObject({ currentRenderId: first, kept: true });
    expect(story[2].currentRenderId).not.toBe(third);
  });

  it('export, refused for frames not ready, names the commands that make them ready', async () => {
    await library(['wakes up', 'plays']);
    await cli('generate', '--project', 'Kitten story', '--frames', '1');
    const out = join(dir(), 'story.pdf');
    const refused = await cli('export', '--project', 'Kitten story', '--format', 'pdf', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      [
        'onestory: 1 frame is not ready to export:',
        '  frame 2: not generated yet',
        'Generate them: onestory generate --project "Kitten story" --stale',
        'or add --placeholders to export them as marked placeholders.',
        '',
      ].join('\n'),
    );
    await cli('generate', '--project', 'Kitten story', '--stale');
    await cli('frames', 'update', 'Kitten story', '1', '--prompt', 'wakes up late');
    const stale = await cli('export', '--project', 'Kitten story', '--format', 'pdf', '--out', out);
    expect(stale.stderr).toContain('  frame 1: out of date (');
    expect(stale.stderr).toContain('or keep one as it is: onestory frames update "Kitten story" 1 --keep\n');

    expect((await cli('generate', '--project', 'Kitten story', '--stale')).code).toBe(0);
    const exported = await cli('export', '--project', 'Kitten story', '--format', 'pdf', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('refuses, with exit 2, frames the story does not have, options of a model folder, and an empty story', async () => {
    await library(['wakes up']);
    const far = await cli('generate', '--project', 'Kitten story', '--frames', '1-3');
    expect([far.code, far.stderr]).toEqual([2, 'onestory: --frames: the story has 1 frame; there is no frame 2, 3\n']);
    const badList = await cli('generate', '--project', 'Kitten story', '--frames', '0,2');
    expect(badList.code).toBe(2);
    expect(badList.stderr).toContain('expected frame numbers from 1, like 1,3-5');
    const folderOption = await cli('generate', '--project', 'Kitten story', '--steps', '3');
    expect(folderOption.code).toBe(2);
    expect(folderOption.stderr).toContain('--steps applies to generate --model only; a library story renders with its own settings');
    await cli('projects', 'create', 'Empty');
    const empty = await cli('generate', '--project', 'Empty');
    expect([empty.code, empty.stderr]).toEqual([2, 'onestory: "Empty" has no frames; add some: onestory frames add "Empty" --prompt "…"\n']);
    expect((await frames())[0].currentRenderId).toBeNull();
  });

  // util-linux `script` runs the command on a pseudo-terminal, as a user's shell does
  it.runIf(process.platform === 'linux' && existsSync('/usr/bin/script'))('draws a progress bar in place on a terminal', async () => {
    await library(['wakes up']);
    const command = [process.execPath, bin, '--db', db(), 'generate', '--project', "'Kitten story'"].join(' ');
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(new RegExp(String.raw`^\r\[#*-+\] +\d+% Frame 1: step 1/\d+\x1b\[K\r`));
    expect(run.stdout).toContain(`\r[##############################] 100% done${ERASE_LINE}\r\nGenerated 1 frame of "Kitten story" in `);
  });

  it('Ctrl-C cancels the job (nothing is left for the app to resume), keeps what was stored, and exits 130 with one line', async () => {
    await library(['wakes up', 'plays', 'sleeps', 'dreams', 'eats', 'runs']);
    await cli('generate', '--project', 'Kitten story', '--frames', '2');
    const before = await frames();

    const run = await runAndInterrupt(['--db', db(), 'generate', '--project', 'Kitten story'], /: step \d+\//);
    expect(run.interrupted).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/\nonestory: Cancelled; no frame was stored\.\n$/);
    expect(run.stdout).toBe('');

    expect((await frames()).map((f) => f.currentRenderId)).toEqual(before.map((f) => f.currentRenderId));
    // Nothing is left queued or running for the app to carry over as interrupted.
    const store = openStore(db());
    try {
      expect(store.jobs.listActiveIds()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
