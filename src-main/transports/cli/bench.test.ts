// `onestory bench consistory-plus` on the fixture models: results.json and the table, then a rerun that resumes.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureFixtureModels, ensureScoringFixtures, type FixturePaths } from '../../../scripts/fixtures/ensure.ts';
import type { ScoringFixturePaths } from '../../../scripts/fixtures/scoring-models.ts';
import type { BenchResults } from '../../benchmark/bench-results.ts';
import { readConsistoryPlus } from '../../benchmark/consistory-plus-file.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { captureIO as capture } from './capture-io.testing.ts';
import { runCli } from './main.ts';

const BENCHMARK = resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'benchmarks', 'consistory-plus.yaml');

describeWithShared('onestory bench consistory-plus', () => {
  let out: string;
  let args: string[];
  let scoring: ScoringFixturePaths;
  beforeAll(async () => {
    let models: FixturePaths;
    [models, scoring] = await Promise.all([ensureFixtureModels(), ensureScoringFixtures()]);
    out = mkdtempSync(join(tmpdir(), 'onestory-bench-'));
    args = ['bench', 'consistory-plus', '--model', models.sdxl, '--clip', scoring.clipSingle, '--dino', scoring.dinov2, '--steps', '2', '--seed', '3', '--provider', 'cpu', '--out', out];
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('reads all 192 sets of the file (identity = style + subject, settings as frames)', async () => {
    const sets = await readConsistoryPlus(BENCHMARK);
    expect(sets).toHaveLength(192);
    expect(sets[0]).toMatchObject({ id: 'animals-0', identityPrompt: 'A fiery and majestic illustration of A phoenix with bright orange feathers' });
    expect(sets.every((s) => s.framePrompts.length >= 5)).toBe(true);
  });

  it('--sets 3 writes results.json and the table; a rerun resumes without regenerating', async () => {
    const io = capture();
    expect(await runCli([...args, '--sets', '3'], io)).toBe(0);
    expect(io.stdout).toMatch(/Generated 3 set\(s\), skipped 0/);
    expect(io.stderr).toMatch(/3\/3 sets \(animals-2\), ETA 0 s/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(results.sets.map((s) => s.id)).toEqual(['animals-0', 'animals-1', 'animals-2']);
    for (const set of results.sets) {
      expect(set.frames).toBe(5);
      expect(Math.abs(set.clipT)).toBeLessThanOrEqual(1);
      expect(set.clipI).toBeGreaterThan(-1);
      expect(set.clipI).toBeLessThanOrEqual(1);
      expect(set.dino).not.toBeNull();
      expect(set.seconds).toBeGreaterThan(0);
    }
    expect(results.overall.sets).toBe(3);
    expect(results.overall.clipI).toBeCloseTo(results.sets.reduce((a, s) => a + s.clipI!, 0) / 3, 12);
    expect(results.peakMemoryBytes).toBeGreaterThan(10 * 2 ** 20);
    const table = readFileSync(join(out, 'table.md'), 'utf8');
    expect(table).toContain('| Vanilla SDXL (paper, Table 1) | 0.9074 | 0.8165 | 0.5292 | — | 13.09 |');
    expect(table).toContain('| 1Prompt1Story (paper, Table 1) | 0.8942 | 0.9117 | 0.1993 | — | 23.21 |');
    expect(table).toContain(`| Onestory 1Prompt1Story, 3 sets | ${results.overall.clipT!.toFixed(4)} | ${results.overall.clipI!.toFixed(4)} |`);

    const frame = join(out, 'sets', 'animals-1', 'frame-01.png');
    const written = statSync(frame).mtimeMs;
    const again = capture();
    expect(await runCli([...args, '--sets', '4'], again)).toBe(0);
    expect(again.stdout).toMatch(/Generated 1 set\(s\), skipped 3/);
    expect(statSync(frame).mtimeMs).toBe(written);
    const resumed = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(resumed.sets.slice(0, 3)).toEqual(results.sets);
    expect(resumed.sets[3].id).toBe('animals-3');
  });

  it('refuses to resume a run made with other settings', async () => {
    const io = capture();
    expect(await runCli([...args.filter((a) => a !== '--dino' && !a.endsWith('dinov2')), '--sets', '1'], io)).not.toBe(0);
    expect(io.stderr).toMatch(/holds a run with other settings/);
  });

  it('--background measures identity through the remover, and the table says so', async () => {
    const io = capture();
    const withRemover = join(out, 'background');
    const first = ['--ids', 'animals-0', '--out', withRemover];
    expect(await runCli([...args, ...first, '--background', scoring.segmentation], io)).toBe(0);
    const results = JSON.parse(readFileSync(join(withRemover, 'results.json'), 'utf8')) as BenchResults;
    const whole = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(results.config.background).toBe(scoring.segmentation);
    // same seed, same pictures: CLIP-T is of the whole pictures either way; CLIP-I is not
    expect(results.sets[0].clipT).toBeCloseTo(whole.sets[0].clipT, 6);
    expect(results.sets[0].clipI).not.toBeCloseTo(whole.sets[0].clipI!, 6);
    expect(readFileSync(join(withRemover, 'table.md'), 'utf8')).toContain(`backgrounds removed with ${scoring.segmentation}`);
    const wrong = capture();
    expect(await runCli([...args, '--ids', 'animals-0', '--out', join(out, 'wrong'), '--background', scoring.dinov2], wrong)).not.toBe(0);
    expect(wrong.stderr).toMatch(/--background .*: is a dinov2 model, not a background remover/);
  });
});
