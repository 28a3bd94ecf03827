import { useMemo } from 'react';
import { useApp } from '../../state/context.ts';
import { DownloadRow } from './DownloadRow.tsx';

/** Downloads under way, stopped (resumable) and done; cancelled ones have left nothing behind and are not listed. */
export function DownloadList() {
  const all = useApp((s) => s.downloads);
  const downloads = useMemo(() => all.filter((d) => d.status !== 'cancelled'), [all]);
  if (downloads.length === 0) return null;
  return (
    <ul aria-label="Downloads" className="grid gap-3">
      {downloads.map((download) => (
        <DownloadRow key={download.id} download={download} />
      ))}
    </ul>
  );
}
