// Every session of one model, created once (on one execution provider) and reused: text encoders, UNet,
// VAE decoder, plus the tokenizers. Input and output roles come from the live sessions' own metadata.
import { InferenceSession } from 'onnxruntime-node';
import { loadHfClipTokenizer, type ClipTokenizer } from '../tokenizer/index.ts';
import { textEncoderIo, unetIo, vaeDecoderIo } from './component-io.ts';
import { adapterLimitBytes, GpuGuard } from '../gpu/gpu-guard.ts';
import { optimizeForGpu, vaeFloat32Reason } from '../optimize/optimize-model.ts';
import type { AttentionBlock } from '../optimize/attention-check.ts';
import type { ModelOptimization } from '../../../src-shared/domain/index.ts';
import { ComponentSession, firstLine, type CallRecord } from './component-session.ts';
import { CPU, defaultThreads, planProviders, sessionOptions, WEBGPU, type WebGpuLayout } from './execution-provider.ts';
import { providerFailure } from './provider-failure.ts';
import { inspectModelLayout } from './inspect-model-folder.ts';
import { ModelFolderError, REEXPORT } from './model-folder-error.ts';
import type { LoadedModel, SessionStats } from './model-types.ts';
import { OnnxTextEncoder } from './text-encoder.ts';
import { OnnxUnet } from './unet.ts';
import { OnnxVaeDecoder } from './vae-decoder.ts';
import { sessionSignature } from './value-signature.ts';

export interface LoadModelOptions {
  /** 'auto' (default): the best GPU provider offered here (WebGPU on a hardware adapter only), else CPU; or a name:
   * cuda, dml, coreml, webgpu, cpu */
  provider?: string;
  /** intra-op threads for CPU work; default: the number of cores */
  threads?: number;
  onWarning?(message: string): void;
  /** Tests only: false cuts no batch to fit the adapter's buffer limit, leaving the self-check to catch it. */
  splitBatches?: boolean;
  /** WebGPU's preferred tensor layout for convolutions (default NHWC; NCHW for comparison benchmarks) */
  webGpuLayout?: WebGpuLayout;
  /**
   * The library's folder for derived copies: given, a GPU provider loads a float16 copy with attention fused where
   * its kernel is accurate, made there on first use (the CPU provider always runs the originals). Absent: originals.
   */
  derivedRoot?: string;
  /** Tests only: a smaller block for the fused attention kernel's self-check than the real-size one. */
  attentionBlock?: AttentionBlock;
}

interface ComponentFile {
  name: string;
  path: string;
}

