// node scripts/peer/noise/cli-run.ts LATENTS.json OUT_DIR...
// Does `onestory generate --noise float16 --out OUT_DIR` equal the same run drawn from PyTorch's own float16
// noise? Each OUT_DIR's story is run again in-process with every float16 draw of the latent size replaced by
// torch's (torch_randn.py latents: the starting latents, then each step's noise), and its PNGs are compared
// with the CLI's byte for byte. Every frame uses the story's seed (no overrides), so each frame's generator
// is served the same torch sequence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHalfBits } from '../../../src-main/engine/models/float16.ts';
import { loadModel } from '../../../src-main/engine/models/index.ts';
import { TorchGenerator } from '../../../src-main/engine/noise/torch-generator.ts';
import { generateStory } from '../../../src-main/engine/pipeline/index.ts';
import { readTorchFile } from './torch-cases.ts';

const [latentsPath, ...outDirs] = process.argv.slice(2);
const file = readTorchFile(latentsPath);
const [{ seed, draws, bits }] = file.cases;
const size = draws[0].reduce((a, b) => a * b, 1);
const torchDraws = bits.map((b) => fromHalfBits(Uint16Array.from(b)));

const ownDraw = TorchGenerator.prototype.randn;
const drawsServed = new WeakMap<TorchGenerator, number>();
let served = 0;
TorchGenerator.prototype.randn = function (shape, mode = 'float32') {
  const own = ownDraw.call(this, shape, mode); // keeps the stream where it would be for any other draw
  if (mode !== 'float16' || own.length !== size) return own;
  const k = drawsServed.get(this) ?? 0;
  drawsServed.set(this, k + 1);
  served++;
  return Float32Array.from(torchDraws[k]);
};

let failed = 0;
for (const dir of outDirs) {
  const record = JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8'));
  if (String(record.settings.seed) !== seed || record.settings.noise !== 'float16') throw new Error(`${dir} is not a float16 run with seed ${seed}`);
  const model = await loadModel(record.model.dir, { provider: 'cpu' });
  try {
    served = 0;
    const result = await generateStory(model, {
      modelDir: record.model.dir,
      identityPrompt: record.identityPrompt,
      framePrompts: record.frames.map((f: { prompt: string }) => f.prompt),
      negativePrompt: record.negativePrompt,
      settings: record.settings,
      batchSize: record.batchSize ?? undefined,
    });
    const same = result.frames.map((f) => Buffer.compare(Buffer.from(f.png), readFileSync(join(dir, record.frames[f.frameIndex].file))) === 0);
    if (same.includes(false)) failed++;
    const { scheduler, width, height } = record.resolved;
    console.log(`${dir}: ${record.model.family} ${scheduler} ${width}×${height}, ${served} draws of ${size} from torch ${file.torch}; frames byte-identical to the CLI's: ${same.join(', ')}`);
  } finally {
    await model.release();
  }
}
process.exitCode = failed === 0 ? 0 : 1;
