// node scripts/peer/noise/compare-randn.ts TORCH.json
// TorchGenerator's 'float16' mode against PyTorch's own float16 draws (torch_randn.py cases), bit for bit.
import { toHalfBits } from '../../../src-main/engine/models/float16.ts';
import { TorchGenerator } from '../../../src-main/engine/noise/torch-generator.ts';
import { readTorchFile } from './torch-cases.ts';

const file = readTorchFile(process.argv[2]);
let values = 0;
let failed = 0;
for (const c of file.cases) {
  const g = new TorchGenerator(BigInt(c.seed));
  c.draws.forEach((shape, k) => {
    const ours = toHalfBits(g.randn(shape, 'float16'));
    const want = Uint16Array.from(c.bits[k]);
    values += want.length;
    const at = want.findIndex((bits, i) => bits !== ours[i]);
    if (at >= 0 || ours.length !== want.length) {
      failed++;
      console.log(`differs: seed ${c.seed}, draw ${k + 1} of ${JSON.stringify(c.draws)}, first at value ${at}`);
    }
  });
}
console.log(`torch ${file.torch} (${file.capability}): ${file.cases.length} cases, ${values} half values, ${failed} draws differ`);
process.exitCode = failed === 0 ? 0 : 1;
