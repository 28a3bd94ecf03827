// Whether a model's attention is fused on this adapter: the fused kernel's self-check, run once per provider, adapter
// and onnxruntime version and remembered in the derived folder, so later loads do not run it again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { checkFusedAttention, FUSED_ATTENTION_TOLERANCE, probeBlock, type AttentionBlock } from './attention-check.ts';
import { ORT_VERSION } from './derived-cache.ts';

export interface AttentionDecision {
  fused: boolean;
  maxError: number | null;
  reason: string;
}

const FILE = 'attention-checks.json';

export interface AttentionDecisionRequest {
  root: string;
  provider: string;
  /** what identifies the adapter (its description and driver); '' when the provider has none */
  adapterKey: string;
  sessionOptions: InferenceSession.SessionOptions;
  /** the adapter's buffer limit: the probe's unfused scores stay within it */
  limitBytes: number;
  /** tests: a smaller block than the real-size probe */
  block?: AttentionBlock;
}

export async function decideAttentionFusion(request: AttentionDecisionRequest): Promise<AttentionDecision> {
  const block = request.block ?? probeBlock(request.limitBytes);
  const key = JSON.stringify([request.provider, request.adapterKey, ORT_VERSION, block]);
  const file = join(request.root, FILE);
  const known: Record<string, AttentionDecision> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (known[key]) return known[key];
  const label = `${block.heads} heads × ${block.headDim}, ${block.tokens} tokens`;
  let decision: AttentionDecision;
  try {
    const check = await checkFusedAttention(block, request.sessionOptions);
    decision = {
      fused: check.ok,
      maxError: check.maxError,
      reason: check.ok
        ? `fused MultiHeadAttention matches the unfused graph on this adapter (${label}: max error ${check.maxError.toPrecision(2)})`
        : `kept unfused: ${request.provider}'s fused MultiHeadAttention differs from the unfused graph by ${check.maxError.toPrecision(2)} on this adapter (${label}; at most ${FUSED_ATTENTION_TOLERANCE} accepted)`,
    };
  } catch (error) {
    decision = { fused: false, maxError: null, reason: `kept unfused: ${request.provider} cannot run fused MultiHeadAttention (${String(error instanceof Error ? error.message : error).split('\n')[0]})` };
  }
  mkdirSync(request.root, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ ...known, [key]: decision }, null, 2));
  return decision;
}
