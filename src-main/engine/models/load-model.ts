// Every session of one model, created once (on one execution provider) and reused: text encoders, UNet,
// VAE decoder, plus the tokenizers. Input and output roles come from the live sessions' own metadata.
import { InferenceSession } from 'onnxruntime-node';
import { loadHfClipTokenizer, type ClipTokenizer } from '../tokenizer/index.ts';
import { textEncoderIo, unetIo, vaeDecoderIo } from './component-io.ts';
import { ComponentSession, firstLine } from './component-session.ts';
import { CPU, defaultThreads, providerCandidates, sessionOptions } from './execution-provider.ts';
import { inspectModelLayout } from './inspect-model-folder.ts';
import { ModelFolderError, REEXPORT } from './model-folder-error.ts';
import type { LoadedModel, SessionStats } from './model-types.ts';
import { OnnxTextEncoder } from './text-encoder.ts';
import { OnnxUnet } from './unet.ts';
import { OnnxVaeDecoder } from './vae-decoder.ts';
import { sessionSignature } from './value-signature.ts';

export interface LoadModelOptions {
  /** 'auto' (default): the best GPU provider offered here, else CPU; or a name: cuda, dml, coreml, webgpu, cpu */
  provider?: string;
  /** intra-op threads for CPU work; default: the number of cores */
  threads?: number;
  onWarning?(message: string): void;
}

interface ComponentFile {
  name: string;
  path: string;
}

export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const warn = options.onWarning ?? (() => {});
  const { info, layout } = await inspectModelLayout(dir);
  const tokenizers = await Promise.all(layout.encoders.map((e) => loadTokenizer(e.tokenizerDir)));
  const files: ComponentFile[] = [
    ...layout.encoders.map((e) => ({ name: e.encoder, path: e.modelPath })),
    { name: 'unet', path: layout.unetPath },
    { name: 'vae_decoder', path: layout.vaeDecoderPath },
  ];
  const { provider, sessions } = await createSessions(files, providerCandidates(options.provider, warn), options.threads ?? defaultThreads(), warn);
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
      stats: () => collectStats(sessions),
      release: () => releaseAll(sessions),
    };
  } catch (error) {
    await releaseAll(sessions);
    throw error;
  }
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
  threads: number,
  warn: (message: string) => void,
): Promise<{ provider: string; sessions: ComponentSession[] }> {
  const failures: string[] = [];
  for (const provider of candidates) {
    const sessions: ComponentSession[] = [];
    let current = files[0];
    try {
      for (current of files) {
        sessions.push(new ComponentSession(current.name, current.path, await InferenceSession.create(current.path, sessionOptions(provider, threads))));
      }
      for (const failure of failures) warn(`${failure}; running on ${provider}`);
      return { provider, sessions };
    } catch (error) {
      await releaseAll(sessions);
      if (provider === CPU) {
        throw new ModelFolderError(current.path, `ONNX Runtime cannot load it (${firstLine(error)})`, REEXPORT, { cause: error });
      }
      failures.push(`execution provider ${provider} could not start (${firstLine(error)})`);
    }
  }
  throw new Error('no execution provider to try'); // unreachable: the candidates end with CPU
}

async function releaseAll(sessions: readonly ComponentSession[]): Promise<void> {
  await Promise.all(sessions.map((s) => s.session.release()));
}

function collectStats(sessions: readonly ComponentSession[]): SessionStats {
  const stats: SessionStats = { runs: {}, sessionMs: {} };
  for (const { name, counters } of sessions) {
    stats.runs[name] = counters.runs;
    stats.sessionMs[name] = counters.sessionMs;
  }
  return stats;
}
