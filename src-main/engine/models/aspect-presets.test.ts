// The aspect presets against the fixture model folders: the family the folder is recognised as picks the sizes.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ASPECT_PRESET_IDS, presetSize } from '../../../src-shared/domain/aspect-presets.ts';
import { inspectModelFolder } from './inspect-model-folder.ts';
import { makeTempRoot, writeFixture } from './test-folders.ts';

const { root, cleanup } = makeTempRoot('aspect-presets-');
afterAll(cleanup);
const families: Record<string, string> = {};

beforeAll(async () => {
  families.sd15 = (await inspectModelFolder(await writeFixture(join(root, 'sd15'), 'sd15'))).family;
  families.sdxl = (await inspectModelFolder(await writeFixture(join(root, 'sdxl'), 'sdxl'))).family;
});

const sizes = (family: string) => Object.fromEntries(ASPECT_PRESET_IDS.map((id) => [id, Object.values(presetSize(id, family)).join('×')]));

it("maps the presets to SD 1.x's sizes for the SD 1.5 fixture", () => {
  expect(sizes(families.sd15)).toEqual({
    '1:1': '512×512',
    '4:3': '640×480',
    '3:2': '768×512',
    '16:9': '912×512',
    '1.85:1': '944×512',
    '2.39:1': '1024×432',
    '9:16': '512×912',
  });
});

it("maps the presets to SDXL's trained buckets for the SDXL fixture", () => {
  expect(sizes(families.sdxl)).toEqual({
    '1:1': '1024×1024',
    '4:3': '1152×896',
    '3:2': '1216×832',
    '16:9': '1344×768',
    '1.85:1': '1344×704',
    '2.39:1': '1536×640',
    '9:16': '768×1344',
  });
});
