// `onestory frames …` on a real library: each command through the contract, as the editor writes frames.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { runCli } from './main.ts';
import { captureIO as capture } from './capture-io.testing.ts';

interface FrameJson {
  id: string;
  position: number;
  prompt: string;
  caption: string;
  notes: string;
  durationMs: number;
  seedOverride: number | null;
  kept: boolean;
}

describe('onestory frames', () => {
  const dir = useTempDir();
  const cli = async (args: string[]) => {
    const io = capture();
    const code = await runCli(['--db', join(dir(), 'library.sqlite'), ...args], io);
    return { code, ...io };
  };
  const story = async () => {
    const shown = await cli(['projects', 'show', 'Kitten story', '--json']);
    return (JSON.parse(shown.stdout) as { frames: FrameJson[] }).frames;
  };

  it('adds frames at the end or at a number, and says what to run next', async () => {
    await cli(['projects', 'create', 'Kitten story']);
    const first = await cli(['frames', 'add', 'kitten story', '--prompt', 'in a garden']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('Added frame 1 to "Kitten story"\n1 frame to generate (not yet, or out of date): onestory generate --project "Kitten story" --stale\n');
    await cli(['frames', 'add', 'Kitten story', '--prompt', 'on a boat', '--caption', 'Boat', '--notes', 'wide shot', '--duration', '1.5']);
    const inserted = await cli(['frames', 'add', 'Kitten story', '--prompt', 'wakes up', '--at', '1', '--json']);
    expect(JSON.parse(inserted.stdout)).toMatchObject({ position: 0, prompt: 'wakes up' });

    expect((await story()).map((f) => [f.position, f.prompt, f.caption, f.notes, f.durationMs])).toEqual([
      [0, 'wakes up', '', '', 1000],
      [1, 'in a garden', '', '', 1000],
      [2, 'on a boat', 'Boat', 'wide shot', 1500],
    ]);
  });

  it('updates, moves and removes a frame named by number or id', async () => {
    await cli(['projects', 'create', 'Kitten story']);
    for (const prompt of ['wakes up', 'plays', 'sleeps']) await cli(['frames', 'add', 'Kitten story', '--prompt', prompt]);

    const updated = await cli(['frames', 'update', 'Kitten story', '2', '--prompt', 'plays with yarn', '--caption', 'Yarn', '--seed', '1832819952', '--duration', '2']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toContain('Updated frame 2 of "Kitten story"');
    let frames = await story();
    expect(frames[1]).toMatchObject({ prompt: 'plays with yarn', caption: 'Yarn', seedOverride: 1832819952, durationMs: 2000 });

    expect((await cli(['frames', 'update', 'Kitten story', frames[1].id, '--no-seed'])).code).toBe(0);
    expect((await story())[1].seedOverride).toBeNull();

    const moved = await cli(['frames', 'move', 'Kitten story', '3', '--to', '1']);
    expect(moved.stdout).toContain('Moved frame 3 to 1 in "Kitten story"');
    expect((await story()).map((f) => f.prompt)).toEqual(['sleeps', 'wakes up', 'plays with yarn']);

    const removed = await cli(['frames', 'remove', 'Kitten story', '2']);
    expect(removed.stdout).toContain('Removed frame 2 ("wakes up") from "Kitten story"');
    frames = await story();
    expect(frames.map((f) => [f.position, f.prompt])).toEqual([
      [0, 'sleeps'],
      [1, 'plays with yarn'],
    ]);
  });

  it('refuses what cannot be done, with exit 1 or 2 and a message', async () => {
    await cli(['projects', 'create', 'Kitten story']);
    await cli(['frames', 'add', 'Kitten story', '--prompt', 'wakes up']);

    const noFrame = await cli(['frames', 'update', 'Kitten story', '4', '--caption', 'x']);
    expect([noFrame.code, noFrame.stderr]).toEqual([1, 'onestory: "Kitten story" has 1 frame; there is no frame 4. See: onestory projects show "Kitten story"\n']);
    const notARef = await cli(['frames', 'remove', 'Kitten story', 'first']);
    expect([notARef.code, notARef.stderr]).toEqual([2, 'onestory: "first" is neither a frame number nor a frame id\n']);
    const nothing = await cli(['frames', 'update', 'Kitten story', '1']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
    const both = await cli(['frames', 'update', 'Kitten story', '1', '--keep', '--unkeep']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--keep' cannot be used with option '--unkeep'");
    // kept needs a picture to keep: the service says so
    const keep = await cli(['frames', 'update', 'Kitten story', '1', '--keep']);
    expect([keep.code, keep.stderr]).toEqual([2, 'onestory: Frame 1 has no picture to keep yet\n']);
    const far = await cli(['frames', 'move', 'Kitten story', '1', '--to', '3']);
    expect([far.code, far.stderr]).toEqual([2, 'onestory: --to 3: the story has 1 frame\n']);
    const noPrompt = await cli(['frames', 'add', 'Kitten story']);
    expect(noPrompt.code).toBe(2);
    expect(noPrompt.stderr).toContain("required option '--prompt <text>'");
    expect((await cli(['frames', 'add', 'Kitten story', '--prompt', 'x', '--duration', '0'])).code).toBe(2);
    expect((await story()).map((f) => f.prompt)).toEqual(['wakes up']);
  });
});
