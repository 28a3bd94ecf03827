// The client against engine processes that misbehave: real child processes (a stand-in script),
// so what is tested is the validation and supervision a real broken engine would meet.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-shared/domain/index.ts';
import type { StoryRequest } from '../pipeline/story-types.ts';
import type { EngineChannel } from './engine-channel.ts';
import { EngineClient } from './engine-client.ts';
import { EngineCrashedError, EngineError, EngineProtocolError } from './engine-errors.ts';
import { nodeEngineSpawner } from './node-spawn.ts';

const FAKE_ENTRY = fileURLToPath(new URL('./misbehaving-engine.testing.ts', import.meta.url));

const REQUEST: StoryRequest = {
  modelDir: '/nowhere',
  identityPrompt: 'a cat',
  framePrompts: ['sleeps'],
  negativePrompt: '',
  settings: DEFAULT_SETTINGS,
};

function fakeEngineClient(env: Record<string, string>): EngineClient {
  return new EngineClient(nodeEngineSpawner({ entry: FAKE_ENTRY, env: { ...process.env, ...env } }));
}

async function withClient<T>(client: EngineClient, body: (client: EngineClient) => Promise<T>): Promise<T> {
  try {
    return await body(client);
  } finally {
    await client.dispose();
  }
}

const GARBAGE: Record<string, unknown> = {
  'not an object': 'garbage',
  'an unknown message type': { type: 'explode', id: '$ID' },
  'a done message whose result has the wrong shape': { type: 'done', id: '$ID', result: { frames: 'none' } },
  'a frame whose PNG is text, not bytes': {
    type: 'frame',
    id: '$ID',
    frame: { frameIndex: 0, seed: 1, png: 'iVBORw0KGgo=', width: 64, height: 64, promptIndex: 0, storyPrompt: 'x', partIndex: 0 },
  },
  'progress beyond 100 %': { type: 'progress', id: '$ID', progress: { frames: [0], step: 0, totalSteps: 2, evaluation: 0, totalEvaluations: 2, fraction: 1.5 } },
  'an error with an unknown code': { type: 'error', id: '$ID', code: 'oops', message: 'x' },
};

describe('EngineClient against a misbehaving engine process', () => {
  for (const [what, reply] of Object.entries(GARBAGE)) {
    it(`rejects ${what} with an EngineProtocolError`, async () => {
      const client = fakeEngineClient({ FAKE_ENGINE: 'reply', FAKE_REPLY: JSON.stringify(reply) });
      await withClient(client, async () => {
        const error = await client.generate(REQUEST).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EngineProtocolError);
        expect((error as EngineError).code).toBe('internal');
        expect((error as Error).message).toMatch(/invalid message/);
      });
    });
  }

  it('rejects an answer of the wrong kind (an inspect answer to a generate call)', async () => {
    const info = {
      dir: '/m', id: 'm', family: 'sd1', defaults: { width: 512, height: 512, steps: 50, guidance: 7.5 }, schedulerConfig: {},
      vaeScalingFactor: 0.18215, latentsMean: null, latentsStd: null, forceZerosForEmptyPrompt: false,
      encoderWidths: [768], contextDim: 768, usesAddedConditions: false, contextTokens: null, ipcaUnavailableReason: null,
    };
    const client = fakeEngineClient({ FAKE_ENGINE: 'reply', FAKE_REPLY: JSON.stringify({ type: 'inspected', id: '$ID', info }) });
    await withClient(client, async () => {
      await expect(client.generate(REQUEST)).rejects.toBeInstanceOf(EngineProtocolError);
      // The same well-formed answer is accepted where it belongs.
      await expect(client.inspect('/m')).resolves.toEqual(info);
      await expect(client.describeDevice()).rejects.toBeInstanceOf(EngineProtocolError);
    });
  });

  it('answers describeDevice with the adapter the engine sent, and refuses that answer to an inspect call', async () => {
    const webGpu = { adapter: null, reason: 'no WebGPU adapter was found (no GPU driver with Vulkan, Metal or Direct3D 12)' };
    const client = fakeEngineClient({ FAKE_ENGINE: 'reply', FAKE_REPLY: JSON.stringify({ type: 'device', id: '$ID', webGpu }) });
    await withClient(client, async () => {
      await expect(client.describeDevice()).resolves.toEqual(webGpu);
      await expect(client.inspect('/m')).rejects.toThrow(/a device answer to inspect call/);
    });
  });

  it('stops an engine that broke the protocol and starts a fresh one for the next call', async () => {
    const spawn = nodeEngineSpawner({ entry: FAKE_ENTRY, env: { ...process.env, FAKE_ENGINE: 'reply', FAKE_REPLY: '"garbage"' } });
    const spawned: EngineChannel[] = [];
    const client = new EngineClient(() => {
      const channel = spawn();
      spawned.push(channel);
      return channel;
    });
    await withClient(client, async () => {
      await expect(client.generate(REQUEST)).rejects.toBeInstanceOf(EngineProtocolError);
      await expect(client.inspect('/m')).rejects.toBeInstanceOf(EngineProtocolError);
      expect(spawned).toHaveLength(2);
      expect(spawned[0].pid).not.toBe(spawned[1].pid);
    });
  });

  it('passes an engine error through with its code and message', async () => {
    const reply = { type: 'error', id: '$ID', code: 'model', message: '/m/unet/model.onnx: missing. Re-export it' };
    const client = fakeEngineClient({ FAKE_ENGINE: 'reply', FAKE_REPLY: JSON.stringify(reply) });
    await withClient(client, async () => {
      const error = await client.inspect('/m').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'model', message: reply.message });
    });
  });

  it('reports an engine that cannot start with the last line it wrote to stderr', async () => {
    const client = fakeEngineClient({ FAKE_ENGINE: 'fail-start' });
    await withClient(client, async () => {
      const error = await client.generate(REQUEST).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineCrashedError);
      expect((error as EngineCrashedError).exit).toEqual({ code: 3, signal: null });
      expect((error as Error).message).toBe('The generation engine could not start (exit code 3): Error: Cannot find module onnxruntime-node (fake)');
    });
  });

  it('rejects calls in flight with cancelled when disposed, and refuses new ones', async () => {
    const client = fakeEngineClient({ FAKE_ENGINE: 'reply', FAKE_REPLY: '{"type":"log","level":"info","message":"busy"}' });
    const pending = expect(client.generate(REQUEST)).rejects.toMatchObject({ code: 'cancelled' });
    await client.dispose();
    await pending;
    await expect(client.inspect('/m')).rejects.toBeInstanceOf(EngineError);
  });

  it('rejects at once, without a round trip, when the signal is already aborted', async () => {
    const client = fakeEngineClient({ FAKE_ENGINE: 'fail-start' });
    await expect(client.generate(REQUEST, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
    expect(client.enginePid).toBeUndefined();
    await client.dispose();
  });
});
