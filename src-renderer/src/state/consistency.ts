import type { ApiClient, EventMessage } from '../../../src-shared/contract/index.ts';
import type { ProjectWithFrames, Render, StoryConsistency } from '../../../src-shared/domain/index.ts';
import type { VariantChoice } from './story-edits.ts';

/** The open story's consistency scores (issue 16), as the backend last reported them. */
export interface ConsistencyState {
  storyScores: StoryConsistency | null;
  /** how the large view orders a frame's variants */
  variantOrder: 'oldest' | 'consistency';
}

export interface ConsistencyActions {
  /** Scores the story's renders that have none yet (older renders; new ones are scored after each job). */
  computeScores(): Promise<void>;
  cancelScores(): Promise<void>;
  /** For each frame, makes its variant most similar to the other frames current: one undo step. */
  pickMostConsistent(): Promise<void>;
  setVariantOrder(order: ConsistencyState['variantOrder']): void;
}

export const INITIAL_CONSISTENCY: ConsistencyState = { storyScores: null, variantOrder: 'oldest' };

/** A frame's variants, most consistent first (by CLIP-I, then DINOv2); unscored ones last, oldest first. */
export function byConsistency(renders: readonly Render[]): Render[] {
  const key = (r: Render) => r.scores?.clipI ?? r.scores?.dino ?? Number.NEGATIVE_INFINITY;
  return renders.map((r, i) => ({ r, i })).sort((a, b) => key(b.r) - key(a.r) || a.i - b.i).map(({ r }) => r);
}

/** The variant with the highest identity score, when it is not the current one already and beats it. */
export function mostConsistentChoice(frameId: string, currentRenderId: string | null, renders: readonly Render[]): VariantChoice | null {
  const [best] = byConsistency(renders);
  const current = renders.find((r) => r.id === currentRenderId);
  if (best?.scores?.clipI == null || best.id === currentRenderId) return null;
  if (current?.scores?.clipI != null && current.scores.clipI >= best.scores.clipI) return null;
  return { id: frameId, renderId: best.id };
}

interface Deps {
  client: ApiClient;
  set(change: Partial<ConsistencyState> | { notice: string }): void;
  story(): ProjectWithFrames | null;
  report(err: unknown): void;
  /** waits for the edits on their way, so the backend sees the choices the user sees */
  settled(): Promise<void>;
  /** records and performs an undoable edit */
  chooseVariants(choices: VariantChoice[], label: string): void;
}

export function createConsistency({ client, set, story, report, settled, chooseVariants }: Deps) {
  let seq = 0;
  const load = async () => {
    const projectId = story()?.project.id;
    if (!projectId) return;
    const mine = ++seq;
    try {
      const storyScores = await client.story.scores({ projectId });
      if (mine === seq && story()?.project.id === projectId) set({ storyScores });
    } catch {
      // The badge keeps its last reading; scoring reports its own failures in its status.
    }
  };

  const withProject = (call: (projectId: string) => Promise<unknown>) => async () => {
    const projectId = story()?.project.id;
    if (!projectId) return;
    try {
      await call(projectId);
      await load();
    } catch (err) {
      report(err);
    }
  };

  const actions: ConsistencyActions = {
    computeScores: withProject((projectId) => client.scores.compute({ projectId })),
    cancelScores: withProject((projectId) => client.scores.cancel({ projectId })),
    async pickMostConsistent() {
      const open = story();
      if (!open) return;
      try {
        await settled();
        const frames = open.frames.filter((f) => f.currentRenderId);
        const variants = await Promise.all(frames.map((f) => client.renders.list({ frameId: f.id })));
        const choices = frames.flatMap((f, i) => mostConsistentChoice(f.id, f.currentRenderId, variants[i]) ?? []);
        if (choices.length === 0) set({ notice: 'Every frame already shows its most consistent scored variant.' });
        else chooseVariants(choices, 'Pick most consistent variants');
      } catch (err) {
        report(err);
      }
    },
    setVariantOrder: (variantOrder) => set({ variantOrder }),
  };

  return {
    actions,
    load,
    receive(message: EventMessage<'scores.updated'>) {
      if (message.payload.projectId === story()?.project.id) void load();
    },
  };
}
