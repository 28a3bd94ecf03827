// A model's derived copy for a GPU provider: float16 for the UNet and the VAE decoder (SDXL's original VAE excepted: it
// overflows in float16, which is why diffusers upcasts it), attention fused where the provider's fused kernel passed its
// self-check on this adapter. The CPU provider always runs the originals.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import type { ComponentOptimization, ModelOptimization } from '../../../src-shared/domain/index.ts';
import type { AttentionBlock } from './attention-check.ts';
import { decideAttentionFusion } from './attention-decision.ts';
import { derivedCopy } from './derived-cache.ts';

export interface GpuOptimizeRequest {
  /** the library's derived folder */
  root: string;
  provider: string;
  adapterKey: string;
  limitBytes: number;
  sessionOptions: InferenceSession.SessionOptions;
  layout: string | null;
  components: readonly { name: string; path: string }[];
  /** why the VAE decoder stays float32, or null */
  vaeFloat32: string | null;
  /** tests: a smaller attention block for the fused kernel's self-check */
  attentionBlock?: AttentionBlock;
}

/**
 * Why an SDXL-shaped model's VAE decoder stays float32: unless its config says it need not be upcast
 * (`force_upcast: false`, as the fp16-fixed VAE's does). null: it may run in float16.
 */
export function vaeFloat32Reason(sdxlShaped: boolean, vaeDecoderPath: string): string | null {
  if (!sdxlShaped) return null;
  let config: { force_upcast?: boolean } = {};
  try {
    config = JSON.parse(readFileSync(join(dirname(vaeDecoderPath), 'config.json'), 'utf8'));
  } catch {
    // no readable config: the safe answer
  }
  return config.force_upcast === false ? null : 'SDXL’s VAE overflows in float16 (diffusers upcasts it); kept float32 unless it is the fp16-fixed VAE';
}

/**
 * Text encoders run once per story, so float16 saves nothing a user would notice, while its rounding through CLIP
 * bigG's 32 layers moved the SDXL fixture's pictures by 4 grey levels from the CPU's (the UNet and VAE in float16: ≤ 1).
 */
const TEXT_ENCODER_FLOAT32 = 'text encoders run once per story: kept float32, whose float16 rounding would change pictures for no speed';

export async function optimizeForGpu(request: GpuOptimizeRequest): Promise<{ paths: Map<string, string>; optimization: ModelOptimization }> {
  const attention = await decideAttentionFusion({
    root: request.root,
    provider: request.provider,
    adapterKey: request.adapterKey,
    sessionOptions: request.sessionOptions,
    limitBytes: request.limitBytes,
    block: request.attentionBlock,
  });
  const paths = new Map<string, string>();
  const components: ComponentOptimization[] = [];
  for (const { name, path } of request.components) {
    const note = name === 'vae_decoder' ? request.vaeFloat32 : name.startsWith('text_encoder') ? TEXT_ENCODER_FLOAT32 : null;
    const copy = await derivedCopy(request.root, { source: path, component: name, float16: note === null, fuseAttention: attention.fused });
    if (copy.path) paths.set(name, copy.path);
    components.push({
      component: name,
      path: copy.path,
      float16: (copy.float16?.halfTensors ?? 0) > 0,
      halfTensors: copy.float16?.halfTensors ?? 0,
      castNodes: copy.float16?.castNodes ?? 0,
      fusedAttention: copy.fusedAttention,
      bytes: copy.bytes,
      note,
    });
  }
  const bytes = components.reduce((sum, c) => sum + c.bytes, 0);
  return { paths, optimization: { provider: request.provider, layout: request.layout, attention, components, bytes } };
}
