// Which rule gives an op's output shapes, by domain: ONNX's own ops and onnxruntime's contrib ops.
import type { ShapeRule } from './node-view.ts';
import { CONTRIB_RULES } from './rules-contrib.ts';
import { einsum } from './rules-einsum.ts';
import { ELEMENTWISE_RULES } from './rules-elementwise.ts';
import { NN_RULES } from './rules-nn.ts';
import { REDUCE_RULES } from './rules-reduce.ts';
import { TENSOR_RULES } from './rules-tensor.ts';

const ONNX_RULES: Record<string, ShapeRule> = { ...ELEMENTWISE_RULES, ...TENSOR_RULES, ...REDUCE_RULES, ...NN_RULES, Einsum: einsum };

export const CONTRIB_DOMAIN = 'com.microsoft';

export function ruleFor(domain: string, opType: string): ShapeRule | undefined {
  const rules = domain === '' ? ONNX_RULES : domain === CONTRIB_DOMAIN ? CONTRIB_RULES : undefined;
  return rules && Object.hasOwn(rules, opType) ? rules[opType] : undefined;
}

/** The op types with a rule, per domain (for the README and for callers that want to check a graph up front). */
export function supportedOps(): Record<string, string[]> {
  return { '': Object.keys(ONNX_RULES).sort(), [CONTRIB_DOMAIN]: Object.keys(CONTRIB_RULES).sort() };
}
