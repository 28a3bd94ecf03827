import { useId } from 'react';
import { PROVIDER_CHOICES, type ExecutionProvider, type Hardware, type ProviderChoice } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import { Badge } from '../Badge.tsx';
import { Notice } from '../Notice.tsx';
import { card, hint, sectionHeading } from '../ui.ts';
import { LastRun } from './LastRun.tsx';
import { ModelSpeeds } from './ModelSpeeds.tsx';
import { WebGpuAdapter } from './WebGpuAdapter.tsx';

interface Choice {
  value: ProviderChoice;
  label: string;
  about: string;
}

function providerAbout(p: ExecutionProvider): string {
  if (p.bundled) return 'Included with Onestory.';
  if (p.installed) return 'Its libraries are installed beside onnxruntime-node.';
  return 'Needs its own libraries beside onnxruntime-node, not installed here (tried only when chosen).';
}

/** Auto, then each provider offered here; a chosen one no longer offered stays listed so the choice is visible. */
function choicesOf(hardware: Hardware): Choice[] {
  const auto: Choice = { value: 'auto', label: 'Automatic', about: 'The best GPU provider installed here, else the CPU.' };
  const offered = hardware.providers.flatMap((p): Choice[] => {
    const value = PROVIDER_CHOICES.find((c) => c === p.name);
    return value ? [{ value, label: p.label, about: providerAbout(p) }] : [];
  });
  const missing = offered.some((c) => c.value === hardware.chosen) || hardware.chosen === 'auto' ? [] : [{ value: hardware.chosen, label: hardware.chosen, about: 'Not offered on this machine.' }];
  return [auto, ...offered, ...missing];
}

function labelOf(hardware: Hardware, name: string): string {
  return hardware.providers.find((p) => p.name === name)?.label ?? name;
}

/**
 * Which execution provider generation runs on: what onnxruntime-node offers here, the choice (first: it is what a
 * user comes for), the WebGPU adapter, and what really ran, part by part.
 */
export function HardwareSection() {
  const hardware = useApp((s) => s.hardware);
  const { chooseProvider } = useActions();
  const id = useId();
  if (!hardware) return null;

  return (
    <section aria-labelledby={`${id}-heading`} className={`${card} grid gap-4 p-5`}>
      <h2 id={`${id}-heading`} className={sectionHeading}>
        Hardware
      </h2>
      <div className="grid gap-1">
        <p className="text-sm">
          Offered on this machine:{' '}
          <span aria-label="Providers offered" className="inline-flex flex-wrap gap-1.5 align-middle">
            {hardware.providers.map((p) => (
              <Badge key={p.name}>{p.bundled || p.installed ? p.label : `${p.label} (not installed)`}</Badge>
            ))}
          </span>
        </p>
        <p className="text-sm">
          In use: <strong>{hardware.inUse ? labelOf(hardware, hardware.inUse) : 'nothing yet'}</strong>
          {hardware.inUse ? ' (the provider the last generation ran on)' : ' (no story has been generated yet)'}
        </p>
      </div>
      {hardware.fallbackReason && <Notice>{hardware.fallbackReason}</Notice>}
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-xs font-medium text-stone-600 dark:text-stone-400">Run generation on</legend>
        {choicesOf(hardware).map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-provider`}
              value={choice.value}
              checked={hardware.chosen === choice.value}
              onChange={() => void chooseProvider(choice.value)}
              className="mt-1 accent-teal-700"
            />
            <span>
              {choice.label}
              <span className={`${hint} block`}>{choice.about}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {hardware.webGpu && <WebGpuAdapter report={hardware.webGpu} headingId={`${id}-adapter`} />}
      <LastRun hardware={hardware} providerLabel={(name) => labelOf(hardware, name)} headingId={`${id}-last-run`} />
      <ModelSpeeds headingId={`${id}-speeds`} />
      <p className={hint}>
        A provider that fails to start falls back to the CPU, and this page says why. For an NVIDIA GPU on Linux, onnxruntime-node needs CUDA’s libraries, which this
        installation skips: see “GPU acceleration (CUDA on Linux)” in the README for the three steps.
      </p>
    </section>
  );
}
