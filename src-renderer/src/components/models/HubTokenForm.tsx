import { useId, useState, type FormEvent } from 'react';
import type { HubStatus } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import { button, card, fieldLabel, hint, input } from '../ui.ts';

/** Where the token is kept, said plainly: it never comes back to the page. */
function tokenStatus(hub: HubStatus): string {
  const stored = hub.hasToken ? 'An access token is stored and used for every download.' : 'No access token is stored; public repositories need none.';
  const where = hub.tokenPersistent
    ? 'Tokens are kept in the system’s secret storage, never in the library.'
    : 'There is no secret storage here, so a token is kept in memory only, until Onestory quits; it is never written to disk.';
  return `${stored} ${where}`;
}

/** For gated or private repositories: accept the terms on the repository's page, then give a token that may read it. */
export function HubTokenForm() {
  const hub = useApp((s) => s.hub);
  const { setHubToken } = useActions();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  if (!hub) return null;

  const save = async (value: string | null) => {
    const refusal = await setHubToken(value);
    setProblem(refusal);
    if (!refusal) setToken('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) void save(token.trim());
  };

  return (
    <form onSubmit={submit} aria-label="Access token" className={`${card} grid gap-3 p-5`}>
      <p className="text-sm font-medium">Access token for gated repositories</p>
      <p role="status" className={hint}>
        {tokenStatus(hub)} Hub: <span className="font-mono">{hub.hubUrl}</span>
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-64 flex-1 gap-1.5">
          <label htmlFor={id} className={fieldLabel}>
            Hugging Face access token
          </label>
          <input
            id={id}
            type="password"
            autoComplete="off"
            value={token}
            placeholder="hf_…"
            aria-invalid={problem !== null}
            onChange={(event) => {
              setToken(event.target.value);
              setProblem(null);
            }}
            className={`${input} font-mono text-xs`}
          />
        </div>
        <button type="submit" className={button.secondary} disabled={!token.trim()}>
          {hub.hasToken ? 'Replace token' : 'Save token'}
        </button>
        {hub.hasToken && (
          <button type="button" className={button.secondary} onClick={() => void save(null)}>
            Forget token
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </form>
  );
}