export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const { info, layout } = await inspectModelLayout(dir);
  const tokenizers = await Promise.all(layout.encoders.map((e) => loadTokenizer(e.tokenizerDir)));
  const files: ComponentFile[] = [
    ...layout.encoders.map((e) => ({ name: e.encoder, path: e.modelPath })),
    { name: 'unet', path: layout.unetPath },
    { name: 'vae_decoder', path: layout.vaeDecoderPath },
  ];
  const threads = options.threads ?? defaultThreads();
  const providers = await planProviders(options.provider, warn);
  const optionsFor = (provider: string) => sessionOptions(provider, threads, options.webGpuLayout);
  const gpu = providers.candidates.find((p) => p !== CPU);
  const optimized = gpu && options.derivedRoot ? await optimizedCopy(gpu, options.derivedRoot) : null;
  const pathFor = (file: ComponentFile, provider: string) => (provider === CPU ? file.path : (optimized?.paths.get(file.name) ?? file.path));
  const created = await createSessions(files, providers.candidates, optionsFor, pathFor, warn);
  const { provider } = created;
  const adapter = provider === WEBGPU ? providers.adapter : null;
  const guard =
    provider === WEBGPU
      ? new GpuGuard({ provider, adapter, family: info.family, gpuOptions: optionsFor(provider), cpuOptions: optionsFor(CPU), splitBatches: options.splitBatches ?? true })
      : null;
  const cpuStandIns: Promise<InferenceSession>[] = [];
  const sessions = created.sessions.map(({ file, session }) => {
    let cpu: Promise<InferenceSession> | undefined;
    const cpuSession = () => (cpu ??= pushed(cpuStandIns, InferenceSession.create(file.path, optionsFor(CPU))));
    return new ComponentSession(file.name, file.path, session, provider, guard && { guard, planner: guard.planner(file.name, file.path), cpuSession });
  });
  const releaseAll = async () => {
    await Promise.all([...sessions.map((s) => s.session.release()), ...cpuStandIns.map((p) => p.then((s) => s.release(), () => {}))]);
  };
  try {
    const twoEncoders = info.usesAddedConditions;
    const encoderSessions = sessions.slice(0, layout.encoders.length);
    const [unetSession, vaeSession] = sessions.slice(layout.encoders.length);
    const textEncoders = encoderSessions.map((s, i) => {
      const io = textEncoderIo(sessionSignature(s.session), s.path, { penultimate: twoEncoders, pooled: twoEncoders && i === 1 });
      return new OnnxTextEncoder(s, io, info.encoderWidths[i]);
    });
    const unet = new OnnxUnet(unetSession, unetIo(sessionSignature(unetSession.session), unetSession.path, twoEncoders), info.contextDim);
    const vaeDecoder = new OnnxVaeDecoder(vaeSession, vaeDecoderIo(sessionSignature(vaeSession.session), vaeSession.path));
    return {
      info,
      tokenizers,
      textEncoders,
      unet,
      vaeDecoder,
      provider,
      device: {
        provider,
        requested: options.provider ?? 'auto',
        adapter,
        bufferLimitBytes: guard?.limitBytes ?? null,
        notes: providers.notes,
        warnings,
        optimization: provider === gpu ? (optimized?.optimization ?? null) : null,
      },
      stats: () => collectStats(sessions),
      calls: () => collectCalls(sessions),
      release: releaseAll,
    };
  } catch (error) {
    await releaseAll();
    throw error;
  }

  /** The derived copies for `provider`; a copy that cannot be made is reported and the originals run. */
  async function optimizedCopy(provider: string, root: string): Promise<{ paths: Map<string, string>; optimization: ModelOptimization } | null> {
    try {
      return await optimizeForGpu({
        root,
        provider,
        adapterKey: providers.adapter ? JSON.stringify(providers.adapter) : '',
        limitBytes: provider === WEBGPU ? adapterLimitBytes(providers.adapter) : Number.MAX_SAFE_INTEGER,
        sessionOptions: optionsFor(provider),
        layout: provider === WEBGPU ? (options.webGpuLayout ?? 'NHWC') : null,
        components: files,
        vaeFloat32: vaeFloat32Reason(info.usesAddedConditions, layout.vaeDecoderPath),
        attentionBlock: options.attentionBlock,
      });
    } catch (error) {
      warn(`the optimised copy for ${provider} could not be made (${firstLine(error)}); the original model runs`);
      return null;
    }
  }
}

function pushed<T>(list: T[], item: T): T {
  list.push(item);
  return item;
}

async function loadTokenizer(dir: string): Promise<ClipTokenizer> {
  try {
    return await loadHfClipTokenizer(dir);
  } catch (error) {
    throw new ModelFolderError(dir, `the tokenizer cannot be loaded (${firstLine(error)})`, REEXPORT, { cause: error });
  }
}

/**
 * All sessions on the first provider that takes every one of them; a GPU provider that fails is reported (once
 * CPU has worked, so a broken model file is not blamed on the GPU) and CPU takes over.
 */
async function createSessions(
  files: readonly ComponentFile[],
  candidates: readonly string[],
  optionsFor: (provider: string) => InferenceSession.SessionOptions,
  pathFor: (file: ComponentFile, provider: string) => string,
  warn: (message: string) => void,
): Promise<{ provider: string; sessions: { file: ComponentFile; session: InferenceSession }[] }> {
  const failures: string[] = [];
  for (const provider of candidates) {
    const sessions: { file: ComponentFile; session: InferenceSession }[] = [];
    let current = files[0];
    try {
      for (current of files) sessions.push({ file: current, session: await InferenceSession.create(pathFor(current, provider), optionsFor(provider)) });
      for (const failure of failures) warn(`${failure}; running on ${provider}`);
      return { provider, sessions };
    } catch (error) {
      await Promise.all(sessions.map((s) => s.session.release()));
      if (provider === CPU) {
        throw new ModelFolderError(current.path, `ONNX Runtime cannot load it (${firstLine(error)})`, REEXPORT, { cause: error });
      }
      failures.push(providerFailure(provider, firstLine(error)));
    }
  }
  throw new Error('no execution provider to try'); // unreachable: the candidates end with CPU
}

/** Each component's distinct call records since the last call of this function (one story's, for the pipeline). */
function collectCalls(sessions: readonly ComponentSession[]): Record<string, CallRecord[]> {
  const calls: Record<string, CallRecord[]> = {};
  for (const s of sessions) {
    calls[s.name] = [...s.callRecords.values()];
    s.callRecords.clear();
  }
  return calls;
}

function collectStats(sessions: readonly ComponentSession[]): SessionStats {
  const stats: SessionStats = { runs: {}, sessionMs: {} };
  for (const { name, counters } of sessions) {
    stats.runs[name] = counters.runs;
    stats.sessionMs[name] = counters.sessionMs;
  }
  return stats;
}
