// Files in a model folder that are not what they claim: links to devices, FIFOs, loops of links, configs too large.
// Each is refused at once with a ModelFolderError naming it; none blocks or is read to its (endless) end.
import { spawnSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectModelFolder } from './inspect-model-folder.ts';
import { copyFolder, expectFolderError, makeTempRoot, writeFixture } from './test-folders.ts';

const { root, cleanup } = makeTempRoot('hostile-files-');
afterAll(cleanup);
let sd15: string;
let caseCount = 0;

beforeAll(async () => {
  sd15 = await writeFixture(join(root, 'base-sd15'), 'sd15');
});

/** A copy of the base with the file at `rel` replaced by what `make` puts at that path. */
function withReplaced(rel: string, make: (path: string) => void): { dir: string; path: string } {
  const dir = copyFolder(sd15, join(root, `case-${++caseCount}`));
  const path = join(dir, rel);
  rmSync(path);
  make(path);
  return { dir, path };
}

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);
const loop = (path: string) => symlinkSync(path, path);

describe.skipIf(process.platform === 'win32')('hostile files in a model folder', () => {
  it.each([
    ['unet/config.json', 'a link to /dev/zero', (p: string) => symlinkSync('/dev/zero', p), /device, not a regular file/],
    ['unet/config.json', 'a FIFO', mkfifo, /named pipe \(FIFO\), not a regular file/],
    ['model_index.json', 'a loop of links', loop, /loop of symbolic links/],
    ['scheduler/scheduler_config.json', 'larger than a config can be', (p: string) => writeFileSync(p, `{${' '.repeat(2 ** 20)}}`), /larger than 1\.0 MB/],
    ['unet/model.onnx', 'a FIFO', mkfifo, /named pipe \(FIFO\)/],
    ['text_encoder/model.onnx', 'a loop of links', loop, /loop of symbolic links/],
    ['tokenizer/vocab.json', 'a link to /dev/zero', (p: string) => symlinkSync('/dev/zero', p), /device, not a regular file/],
  ])('%s that is %s', async (rel, _, make, message) => {
    const { dir, path } = withReplaced(rel, make);
    const started = performance.now();
    await expectFolderError(inspectModelFolder(dir), path, message);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a model folder that is a loop of links', async () => {
    const dir = join(root, 'looped');
    loop(dir);
    await expectFolderError(inspectModelFolder(dir), dir, /loop of symbolic links/);
  });
});
