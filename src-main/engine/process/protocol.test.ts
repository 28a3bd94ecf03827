import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-shared/domain/index.ts';
import type { FrameImage } from '../pipeline/story-types.ts';
import { parseEngineRequest, parseEngineResponse } from './protocol.ts';

const FRAME: FrameImage = {
  frameIndex: 1,
  seed: 42,
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  width: 64,
  height: 64,
  promptIndex: 0,
  storyPrompt: 'a cat; sleeps; eats',
  partIndex: 1,
  windowFrames: [0, 1],
};

const REQUEST = { modelDir: '/models/sd15', identityPrompt: 'a cat', framePrompts: ['sleeps', 'eats'], negativePrompt: '', settings: DEFAULT_SETTINGS };

describe('engine protocol', () => {
  it('accepts every request the client sends', () => {
    for (const message of [
      { type: 'generate', id: '1', request: REQUEST },
      { type: 'generate', id: '2', request: { ...REQUEST, frames: [1], seedOverrides: [null, 7], batchSize: 2, settings: { ...DEFAULT_SETTINGS, noise: 'float16' } }, provider: 'cpu' },
      { type: 'cancel', id: '1' },
      { type: 'inspect', id: '3', modelDir: '/models/sd15' },
      { type: 'describeDevice', id: '4' },
      { type: 'shutdown' },
    ]) {
      expect(parseEngineRequest(message)).toEqual({ ok: true, message });
    }
  });

  it('refuses malformed requests, naming the field at fault', () => {
    const bad = parseEngineRequest({ type: 'generate', id: '1', request: { ...REQUEST, settings: { ...DEFAULT_SETTINGS, steps: 0 } } });
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('request.settings.steps') });
    expect(parseEngineRequest({ type: 'generate', id: '', request: REQUEST }).ok).toBe(false);
    expect(parseEngineRequest({ type: 'cancel', id: '1', extra: true }).ok).toBe(false);
    expect(parseEngineRequest(null).ok).toBe(false);
  });

  it('keeps PNG bytes binary through Node\'s advanced IPC serialization', () => {
    const sent = { type: 'frame', id: '1', frame: { ...FRAME, png: Buffer.from(FRAME.png) } };
    const received = deserialize(serialize(sent));
    const parsed = parseEngineResponse(received);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.message.type === 'frame' && Buffer.from(parsed.message.frame.png)).toEqual(Buffer.from(FRAME.png));
  });

  it('refuses a frame whose bytes arrive as anything but a Uint8Array', () => {
    const asText = parseEngineResponse({ type: 'frame', id: '1', frame: { ...FRAME, png: 'iVBORw0K' } });
    expect(asText).toEqual({ ok: false, error: expect.stringContaining('frame.png') });
    const asArray = parseEngineResponse({ type: 'frame', id: '1', frame: { ...FRAME, png: [...FRAME.png] } });
    expect(asArray.ok).toBe(false);
  });

  it('accepts progress with previews and refuses impossible fractions', () => {
    const progress = { frames: [0, 1], step: 0, totalSteps: 2, evaluation: 1, totalEvaluations: 3, fraction: 0.25, previews: [FRAME.png, FRAME.png] };
    expect(parseEngineResponse({ type: 'progress', id: '1', progress }).ok).toBe(true);
    expect(parseEngineResponse({ type: 'progress', id: '1', progress: { ...progress, fraction: Number.NaN } }).ok).toBe(false);
  });

  it('describes the WebGPU adapter, or why there is none, and nothing else', () => {
    const adapter = { vendor: 'mesa', architecture: '', device: 'llvmpipe', description: 'llvmpipe (LLVM 19)', software: true, maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28 };
    expect(parseEngineResponse({ type: 'device', id: '1', webGpu: { adapter, reason: null } }).ok).toBe(true);
    expect(parseEngineResponse({ type: 'device', id: '1', webGpu: { adapter: null, reason: 'no WebGPU adapter was found' } }).ok).toBe(true);
    expect(parseEngineResponse({ type: 'device', id: '1', webGpu: { adapter: { ...adapter, software: 'yes' }, reason: null } })).toEqual({ ok: false, error: expect.stringContaining('webGpu.adapter.software') });
  });

  it('knows only its error codes and log levels', () => {
    expect(parseEngineResponse({ type: 'error', id: '1', code: 'prompt', message: 'too long' }).ok).toBe(true);
    expect(parseEngineResponse({ type: 'error', id: '1', code: 'fatal', message: 'x' }).ok).toBe(false);
    expect(parseEngineResponse({ type: 'log', level: 'warn', message: 'slow' }).ok).toBe(true);
    expect(parseEngineResponse({ type: 'log', level: 'debug', message: 'x' }).ok).toBe(false);
  });
});
