import type { ComponentCall, Hardware } from '../../../../src-shared/domain/index.ts';
import { componentName } from '../../../../src-shared/format/device.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';
import { hint } from '../ui.ts';

const cell = 'py-1.5 pr-4 align-top';

function itemsPerRun(call: ComponentCall): string {
  if (call.itemsPerRun >= call.batch) return `${call.batch}`;
  return `${call.itemsPerRun} of ${call.batch}${call.limitBytes === null ? '' : `, cut to the ${formatBytes(call.limitBytes)} limit`}`;
}

/**
 * Where the last generation ran, component by component: items per run, provider, and why a part ran on the CPU
 * (unless the notice above says so already).
 */
export function LastRun({ hardware, providerLabel, headingId }: { hardware: Hardware; providerLabel: (name: string) => string; headingId: string }) {
  const { device, lastCalls } = hardware;
  if (!device) return null;
  const rows = Object.entries(lastCalls).flatMap(([component, calls]) => calls.map((call) => ({ component, call })));
  return (
    <section aria-labelledby={headingId} className="grid gap-1.5">
      <h3 id={headingId} className="text-xs font-medium text-stone-600 dark:text-stone-400">
        Last generation
      </h3>
      <p className="text-sm">
        Sessions on <strong className="font-medium">{providerLabel(device.provider)}</strong>
        {device.requested !== 'auto' && device.requested !== device.provider && <> (asked for {providerLabel(device.requested)})</>}
        {device.bufferLimitBytes !== null && <span className={hint}> · every run within {formatBytes(device.bufferLimitBytes)}</span>}
      </p>
      {device.notes.length > 0 && (
        <ul aria-label="Why Automatic passed a provider over" className={`${hint} grid list-disc gap-0.5 pl-5`}>
          {device.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <table className="text-left text-sm">
          <caption className="sr-only">How each part of the model ran in the last generation</caption>
          <thead className={hint}>
            <tr>
              <th scope="col" className={`${cell} font-medium`}>
                Part
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Ran on
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Items per run
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ component, call }) => (
              <tr key={`${component} ${JSON.stringify(call)}`} className="border-t border-stone-100 dark:border-stone-800">
                <th scope="row" className={`${cell} font-normal`}>
                  {componentName(component)}
                </th>
                <td className={cell}>
                  {providerLabel(call.provider)}
                  {call.cpuReason && !hardware.fallbackReason?.includes(call.cpuReason) && <span className={`${hint} block max-w-prose`}>{call.cpuReason}</span>}
                </td>
                <td className={`${cell} tabular-nums`}>{itemsPerRun(call)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
