import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { writeFileAtomically } from './atomic-write.ts';
import { exportStory } from './export-story.ts';
import { addTestStory, planWithToyTokenizer } from './test-story.testing.ts';

const isRoot = process.getuid?.() === 0;

/**
 * Makes the folder unwritable for the duration of fn: by permissions, or for root (whom permissions do not stop)
 * with the immutable attribute where the file system supports it. Returns false when neither is possible.
 */
async function withReadOnlyFolder(folder: string, fn: () => Promise<void>): Promise<boolean> {
  if (!isRoot) {
    chmodSync(folder, 0o555);
    try {
      await fn();
    } finally {
      chmodSync(folder, 0o755);
    }
    return true;
  }
  if (spawnSync('chattr', ['+i', folder]).status !== 0) return false;
  try {
    await fn();
  } finally {
    execFileSync('chattr', ['-i', folder]);
  }
  return true;
}

describe('atomic writes', () => {
  const dir = useTempDir();

  it('replaces the destination whole', async () => {
    const path = join(dir(), 'out.bin');
    writeFileSync(path, 'old');
    await writeFileAtomically(path, new TextEncoder().encode('new content'));
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(dir())).toEqual(['out.bin']);
  });

  it('leaves neither a partial file nor a changed destination when writing fails midway', async () => {
    const path = join(dir(), 'out.bin');
    writeFileSync(path, 'previous');
    const failing = async (temp: string) => {
      writeFileSync(temp, 'half of it');
      throw new Error('the encoder gave up');
    };
    await expect(writeFileAtomically(path, failing)).rejects.toThrow(`Could not write ${path}: the encoder gave up. Nothing was written.`);
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir())).toEqual(['out.bin']);
  });

  it('says the folder does not exist, or is not a folder', async () => {
    await expect(writeFileAtomically(join(dir(), 'nope', 'out.bin'), new Uint8Array(1))).rejects.toThrow(`the folder ${join(dir(), 'nope')} does not exist`);
    writeFileSync(join(dir(), 'file'), '');
    await expect(writeFileAtomically(join(dir(), 'file', 'out.bin'), new Uint8Array(1))).rejects.toThrow('is not a folder');
  });

  describe('an export into an unwritable folder or onto a full disk', () => {
    let store: Store;
    let projectId: string;
    beforeEach(async () => {
      store = openStore(join(dir(), 'library.sqlite'));
      projectId = (await addTestStory(store, { frames: [{ prompt: 'a' }, { prompt: 'b' }], width: 256, height: 256, grain: true })).project.id;
    });
    afterEach(() => store.close());

    it.each(['pdf', 'project'] as const)('%s: a read-only folder gives a clear error and leaves nothing', async (format) => {
      const folder = join(dir(), 'locked');
      mkdirSync(folder);
      const request = format === 'project' ? { format } : { format, onProblems: 'fail' as const };
      const ran = await withReadOnlyFolder(folder, async () => {
        await expect(exportStory(store, projectId, request, join(folder, 'story.out'), { planStory: planWithToyTokenizer })).rejects.toThrow(
          `the folder ${folder} is not writable. Nothing was written.`,
        );
      });
      if (!ran) return console.warn('[skipped] read-only folder test: running as root without chattr support');
      expect(readdirSync(folder)).toEqual([]);
    });

    it('a full disk gives a clear error and leaves nothing', async () => {
      const disk = join(dir(), 'tiny');
      mkdirSync(disk);
      // A 64 KiB RAM disk; mounting needs root (and a system that allows it), otherwise this is skipped.
      if (!isRoot || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]).status !== 0) {
        return console.warn('[skipped] full-disk test: cannot mount a small tmpfs here (needs root)');
      }
      try {
        for (const request of [{ format: 'pdf', onProblems: 'fail' }, { format: 'project' }] as const) {
          await expect(exportStory(store, projectId, request, join(disk, 'story.out'), { planStory: planWithToyTokenizer })).rejects.toThrow(
            'the disk is full. Nothing was written.',
          );
          expect(readdirSync(disk)).toEqual([]);
        }
      } finally {
        execFileSync('umount', [disk]);
      }
    });
  });
});
