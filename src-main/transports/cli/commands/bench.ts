// `onestory bench consistory-plus`: generates ConsiStory+ story sets and scores them into results.json and table.md.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { runConsistoryPlus } from '../../../benchmark/run-consistory-plus.ts';
import { PROVIDER_CHOICES } from '../../../../src-shared/domain/index.ts';
import { CliExit, EXIT_INTERRUPTED } from '../exit-codes.ts';
import { integer } from '../option-values.ts';
import type { CliIO } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

/** ../shared beside the checkout, where the benchmark's prompt sets are kept. */
const DEFAULT_BENCHMARK = resolve(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'benchmarks', 'consistory-plus.yaml');

interface BenchCliOptions {
  model: string;
  clip: string;
  dino?: string;
  background?: string;
  sets?: number;
  ids?: string;
  seed: number;
  steps?: number;
  out: string;
  baseline?: boolean;
  benchmark: string;
  provider?: string;
}

export function registerBenchCommand(program: Command, io: CliIO): void {
  const bench = program.command('bench').description('benchmarks that measure consistency');
  bench
    .command('consistory-plus')
    .description('generate ConsiStory+ story sets and score them (CLIP-T, CLIP-I, DINOv2); resumes a run in the same --out')
    .requiredOption('--model <dir>', 'ONNX diffusion model folder')
    .requiredOption('--clip <dir>', 'CLIP scoring model folder (optimum single model.onnx or split text/vision graphs)')
    .option('--dino <dir>', 'DINOv2 scoring model folder')
    .option('--background <dir>', 'background remover folder (RMBG-1.4 …): identity scores on the subjects alone, as the paper measures CLIP-I')
    .option('--sets <n>', 'the first N sets (default: all 192)', integer(1, 10_000))
    .option('--ids <list>', 'these sets, comma-separated (animals-0,foods-3 …)')
    .option('--seed <n>', 'seed of every story', integer(0, Number.MAX_SAFE_INTEGER), 0)
    .option('--steps <n>', 'denoising steps (default: the model’s)', integer(1, 500))
    .option('--out <dir>', 'folder for results.json, table.md and the frames', 'bench-consistory-plus')
    .option('--baseline', 'method off: each frame alone from its full prompt, same seeds (vanilla SDXL)')
    .option('--benchmark <file>', 'the prompt sets', DEFAULT_BENCHMARK)
    .addOption(new Option('--provider <name>', 'execution provider for the diffusion model (default auto)').choices(PROVIDER_CHOICES))
    .action(async (opts: BenchCliOptions, command: Command) => {
      if (opts.sets !== undefined && opts.ids !== undefined) command.error('error: give --sets or --ids, not both');
      const controller = new AbortController();
      const cancel = () => controller.abort();
      process.once('SIGINT', cancel);
      const progress = progressBar(io);
      try {
        const run = await runConsistoryPlus({
          benchmarkFile: opts.benchmark,
          model: opts.model,
          clip: opts.clip,
          ...(opts.dino ? { dino: opts.dino } : {}),
          ...(opts.background ? { background: opts.background } : {}),
          ...(opts.sets !== undefined ? { sets: opts.sets } : {}),
          ...(opts.ids ? { ids: opts.ids.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
          seed: opts.seed,
          ...(opts.steps ? { steps: opts.steps } : {}),
          out: opts.out,
          baseline: opts.baseline ?? false,
          ...(opts.provider ? { provider: opts.provider } : {}),
          signal: controller.signal,
          onProgress: (p) => progress.update(p.done / p.total, `${p.done}/${p.total} sets (${p.setId})${p.etaSeconds === null ? '' : `, ETA ${formatEta(p.etaSeconds)}`}`),
        });
        progress.end();
        io.out(`Generated ${run.generated.length} set(s), skipped ${run.skipped.length} already done; wrote ${run.resultsPath} and ${run.tablePath}`);
      } catch (error) {
        progress.end();
        if (controller.signal.aborted) throw new CliExit(EXIT_INTERRUPTED, 'Cancelled; the sets finished so far are in results.json and a rerun resumes.', { cause: error });
        throw error;
      } finally {
        process.off('SIGINT', cancel);
      }
    });
}

function formatEta(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
