import { useState, type FormEvent } from 'react';
import { PROJECT_NAME_MAX } from '../../../src-shared/domain/index.ts';
import { useActions } from '../state/context.ts';
import { PlusIcon } from './icons.tsx';
import { button, input } from './ui.ts';

export function CreateProjectForm() {
  const { createProject } = useActions();
  const [name, setName] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) void createProject(name.trim());
  };

  return (
    <form onSubmit={submit} className="flex w-full max-w-md gap-2">
      <input
        aria-label="New project name"
        placeholder="New project name"
        value={name}
        maxLength={PROJECT_NAME_MAX}
        onChange={(event) => setName(event.target.value)}
        className={input}
      />
      <button type="submit" className={`${button.primary} shrink-0`} disabled={!name.trim()}>
        <PlusIcon />
        Create project
      </button>
    </form>
  );
}
