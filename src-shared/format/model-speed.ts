// What models.optimize did to a model and how fast it ran here, as the CLI and the hardware page say it.
import type { ModelOptimization, ModelSpeed } from '../domain/index.ts';
import { componentName } from './device.ts';
import { formatBytes, formatCount, formatSecondsPerStep } from './quantities.ts';

/** "2.4 s/step at 512×512 on webgpu": the headline of a measurement. */
export function speedHeadline(speed: ModelSpeed): string {
  return `${formatSecondsPerStep(speed.secondsPerStep)} at ${speed.width}×${speed.height} on ${speed.provider}`;
}

/**
 * One line per thing done to the model for its provider: float16 per component (or why not), attention fused or kept
 * unfused (and why), the convolution layout, and the derived copy's size next to the original's.
 */
export function optimizationLines(speed: ModelSpeed): string[] {
  const { optimization } = speed;
  if (!optimization) return [`runs the original files (${formatBytes(speed.originalBytes)}): the ${speed.provider} provider needs no derived copy`];
  return [...componentLines(optimization), attentionLine(optimization), ...(optimization.layout ? [`convolutions in ${optimization.layout} layout`] : []), sizeLine(optimization, speed.originalBytes)];
}

function componentLines({ components }: ModelOptimization): string[] {
  return components.map((c) => {
    const name = componentName(c.component);
    if (c.float16) return `${name}: float16 (${formatCount(c.halfTensors, 'weight tensor')}, ${formatCount(c.castNodes, 'cast')} at its float32 edges)`;
    return `${name}: float32${c.note ? ` (${c.note})` : ''}`;
  });
}

function attentionLine({ attention, components }: ModelOptimization): string {
  // the decision's reason names the self-check's error (or the kernel's failure) and starts "kept unfused" when not fused
  const fused = components.reduce((sum, c) => sum + c.fusedAttention, 0);
  return attention.fused ? `attention: ${formatCount(fused, 'block')} fused (${attention.reason})` : `attention ${attention.reason}`;
}

function sizeLine({ bytes }: ModelOptimization, originalBytes: number): string {
  return `derived copy ${formatBytes(bytes)} on disk (original ${formatBytes(originalBytes)})`;
}
