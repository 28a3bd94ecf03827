import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../../src-shared/contract/index.ts';
import type { Frame, ProjectSummary, ProjectWithFrames } from '../../../src-shared/domain/index.ts';
import { sameRoute, type Route } from './route.ts';
import { createSaveQueue } from './save-queue.ts';
import { applyStoryEdit, type FramePatch, type ProjectPatch, type StoryEdit } from './story-edits.ts';

export type Theme = 'light' | 'dark';
type LoadState = 'loading' | 'ready' | 'failed';

export interface AppState {
  route: Route;
  /** whether the data the current route shows has arrived */
  loadState: LoadState;
  projects: ProjectSummary[];
  /** the open project with its frames, on the project page */
  story: ProjectWithFrames | null;
  /** writes waiting or in flight */
  pendingSaves: number;
  /** the last write failed; cleared by the next one that succeeds */
  saveFailed: boolean;
  /** a message for the user, shown until dismissed */
  error: string | null;
  theme: Theme;
  /** once the user picks a theme it no longer follows the system's */
  themeChosen: boolean;
  actions: AppActions;
}

export interface AppActions {
  /** Loads what the current route shows (start-up, "Try again"). */
  reload(): Promise<void>;
  showRoute(route: Route): void;
  createProject(name: string): Promise<void>;
  renameProject(id: string, name: string): void;
  duplicateProject(id: string): Promise<void>;
  deleteProject(id: string): Promise<void>;
  /** Changes the open project's texts; typing is saved after a short pause. */
  editStory(patch: ProjectPatch): void;
  addFrame(): Promise<Frame | null>;
  editFrame(id: string, patch: FramePatch): void;
  moveFrame(id: string, toPosition: number): void;
  deleteFrame(id: string): void;
  /** Sends waiting typing now (blur, navigation, leaving the page). */
  flushEdits(): void;
  /** Another window or client changed something: catch up unless local edits are on their way. */
  backendChanged(): void;
  dismissError(): void;
  toggleTheme(): void;
  systemThemeChanged(theme: Theme): void;
}

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  client: ApiClient;
  route: Route;
  theme: Theme;
  themeChosen: boolean;
  /** pause in typing after which a text change is saved */
  typingDelayMs?: number;
}

export function createAppStore({ client, route, theme, themeChosen, typingDelayMs = 400 }: AppStoreOptions): AppStore {
  return createStore<AppState>()((set, get) => {
    const queue = createSaveQueue((pending) => set({ pendingSaves: pending }), typingDelayMs);
    // Bumped by every local change, so a refresh that raced with one is not applied over it.
    let editSeq = 0;

    const report = (err: unknown) => set({ error: messageOf(err) });

    /** Runs one write in order; on failure tells the user and shows what the backend really holds. */
    const persist = async <T>(task: () => Promise<T>): Promise<T | undefined> => {
      editSeq++;
      try {
        const result = await queue.run(task);
        set({ saveFailed: false });
        return result;
      } catch (err) {
        set({ saveFailed: true });
        report(err);
        void refreshIfIdle();
        return undefined;
      }
    };

    const apply = (edit: StoryEdit) => {
      editSeq++;
      const { story } = get();
      if (story) set({ story: applyStoryEdit(story, edit) });
    };

    const fetchRoute = async (target: Route): Promise<Pick<AppState, 'projects'> | Pick<AppState, 'story'>> =>
      target.page === 'projects'
        ? { projects: await client.projects.list({}) }
        : { story: await client.projects.get({ id: target.id }) };

    const load = async (target: Route) => {
      set({ loadState: 'loading', ...(target.page === 'project' && { story: null }) });
      try {
        const data = await fetchRoute(target);
        if (sameRoute(get().route, target)) set({ ...data, loadState: 'ready' });
      } catch (err) {
        if (!sameRoute(get().route, target)) return;
        set({ loadState: 'failed' });
        report(err);
      }
    };

    /** A quiet reload: applied only if nothing was edited meanwhile, failures left to the write path. */
    const refreshIfIdle = async () => {
      const { route: target, pendingSaves, loadState } = get();
      if (pendingSaves > 0 || loadState !== 'ready') return;
      const seq = editSeq;
      try {
        const data = await fetchRoute(target);
        if (seq === editSeq && get().pendingSaves === 0 && sameRoute(get().route, target)) set(data);
      } catch {
        // The next write or reload reports the problem.
      }
    };

    const currentStoryId = () => get().story?.project.id;

    const actions: AppActions = {
      reload: () => load(get().route),

      showRoute(target) {
        if (sameRoute(target, get().route)) return;
        queue.flush();
        set({ route: target });
        void load(target);
      },

      async createProject(name) {
        const project = await persist(() => client.projects.create({ name }));
        if (project) actions.showRoute({ page: 'project', id: project.id });
      },

      renameProject(id, name) {
        set((s) => ({ projects: s.projects.map((p) => (p.id === id ? { ...p, name } : p)) }));
        if (currentStoryId() === id) apply({ type: 'project.update', patch: { name } });
        queue.flush();
        void persist(() => client.projects.update({ id, patch: { name } }));
      },

      async duplicateProject(id) {
        queue.flush();
        if (await persist(() => client.projects.duplicate({ id }))) await refreshIfIdle();
      },

      async deleteProject(id) {
        set((s) => ({ projects: s.projects.filter((p) => p.id !== id) }));
        queue.flush();
        await persist(() => client.projects.delete({ id }));
      },

      editStory(patch) {
        const id = currentStoryId();
        if (!id) return;
        apply({ type: 'project.update', patch });
        queue.debounce(`project:${id}`, patch, (merged) => void persist(() => client.projects.update({ id, patch: merged })));
      },

      async addFrame() {
        const projectId = currentStoryId();
        if (!projectId) return null;
        queue.flush();
        const frame = await persist(() => client.frames.add({ projectId, prompt: '' }));
        if (!frame) return null;
        if (currentStoryId() === projectId) apply({ type: 'frame.insert', frame });
        return frame;
      },

      editFrame(id, patch) {
        apply({ type: 'frame.update', id, patch });
        queue.debounce(`frame:${id}`, patch, (merged) => void persist(() => client.frames.update({ id, patch: merged })));
      },

      moveFrame(id, toPosition) {
        const frame = get().story?.frames.find((f) => f.id === id);
        if (!frame || frame.position === toPosition) return;
        apply({ type: 'frame.move', id, toPosition });
        queue.flush();
        void persist(() => client.frames.reorder({ id, toPosition }));
      },

      deleteFrame(id) {
        apply({ type: 'frame.delete', id });
        queue.flush();
        void persist(() => client.frames.delete({ id }));
      },

      flushEdits: () => queue.flush(),
      backendChanged: () => void refreshIfIdle(),
      dismissError: () => set({ error: null }),
      toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark', themeChosen: true })),
      systemThemeChanged(next) {
        if (!get().themeChosen) set({ theme: next });
      },
    };

    return {
      route,
      loadState: 'loading',
      projects: [],
      story: null,
      pendingSaves: 0,
      saveFailed: false,
      error: null,
      theme,
      themeChosen,
      actions,
    };
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
