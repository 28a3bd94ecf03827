import type { CatalogueEntry } from '../../../../src-shared/domain/index.ts';
import { useApp } from '../../state/context.ts';
import type { HubRequest } from '../../state/library.ts';
import { Badge } from '../Badge.tsx';
import { button, card, hint, link } from '../ui.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';

const UNVERIFIED = 'Its files, sizes and layout were read from the Hub’s web pages, not checked by downloading it. The download itself checks every file.';

/** The curated list of known ONNX exports; sizes are approximate unless the entry was verified. */
export function CatalogueList({ onChoose }: { onChoose(request: HubRequest): void }) {
  const catalogue = useApp((s) => s.catalogue);
  return (
    <ul aria-label="Catalogue" className="grid gap-3">
      {catalogue.map((entry) => (
        <CatalogueRow key={entry.id} entry={entry} onChoose={onChoose} />
      ))}
    </ul>
  );
}

function CatalogueRow({ entry, onChoose }: { entry: CatalogueEntry; onChoose(request: HubRequest): void }) {
  return (
    <li aria-label={entry.name} className={`${card} grid gap-2 px-5 py-4`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{entry.name}</span>
        {entry.verified ? <Badge tone="good">Verified</Badge> : <Badge title={UNVERIFIED}>Not verified</Badge>}
        {entry.gated && <Badge tone="warning">Needs an access token</Badge>}
        <span className="flex-1" />
        <button type="button" className={button.secondary} onClick={() => onChoose({ repo: entry.repo, revision: entry.revision, files: entry.files })}>
          Download…
        </button>
      </div>
      <p className={hint}>
        <span className="font-mono">{entry.repo}</span> · {entry.family} · {entry.verified ? '' : 'about '}
        {formatBytes(entry.sizeBytes)} · {entry.files.length} files ·{' '}
        <a href={entry.licenceUrl} target="_blank" rel="noreferrer" className={link}>
          {entry.licence}
        </a>
      </p>
      <p className="text-sm text-stone-600 dark:text-stone-300">{entry.notes}</p>
      {!entry.verified && <p className={hint}>{UNVERIFIED}</p>}
    </li>
  );
}
