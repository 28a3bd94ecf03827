import { memo, useState } from 'react';
import type { Download, DownloadFile, DownloadStatus } from '../../../../src-shared/domain/index.ts';
import { formatEta } from '../../format.ts';
import { useActions } from '../../state/context.ts';
import { Badge, type BadgeTone } from '../Badge.tsx';
import { Notice } from '../Notice.tsx';
import { ProgressBar } from '../ProgressBar.tsx';
import { button, card, hint } from '../ui.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';

const STATUSES: Record<DownloadStatus, { label: string; tone: BadgeTone }> = {
  downloading: { label: 'Downloading', tone: 'accent' },
  verifying: { label: 'Checking files', tone: 'accent' },
  paused: { label: 'Paused', tone: 'neutral' },
  failed: { label: 'Stopped', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  done: { label: 'Done', tone: 'good' },
};

const FILE_STATUSES: Record<DownloadFile['status'], string> = { pending: 'waiting', downloading: 'downloading', verifying: 'checking', done: 'done' };

const fraction = (received: number, total: number) => (total > 0 ? received / total : 1);

export const DownloadRow = memo(function DownloadRow({ download: d }: { download: Download }) {
  const { pauseDownload, resumeDownload, cancelDownload } = useActions();
  // While a call is on its way the buttons wait for its answer, so a double click sends one call.
  const [pending, setPending] = useState(false);
  const act = (call: (id: string) => Promise<void>) => () => {
    setPending(true);
    void call(d.id).finally(() => setPending(false));
  };
  const { label, tone } = STATUSES[d.status];
  const running = d.status === 'downloading' || d.status === 'verifying';
  const resumable = d.status === 'paused' || d.status === 'failed';
  return (
    <li aria-label={`Download ${d.name}`} className={`${card} grid gap-2 px-5 py-4`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{d.name}</span>
        <span className="font-mono text-xs text-stone-500 dark:text-stone-400">{d.repo}</span>
        <Badge tone={tone}>{label}</Badge>
        <span className="flex-1" />
        {d.status === 'downloading' && (
          <button type="button" className={button.small} disabled={pending} onClick={act(pauseDownload)}>
            Pause
          </button>
        )}
        {resumable && (
          <button type="button" className={button.small} disabled={pending} onClick={act(resumeDownload)}>
            Resume
          </button>
        )}
        {(running || resumable) && (
          <button type="button" className={button.small} disabled={pending} onClick={act(cancelDownload)}>
            Cancel
          </button>
        )}
      </div>
      <ProgressBar fraction={fraction(d.receivedBytes, d.totalBytes)} label={`${d.name} download progress`} />
      <p className={`${hint} tabular-nums`}>{overview(d)}</p>
      {d.error && <Notice tone={d.status === 'failed' ? 'danger' : 'warning'}>{d.error}</Notice>}
      {d.status !== 'done' && (
        <details className="text-xs">
          <summary className="cursor-pointer text-stone-600 dark:text-stone-300">Files ({d.files.length})</summary>
          <ul aria-label={`Files of ${d.name}`} className="mt-2 grid gap-1.5">
            {d.files.map((file) => (
              <FileLine key={file.path} file={file} />
            ))}
          </ul>
        </details>
      )}
    </li>
  );
});

function FileLine({ file }: { file: DownloadFile }) {
  return (
    <li className="grid grid-cols-[minmax(0,1fr)_8rem_9rem] items-center gap-3">
      <span className="truncate font-mono" title={file.path}>
        {file.path}
      </span>
      <ProgressBar fraction={fraction(file.receivedBytes, file.sizeBytes)} label={`${file.path} progress`} />
      <span className="text-right text-stone-500 tabular-nums dark:text-stone-400">
        {file.status === 'done' ? formatBytes(file.sizeBytes) : `${formatBytes(file.receivedBytes)} / ${formatBytes(file.sizeBytes)}`} · {FILE_STATUSES[file.status]}
      </span>
    </li>
  );
}

/** "1.2 GB of 13.8 GB · 12.3 MB/s · about 3 min left" while moving; what happened otherwise. */
function overview(d: Download): string {
  if (d.status === 'done') return `${formatBytes(d.totalBytes)}, every file checked. The model is in the library.`;
  const parts = [`${formatBytes(d.receivedBytes)} of ${formatBytes(d.totalBytes)}`];
  if (d.bytesPerSecond !== null) parts.push(`${formatBytes(d.bytesPerSecond)}/s`);
  if (d.etaSeconds !== null) parts.push(formatEta(d.etaSeconds * 1000));
  if (d.status === 'paused') parts.push('partial files kept; resume to continue');
  return parts.join(' · ');
}
