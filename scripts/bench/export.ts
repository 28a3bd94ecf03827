// Export of a 50-frame story (synthetic 512×512 renders with photo-like grain) to a PDF storyboard (6 per page,
// A4 landscape, prompts, title page) and to an animated GIF (512 wide, looping), each written to a file as the
// app does: snapshot read from SQLite, encoding, atomic write. Prints each time and their sum (goal: < 10 s).
// Usage: node scripts/bench/export.ts [--frames N]
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportStory, type ExportRequest } from '../../src-main/export/index.ts';
import { addTestStory, planWithToyTokenizer } from '../../src-main/export/test-story.testing.ts';
import { openStore } from '../../src-main/store/index.ts';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '50' } } });
const frameCount = Number(values.frames);
const dir = mkdtempSync(join(tmpdir(), 'onestory-bench-export-'));
const store = openStore(join(dir, 'library.sqlite'));
try {
  const { project } = await addTestStory(store, {
    name: 'Benchmark story',
    width: 512,
    height: 512,
    grain: true,
    frames: Array.from({ length: frameCount }, (_, j) => ({
      prompt: `explores the garden, corner ${j + 1}`,
      caption: `Frame ${j + 1} caption`,
      durationMs: 800 + (j % 5) * 100,
    })),
  });
  const run = async (label: string, request: ExportRequest, file: string): Promise<number> => {
    const started = performance.now();
    const result = await exportStory(store, project.id, request, join(dir, file), { planStory: planWithToyTokenizer });
    const ms = performance.now() - started;
    console.log(`${label.padEnd(5)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(result.bytes / 1024 / 1024).toFixed(1)} MB`);
    return ms;
  };
  console.log(`${frameCount} frames of 512×512, ${availableParallelism()} CPU cores`);
  const pdf = await run('PDF', { format: 'pdf', onProblems: 'fail', pdf: { titlePage: true } }, 'story.pdf');
  const gif = await run('GIF', { format: 'gif', onProblems: 'fail' }, 'story.gif');
  console.log(`sum   ${((pdf + gif) / 1000).toFixed(2).padStart(6)} s  (goal < 10 s)`);
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
