import { bufferLimitBytes, type AdapterReport } from '../../../../src-shared/domain/index.ts';
import { adapterName } from '../../../../src-shared/format/device.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';
import { Badge } from '../Badge.tsx';
import { hint } from '../ui.ts';

/** The GPU WebGPU runs on, whether it is a real one, and the buffer limit Onestory keeps every run within. */
export function WebGpuAdapter({ report, headingId }: { report: AdapterReport; headingId: string }) {
  const { adapter } = report;
  return (
    <section aria-labelledby={headingId} className="grid gap-1.5">
      <h3 id={headingId} className="text-xs font-medium text-stone-600 dark:text-stone-400">
        WebGPU adapter
      </h3>
      {adapter ? (
        <>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <strong className="font-medium">{adapterName(adapter)}</strong>
            {adapter.software && (
              <Badge tone="warning" title="The GPU is emulated on the CPU: Automatic never picks it">
                software — slower than the CPU
              </Badge>
            )}
          </p>
          <p className={hint}>{[adapter.vendor, adapter.architecture, adapter.device].filter((part) => part && part !== adapter.description).join(' · ')}</p>
          <p className="text-sm">
            Largest tensor a GPU kernel may use: <strong className="font-medium tabular-nums">{formatBytes(bufferLimitBytes(adapter))}</strong>
            <span className={`${hint} block`}>Tensors over it come out wrong, so Onestory cuts batches to fit (or runs that part on the CPU).</span>
          </p>
        </>
      ) : (
        <p className="text-sm">None: {report.reason}.</p>
      )}
    </section>
  );
}
