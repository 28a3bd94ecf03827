// The execution provider: what onnxruntime-node offers here, the user's choice (kept in the library), and a real
// fallback to CPU reported to the user. Real engine process, real fixture model.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { PROVIDER_CHOICES, type Hardware } from '../../src-shared/domain/index.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { openTestBackend, rejection, type TestBackend } from './backend.testing.ts';

describeWithShared('hardware: the execution provider', () => {
  let t: TestBackend;
  let hardware: Hardware;

  beforeAll(async () => {
    t = await openTestBackend();
    hardware = await t.call('hardware.get', {});
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.events.length = 0;
  });

  async function runJob(prompt: string): Promise<void> {
    const model = (await t.call('models.list', {}))[0] ?? (await t.call('models.register', { path: t.fixtures.sd15 }));
    const project = await t.call('projects.create', { name: prompt, identityPrompt: 'a red fox', modelId: model.id });
    await t.call('frames.add', { projectId: project.id, prompt });
    const job = await t.call('jobs.generate', { projectId: project.id });
    expect((await t.finished(job.id)).status).toBe('done');
  }

  it('lists the providers onnxruntime-node offers here, with CPU always among them; auto is chosen and nothing has run', () => {
    expect(hardware.providers).toContainEqual({ name: 'cpu', label: 'CPU', bundled: true, installed: true });
    expect(new Set(hardware.providers.map((p) => p.name)).size).toBe(hardware.providers.length);
    expect(hardware).toMatchObject({ chosen: 'auto', inUse: null, fallbackReason: null });
  });

  it('keeps the choice, tells every client, and refuses a provider this build does not offer', async () => {
    const chosen = await t.call('hardware.set', { provider: 'cpu' });
    expect(chosen.chosen).toBe('cpu');
    expect(t.emitted('hardware.updated')).toEqual([chosen]);
    expect((await t.call('hardware.get', {})).chosen).toBe('cpu');

    const foreign = PROVIDER_CHOICES.find((p) => p !== 'auto' && !hardware.providers.some((o) => o.name === p));
    if (foreign) {
      const error = await rejection(t.call('hardware.set', { provider: foreign }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/is not offered by onnxruntime-node on this machine; it offers .*CPU/);
    }
    await runJob('on the CPU');
    expect(await t.call('hardware.get', {})).toMatchObject({ chosen: 'cpu', inUse: 'cpu', fallbackReason: null });
  });

  it('falls back to CPU when the chosen provider cannot start, and says why', async (ctx) => {
    // A provider this build offers but whose libraries are not installed (CUDA on Linux when its install script did not run).
    const unavailable = hardware.providers.find((p) => !p.installed);
    if (!unavailable) {
      console.warn('[skipped] provider fallback: every provider onnxruntime-node offers here is installed, so none is sure to fail');
      return ctx.skip();
    }
    await t.call('hardware.set', { provider: unavailable.name as (typeof PROVIDER_CHOICES)[number] });
    t.events.length = 0;
    await runJob('on a missing GPU');
    const after = await t.call('hardware.get', {});
    expect(after).toMatchObject({ chosen: unavailable.name, inUse: 'cpu' });
    expect(after.fallbackReason).toBe(
      `${unavailable.label} could not start on this machine, so Onestory runs on CPU. It needs its own libraries beside onnxruntime-node (see "GPU acceleration" in the README).`,
    );
    expect(t.emitted('hardware.updated').at(-1)).toEqual(after);

    // A new choice has not been tried yet: the old reason no longer applies.
    expect((await t.call('hardware.set', { provider: 'auto' })).fallbackReason).toBeNull();
  });
});
