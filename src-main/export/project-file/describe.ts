// How a refusal of a project file names what is wrong: the frame as the user sees it, and the field.
import type { z } from 'zod';

const PROMPT_SHOWN = 40;

/** 'frame 3 ("a kitten wakes up…")': how the user finds a frame. */
export function frameLabel(number: number, prompt: string): string {
  const shown = prompt.length > PROMPT_SHOWN ? `${prompt.slice(0, PROMPT_SHOWN - 1)}…` : prompt;
  return `frame ${number} ("${shown}")`;
}

/** The first field a schema error names, with zod's words ("params.modelId: expected string"). */
export function firstIssue(error: z.ZodError, prefix = ''): string {
  const [issue] = error.issues;
  return `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'a value'}: ${issue.message}`;
}
