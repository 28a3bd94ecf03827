import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempRoot } from '../models/test-folders.ts';
import { FileRefusedError, readSmallFile } from './regular-file.ts';

const { root, cleanup } = makeTempRoot('regular-file-');
afterAll(cleanup);

describe('readSmallFile', () => {
  it('reads a file of exactly the cap and refuses one byte more', async () => {
    const path = join(root, 'file');
    writeFileSync(path, 'x'.repeat(10));
    expect((await readSmallFile(path, 10)).toString()).toBe('x'.repeat(10));
    await expect(readSmallFile(path, 9)).rejects.toThrow(FileRefusedError);
    await expect(readSmallFile(path, 9)).rejects.toThrow(/larger than 9 bytes/);
  });

  it('refuses a folder and passes file-system errors on', async () => {
    await expect(readSmallFile(root, 10)).rejects.toThrow(/a folder, not a regular file/);
    await expect(readSmallFile(join(root, 'absent'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
