// Says, in words, how the prompt a render was conditioned on (its window of the story) differs from the one now.
import { modelPrompt, type Frame, type GenerationSettings, type RenderParams } from '../../src-shared/domain/index.ts';
import type { StoryPlan } from '../engine/conditioning/index.ts';
import { PROMPT_PART_SEPARATOR } from '../engine/tokenizer/index.ts';

/**
 * What changed in the frame's window (edits, frames added, taken out, deleted or reordered), or null when the
 * difference is explained by fields reported on their own: the identity prompt at its head, or a new window length
 * (which adds, takes out and reorders frames of the window).
 */
export function storyPromptChange(
  was: RenderParams,
  position: number,
  frames: readonly Frame[],
  settings: GenerationSettings,
  identity: string,
  plan: StoryPlan,
): string | null {
  // Renders store the parts as the model saw them (with shot wording when the story adds it).
  const partOf = (f: Frame) => modelPrompt(f, settings);
  const guideChanged = was.settings.shotTypeGuidesImage !== settings.shotTypeGuidesImage;
  const windowLengthChanged = was.settings.windowLength !== plan.windowLength;
  const placement = plan.placements[position];
  if (!placement) return 'the story cannot be combined into prompts now (see its errors)';
  const prompt = plan.prompts[placement.prompt];
  if (placement.part === was.partIndex && afterIdentity(prompt.text, identity) === afterIdentity(was.storyPrompt, was.identityPrompt)) return null;
  if (!was.window) {
    // Made before windows were recorded: only the frame's own prompt can be told apart.
    return was.framePrompt !== partOf(frames[position]) && !guideChanged
      ? `frame ${position + 1}'s prompt was edited`
      : windowLengthChanged
        ? null
        : 'a prompt in its window, the frames or their order changed';
  }

  const numberOf = new Map(frames.map((f, j) => [f.id, j + 1]));
  const before = new Map(was.window.map((part) => [part.frameId, part.prompt]));
  const after = prompt.frames.map((j) => frames[j]);
  const afterIds = new Set(after.map((f) => f.id));
  const clauses: string[] = [];

  // A part that reads as the frame did under the render's own switch changed only by "let shot type guide the image",
  // which is reported on its own.
  const editedAlone = (f: Frame) => before.get(f.id) !== partOf(f) && !(guideChanged && before.get(f.id) === modelPrompt(f, was.settings));
  const edited = after.filter((f) => before.has(f.id) && editedAlone(f)).map((f) => numberOf.get(f.id)!);
  const field = settings.shotTypeGuidesImage ? 'prompt or shot type' : 'prompt';
  if (edited.length === 1) clauses.push(`frame ${edited[0]}'s ${field} was edited`);
  if (edited.length > 1) clauses.push(`the ${field}s of frames ${listOf(edited)} were edited`);
  if (windowLengthChanged) return clauses.length > 0 ? clauses.join('; ') : null;
  const added = after.filter((f) => !before.has(f.id)).map((f) => numberOf.get(f.id)!);
  if (added.length > 0) clauses.push(`${framesWord(added)} ${added.length === 1 ? 'was' : 'were'} added`);
  const gone = was.window.filter((part) => !afterIds.has(part.frameId));
  const takenOut = gone.flatMap((part) => numberOf.get(part.frameId) ?? []);
  if (takenOut.length > 0) clauses.push(`${framesWord(takenOut)} ${takenOut.length === 1 ? 'was' : 'were'} taken out`);
  const deleted = gone.length - takenOut.length;
  if (deleted > 0) clauses.push(deleted === 1 ? 'a frame was deleted' : `${deleted} frames were deleted`);

  const kept = (ids: string[]) => ids.filter((id) => before.has(id) && afterIds.has(id)).join();
  const reordered = kept(was.window.map((part) => part.frameId)) !== kept(after.map((f) => f.id));
  if (reordered || (clauses.length === 0 && placement.part !== was.partIndex)) clauses.push('the frames were reordered');
  if (clauses.length > 0) return clauses.join('; ');
  return guideChanged ? null : 'its words are no longer the same';
}

function afterIdentity(text: string, identity: string): string {
  const head = identity + PROMPT_PART_SEPARATOR;
  return text.startsWith(head) ? text.slice(head.length) : text;
}

function framesWord(numbers: number[]): string {
  return numbers.length === 1 ? `frame ${numbers[0]}` : `frames ${listOf(numbers)}`;
}

/** 2 and 3; 2, 3 and 5 */
function listOf(numbers: number[]): string {
  return numbers.length === 1 ? String(numbers[0]) : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
