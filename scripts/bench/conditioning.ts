// Prints how long preparing one frame's conditioning takes at SDXL size: a 5-frame story in one prompt (a
// ConsiStory+ set, tokenized with CLIP's vocabulary from ../shared), encoder outputs of 77×768 and 77×1280,
// guidance on. Per frame: SVR of both encoder outputs and the IPCA context. Once per story (reported apart):
// each prompt's SVR basis. Frames are prepared in turn, as a story is; frame 1 never starts from a kept
// suppression prefix, so its median is the cost of a frame prepared from scratch. Encoder outputs are
// synthetic, CLIP-like (rows share one strong direction).
import { DEFAULT_REWEIGHT, type IpcaMode, type ReweightMode } from '../../src-shared/domain/index.ts';
import { StoryConditioning, createEmbedding, planStory, type Embedding } from '../../src-main/engine/conditioning/index.ts';
import { loadClipTokenizerFromBpeGz } from '../../src-main/engine/tokenizer/index.ts';
import { sharedPath } from '../../test-support/shared.ts';
import { Random } from '../fixtures/random.ts';

const tokenizer = await loadClipTokenizerFromBpeGz(sharedPath('clip', 'bpe_simple_vocab_16e6.txt.gz'));
const plan = planStory({
  identity: 'A fiery and majestic illustration of A phoenix with bright orange feathers',
  frames: ['rising from a fiery ashes', 'soaring through a glowing sky', 'perching on a mountain peak', 'singing a haunting melody', 'igniting flames with its wings'],
  tokenizer,
  tokenizerId: 'clip-bpe-16e6',
});
const prompt = plan.prompts[0];

const random = new Random(7);
function clipLike(dim: number): Embedding {
  const common = random.normals(dim, 3);
  const e = createEmbedding(77, dim);
  for (let t = 0; t < 77; t++) for (let x = 0; x < dim; x++) e.data[t * dim + x] = common[x] + random.normal();
  return e;
}
const dims = [768, 1280];
const encodings = { prompts: [dims.map(clipLike)], identity: dims.map(clipLike), uncond: dims.map((dim) => createEmbedding(77, dim)) };

console.log(
  `story: ${plan.frames.length} frames in one prompt, ${prompt.eot.start - 1} content tokens, ` +
    `SVR sets of ${prompt.frameSpans.map((s) => s.end - s.start).join('/')} frame + ${prompt.eot.end - prompt.eot.start} EOT rows; encoders ${dims.join(' + ')}`,
);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function measure(reweight: ReweightMode, ipca: IpcaMode): void {
  const settings = { reweight: { ...DEFAULT_REWEIGHT, mode: reweight }, ipca };
  const setupStart = performance.now();
  const story = new StoryConditioning(plan, encodings);
  story.prepareFrame(0, settings);
  const setup = performance.now() - setupStart;
  const frames = plan.frames.length;
  for (let i = 0; i < 200; i++) story.prepareFrame(i % frames, settings); // let V8 optimise first
  const times: number[] = [];
  const byFrame: number[][] = Array.from({ length: frames }, () => []);
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    story.prepareFrame(i % frames, settings);
    const elapsed = performance.now() - start;
    times.push(elapsed);
    byFrame[i % frames].push(elapsed);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): string => times[Math.floor(q * (times.length - 1))].toFixed(2);
  console.log(
    `${`${reweight} + ipca ${ipca}`.padEnd(24)} per frame: median ${at(0.5)} ms, p90 ${at(0.9)} ms; ` +
      `medians by frame ${byFrame.map((t) => median(t).toFixed(2)).join('/')} ms   (story setup + first frame ${setup.toFixed(1)} ms)`,
  );
}

for (const reweight of ['svr', 'svr-eot', 'naive', 'off'] as const) measure(reweight, 'paper');
measure('svr', 'reference');
measure('svr', 'off');
