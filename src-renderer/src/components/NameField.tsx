import { useRef, useState, type KeyboardEvent } from 'react';
import { PROJECT_NAME_MAX } from '../../../src-shared/domain/index.ts';

interface NameFieldProps {
  name: string;
  label: string;
  id?: string;
  className: string;
  autoFocus?: boolean;
  /** default: a project name's */
  maxLength?: number;
  onRename(name: string): void;
  /** after Enter, Escape or leaving the field */
  onDone?(): void;
}

/**
 * Renames in place: saved on Enter or when the field is left, Escape restores the old name.
 * An empty name is never sent; the old one comes back. Parents key it by `name` so an outside
 * change replaces the draft.
 */
export function NameField({ name, label, id, className, autoFocus, maxLength = PROJECT_NAME_MAX, onRename, onDone }: NameFieldProps) {
  const [draft, setDraft] = useState(name);
  const cancelled = useRef(false);

  const commit = () => {
    const next = draft.trim();
    if (!cancelled.current && next && next !== name) onRename(next);
    else setDraft(name);
    cancelled.current = false;
    onDone?.();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') cancelled.current = true;
    if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur();
  };

  return (
    <input
      id={id}
      aria-label={label}
      value={draft}
      maxLength={maxLength}
      autoFocus={autoFocus}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
      className={className}
    />
  );
}
