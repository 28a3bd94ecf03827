import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventMessage, EventName, ImageKind, MethodInput, MethodOutput } from '../../../src-shared/contract/index.ts';
import type { ExportRequestInput } from '../../../src-shared/domain/export.ts';
import { presetSize, type Frame, type Job, type ProjectSummary, type ProjectWithFrames, type Render, type SettingsPatch, type StoryState } from '../../../src-shared/domain/index.ts';
import { EMPTY_HISTORY, inverseOf, record, remapFrameId, step, type History } from './history.ts';
import { frameCountLabel } from '../format.ts';
import { deriveFrameActivity, isActive, resumedJobs, upsertJob, type FrameActivity } from './jobs.ts';
import { selectCancellableJob } from './selectors.ts';
import { createBoard, DEFAULT_BOARD_ZOOM, type BoardActions, type BoardState, type BoardZoom } from './board.ts';
import { createScenes, type SceneActions } from './scenes.ts';
import { createConsistency, INITIAL_CONSISTENCY, type ConsistencyActions, type ConsistencyState } from './consistency.ts';
import { createLibrary, INITIAL_LIBRARY, messageOf, type LibraryActions, type LibraryState } from './library.ts';
import { createPlayer, INITIAL_PLAYER, type PlayerActions, type PlayerState } from './player.ts';
import { sameRoute, type Route } from './route.ts';
import type { FileTransfer } from '../transport/transport.ts';
import { createSaveQueue } from './save-queue.ts';
import { applyStoryEdit, type FramePatch, type ProjectPatch, type StoryEdit } from './story-edits.ts';

export type Theme = 'light' | 'dark';
type LoadState = 'loading' | 'ready' | 'failed';
/** One frame's line of story.state: tokens, window, staleness, variant count. */
export type FramePlan = StoryState['frames'][number];

export interface AppState extends LibraryState, BoardState, PlayerState, ConsistencyState {
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
  /** something the user should know that is not a failure (an imported story's model is not here), until dismissed */
  notice: string | null;
  theme: Theme;
  /** once the user picks a theme it no longer follows the system's */
  themeChosen: boolean;
  /** the token meter and staleness of the open story, as the backend last reported them */
  storyState: StoryState | null;
  /** storyState's frames by id, so each card reads only its own line */
  framePlans: Record<string, FramePlan>;
  /** the open project's jobs: active in queue order, then the latest finished */
  jobs: Job[];
  /** derived from jobs, by frame id */
  frameActivity: Record<string, FrameActivity>;
  /** the latest denoising preview of each frame being generated (a data: URL) */
  previews: Record<string, string>;
  /** the finished job whose failure or warnings the user has closed */
  dismissedJobReportId: string | null;
  /** the Cancel button was pressed while other jobs wait: the running job and how many wait, until the user answers */
  cancelChoice: { jobId: string; queued: number } | null;
  /** what Undo and Redo would do, for their tooltips; null when there is nothing */
  undoLabel: string | null;
  redoLabel: string | null;
  /** the frame shown large with its variants */
  viewerFrameId: string | null;
  exportDialogOpen: boolean;
  /** 0..1 through the export being made for the open story; null when none is */
  exportProgress: number | null;
  /** the export being made, once its progress has named it (so it can be cancelled) */
  exportId: string | null;
  imageUrl(renderId: string, kind: ImageKind): string;
  actions: AppActions;
}

export interface AppActions extends LibraryActions, BoardActions, SceneActions, PlayerActions, ConsistencyActions {
  /** Loads what the current route shows (start-up, "Try again"). */
  reload(): Promise<void>;
  showRoute(route: Route): void;
  createProject(name: string): Promise<void>;
  renameProject(id: string, name: string): void;
  duplicateProject(id: string): Promise<void>;
  deleteProject(id: string): Promise<void>;
  /** Changes the open story's prompts; typing is saved after a short pause. */
  editStory(patch: Pick<ProjectPatch, 'identityPrompt' | 'negativePrompt'>): void;
  /** `label` names the step in Undo's tooltip; repeated changes under one label (a slider drag) merge. */
  editSettings(patch: SettingsPatch, label: string): void;
  selectModel(modelId: string | null): void;
  /** Adds a model folder and picks it; resolves with the reason when the folder is refused. */
  registerModel(path: string): Promise<string | null>;
  addFrame(): Promise<Frame | null>;
  /** Inserts a copy of the frame's texts right after it. */
  duplicateFrame(id: string): Promise<Frame | null>;
  editFrame(id: string, patch: Omit<FramePatch, 'kept'>): void;
  /** Keeps the frame's current picture as it is, stale or not (or stops keeping it); undoable. */
  keepFrame(id: string, kept: boolean): void;
  moveFrame(id: string, toPosition: number): void;
  deleteFrame(id: string): void;
  selectVariant(frameId: string, renderId: string): void;
  /** A frame's variants, oldest first; empty when they cannot be read (the error is shown). */
  listVariants(frameId: string): Promise<Render[]>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Queues a job once pending edits are saved; by default every frame with its seed. */
  generate(request?: Omit<MethodInput<'jobs.generate'>, 'projectId'>): Promise<void>;
  regenerateStale(): Promise<void>;
  cancelJob(id: string): Promise<void>;
  /** The Cancel button: cancels the running (else the next) job, or asks first whether to cancel the waiting ones too. */
  requestCancel(): Promise<void>;
  /** The answer to `cancelChoice`: this job only, every job of the story, or none. */
  answerCancel(answer: 'this' | 'all' | 'none'): Promise<void>;
  /** Sends waiting typing now (blur, navigation, leaving the page). */
  flushEdits(): void;
  /** A pushed event from the backend. */
  receiveEvent(message: EventMessage): void;
  /** Another window or client changed something: catch up unless local edits are on their way. */
  backendChanged(): void;
  dismissError(): void;
  dismissNotice(): void;
  dismissJobReport(jobId: string): void;
  toggleTheme(): void;
  systemThemeChanged(theme: Theme): void;
  openViewer(frameId: string | null): void;
  openExportDialog(open: boolean): void;
  /** Which frames an export would show as placeholders, once pending edits are saved; rejects with the reason. */
  checkExport(): Promise<MethodOutput<'exports.check'>>;
  /** the PDF's pages as the PDF engine lays them out with these options (the export dialog's preview) */
  previewPdf(pdf: MethodInput<'exports.pdfPreview'>['pdf']): Promise<MethodOutput<'exports.pdfPreview'>>;
  /** "Generate them first": queues the frames an export would show as placeholders (never kept ones), then closes the dialog. */
  generateNotReady(): Promise<void>;
  /** Makes the export file, following its progress; rejects with the reason (the dialog shows it in place). */
  createExport(request: ExportRequestInput): Promise<MethodOutput<'exports.create'>>;
  /** Stops the export being made: createExport then rejects, and no file is written. */
  cancelExport(): Promise<void>;
  /** A download in browser mode, the save dialog in Electron; false when the user cancelled. */
  deliverExport(created: MethodOutput<'exports.create'>): Promise<boolean>;
  /** Asks for a .onestory file, imports it and opens it. */
  importProjectFile(): Promise<void>;
  /** One render's PNG as stored: the save dialog in Electron, a download in the browser; false when cancelled. */
  saveImage(renderId: string, fileName: string): Promise<boolean>;
  /** Starts dragging the render out as a PNG file where the platform can (Electron); false where the page's own drag goes on. */
  dragImageOut(renderId: string, fileName: string): boolean;
}

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  client: ApiClient;
  route: Route;
  theme: Theme;
  themeChosen: boolean;
  imageUrl(renderId: string, kind: ImageKind): string;
  files: FileTransfer;
  /** the board zoom the user last chose */
  boardZoom?: BoardZoom;
  /** pause in typing after which a text change is saved */
  typingDelayMs?: number;
}

/** Changes to one field closer together than this are one undo step. */
const MERGE_WINDOW_MS = 1000;
/** Several writes in a row ask for the token meter once. */
const STORY_STATE_DELAY_MS = 150;

const FRAME_EDIT_LABELS: Record<Exclude<keyof FramePatch, 'kept'>, string> = {
  prompt: 'Edit prompt',
  caption: 'Edit caption',
  notes: 'Edit notes',
  durationMs: 'Change duration',
  seedOverride: 'Change frame seed',
  shotNumber: 'Edit shot number',
  shotType: 'Change shot type',
  camera: 'Change camera move',
  action: 'Edit action',
  dialogue: 'Edit dialogue',
  speaker: 'Edit speaker',
  sceneId: 'Move to scene',
};
const STORY_EDIT_LABELS = { identityPrompt: 'Edit identity prompt', negativePrompt: 'Edit negative prompt' };

/** The event union, so a switch on `event` narrows `payload`. */
type AnyEvent = { [E in EventName]: EventMessage<E> }[EventName];

/** State that belongs to one open project and goes when another is opened. */
const NO_PROJECT_STATE = {
  ...INITIAL_CONSISTENCY,
  storyState: null,
  framePlans: {},
  jobs: [],
  frameActivity: {},
  previews: {},
  dismissedJobReportId: null,
  cancelChoice: null,
  viewerFrameId: null,
  selectedFrameId: null,
  exportDialogOpen: false,
  exportProgress: null,
  exportId: null,
  undoLabel: null,
  redoLabel: null,
  ...INITIAL_PLAYER,
} satisfies Partial<AppState>;

export function createAppStore({ client, route, theme, themeChosen, imageUrl, files, boardZoom = DEFAULT_BOARD_ZOOM, typingDelayMs = 400 }: AppStoreOptions): AppStore {
  return createStore<AppState>()((set, get) => {
    const queue = createSaveQueue((pending) => set({ pendingSaves: pending }), typingDelayMs);
    // Bumped by every local change, so a refresh that raced with one is not applied over it.
    let editSeq = 0;
    let history: History = EMPTY_HISTORY;
    // Undo and redo run one after another: restoring a frame waits for its new id before the next step.
    let historyTail: Promise<void> = Promise.resolve();
    let storyStateTimer: ReturnType<typeof setTimeout> | undefined;
    let storyStateSeq = 0;

    const report = (err: unknown) => set({ error: messageOf(err) });
    const currentStoryId = () => get().story?.project.id;

    /** Runs one write in order; on failure tells the user and shows what the backend really holds. */
    const persist = async <T>(task: () => Promise<T>): Promise<T | undefined> => {
      editSeq++;
      try {
        const result = await queue.run(task);
        set({ saveFailed: false });
        scheduleStoryState();
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

    const setHistory = (next: History) => {
      history = next;
      set({ undoLabel: next.past.at(-1)?.label ?? null, redoLabel: next.future.at(-1)?.label ?? null });
    };

    const remember = (label: string, redo: StoryEdit, undo: StoryEdit, mergeKey: string | null) =>
      setHistory(record(history, { label, redo, undo, mergeKey, at: Date.now() }, MERGE_WINDOW_MS));

    /** Applies an edit locally and saves it; the one path for user edits, undo and redo. */
    const perform = async (raw: StoryEdit): Promise<void> => {
      const projectId = currentStoryId();
      if (!projectId) return;
      const edit = scenes.resolve(raw);
      if (edit.type === 'frame.insert') return restoreFrame(projectId, edit.frame);
      if (edit.type === 'scene.insert') return scenes.perform(projectId, edit);
      if (edit.type === 'batch') {
        // One at a time: a scene restored by one part gets the id the next parts must use.
        for (const part of edit.edits) await perform(part);
        queue.flush();
        return;
      }
      apply(edit);
      switch (edit.type) {
        case 'project.update': {
          // Settings go whole: waiting patches merge shallowly, which would drop an earlier nested change.
          const patch = edit.patch.settings ? { ...edit.patch, settings: get().story!.project.settings } : edit.patch;
          queue.debounce(`project:${projectId}`, patch, (merged) => void persist(() => client.projects.update({ id: projectId, patch: merged })));
          return;
        }
        case 'frame.update':
          queue.debounce(`frame:${edit.id}`, edit.patch, (merged) => void persist(() => client.frames.update({ id: edit.id, patch: merged })));
          return;
        case 'frame.move':
          queue.flush();
          void persist(() => client.frames.reorder({ id: edit.id, toPosition: edit.toPosition }));
          return;
        case 'frame.delete':
          queue.flush();
          void persist(() => client.frames.delete({ id: edit.id }));
          return;
        case 'frame.select':
          queue.flush();
          void persist(() => client.frames.selectVariant({ frameId: edit.id, renderId: edit.renderId }));
          return;
        case 'scene.update':
        case 'scene.delete':
          return scenes.perform(projectId, edit);
        case 'frames.select':
          queue.flush();
          for (const { id, renderId } of edit.choices) void persist(() => client.frames.selectVariant({ frameId: id, renderId }));
          return;
      }
    };

    /** Records `edit` with its inverse, then performs it. */
    const commit = (edit: StoryEdit, label: string, mergeKey: string | null = null) => {
      const story = get().story;
      const undo = story && inverseOf(story, edit);
      if (!undo) return;
      remember(label, edit, undo, mergeKey);
      void perform(edit);
    };

    const scenes = createScenes({
      client,
      story: () => get().story,
      commit,
      remember: (label, redo, undo) => remember(label, redo, undo, null),
      apply,
      persist,
      flush: () => queue.flush(),
    });

    /** Undoing a delete adds the frame again; the backend gives it a new id, which history then follows. */
    const restoreFrame = async (projectId: string, frame: Frame) => {
      const { prompt, caption, notes, durationMs, position, shotType, camera, action, dialogue, speaker, sceneId } = frame;
      const shotNumber = frame.shotNumberAuto ? undefined : frame.shotNumber;
      const board = { shotNumber, shotType, camera, action, dialogue, speaker, sceneId };
      const created = await createFrame(projectId, { prompt, caption, notes, durationMs, position, ...board });
      if (!created) return;
      setHistory(remapFrameId(history, frame.id, created.id));
      if (frame.seedOverride !== null) await perform({ type: 'frame.update', id: created.id, patch: { seedOverride: frame.seedOverride } });
    };

    const createFrame = async (projectId: string, input: Omit<MethodInput<'frames.add'>, 'projectId'>) => {
      queue.flush();
      const frame = await persist(() => client.frames.add({ projectId, ...input }));
      if (!frame || currentStoryId() !== projectId) return null;
      apply({ type: 'frame.insert', frame });
      return frame;
    };

    const insertFrame = async (input: Omit<MethodInput<'frames.add'>, 'projectId'>, label: string) => {
      const projectId = currentStoryId();
      const frame = projectId ? await createFrame(projectId, input) : null;
      if (!frame) return null;
      remember(label, { type: 'frame.insert', frame }, { type: 'frame.delete', id: frame.id }, null);
      // A new frame is edited next, in the inspector.
      set({ selectedFrameId: frame.id });
      return frame;
    };

    const travel = (direction: 'undo' | 'redo') => {
      historyTail = historyTail.then(async () => {
        const next = step(history, direction);
        if (!next) return;
        setHistory(next.history);
        await perform(next.edit);
      });
      return historyTail;
    };

    const setStoryState = (storyState: StoryState) =>
      set({ storyState, framePlans: Object.fromEntries(storyState.frames.map((f) => [f.frameId, f])) });

    const loadStoryState = async () => {
      const projectId = currentStoryId();
      if (!projectId) return;
      const seq = ++storyStateSeq;
      try {
        const state = await client.story.state({ projectId });
        if (seq === storyStateSeq && currentStoryId() === projectId) setStoryState(state);
      } catch {
        // The meter keeps its last reading; generating reports real problems.
      }
    };

    const scheduleStoryState = () => {
      clearTimeout(storyStateTimer);
      storyStateTimer = setTimeout(() => void Promise.all([loadStoryState(), consistency.load()]), STORY_STATE_DELAY_MS);
    };

    /** jobs the user has been told were carried over from a run that ended unexpectedly */
    const announcedResumed = new Set<string>();
    const setJobs = (jobs: Job[]) => {
      set({ jobs, frameActivity: deriveFrameActivity(jobs) });
      const resumed = resumedJobs(jobs, announcedResumed);
      if (!resumed) return;
      for (const id of resumed.ids) announcedResumed.add(id);
      set({ notice: `Generation was interrupted and has resumed (${frameCountLabel(resumed.framesLeft)} left).` });
    };

    const jobUpdated = (job: Job) => {
      setJobs(upsertJob(get().jobs, job));
      if (!isActive(job)) {
        set((s) => ({ previews: without(s.previews, job.frameIds) }));
        scheduleStoryState();
      }
    };

    const renderCreated = (frameId: string, renderId: string) => {
      // A refresh already on its way read the frame before this render existed.
      editSeq++;
      const { story, previews } = get();
      // A new render replaces what the user kept: the backend no longer keeps the frame either.
      const shown = story && applyStoryEdit(story, { type: 'frame.select', id: frameId, renderId });
      if (shown) set({ story: applyStoryEdit(shown, { type: 'frame.update', id: frameId, patch: { kept: false } }), previews: without(previews, [frameId]) });
      scheduleStoryState();
    };

    const library = createLibrary(client, set, report);
    const consistency = createConsistency({ client, set, story: () => get().story, report, settled: () => queue.settled(), chooseVariants: (choices, label) => commit({ type: 'frames.select', choices }, label) });
    const { loadModels } = library;

    /** Models, jobs and the token meter: secondary, so a failure leaves the story usable. */
    const loadProjectExtras = async (projectId: string) => {
      const jobs = await client.jobs.list({ projectId }).catch(() => null);
      if (jobs && currentStoryId() === projectId) setJobs(jobs.reduce<Job[]>(upsertJob, []));
      await Promise.all([loadModels(), loadStoryState(), consistency.load()]);
    };

    const fetchRoute = async (target: Route): Promise<Partial<AppState>> => {
      switch (target.page) {
        case 'projects': {
          // The models too: an empty library turns the list into a guide to getting one.
          const [projects] = await Promise.all([client.projects.list({}), loadModels()]);
          return { projects };
        }
        case 'project':
          return { story: await client.projects.get({ id: target.id }) };
        case 'models':
          return library.fetchModelsPage();
        case 'settings':
          return library.fetchSettingsPage();
      }
    };

    const load = async (target: Route) => {
      if (target.page === 'project') {
        history = EMPTY_HISTORY;
        set({ story: null, ...NO_PROJECT_STATE });
      }
      set({ loadState: 'loading' });
      try {
        const data = await fetchRoute(target);
        if (!sameRoute(get().route, target)) return;
        set({ ...data, loadState: 'ready' });
        if (target.page === 'project') await loadProjectExtras(target.id);
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
        if (seq !== editSeq || get().pendingSaves !== 0 || !sameRoute(get().route, target)) return;
        if (data.story) {
          set({ story: keepUnchangedFrames(get().story, data.story) });
          scheduleStoryState();
        } else {
          set(data);
        }
      } catch {
        // The next write or reload reports the problem.
      }
    };

    const actions: AppActions = {
      ...library.actions,
      ...createBoard(set, get),
      ...scenes.actions,
      ...createPlayer(set),
      ...consistency.actions,
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
        if (currentStoryId() === id) {
          commit({ type: 'project.update', patch: { name } }, 'Rename story');
          queue.flush();
          return;
        }
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
        const keys = Object.keys(patch) as Array<keyof typeof patch>;
        commit({ type: 'project.update', patch }, STORY_EDIT_LABELS[keys[0]], `story:${keys.join()}`);
      },

      editSettings(patch, label) {
        commit({ type: 'project.update', patch: { settings: patch } }, label, `settings:${label}`);
      },

      selectModel(modelId) {
        // An aspect preset keeps its ratio at the new model's trained size, in the same undo step.
        const aspect = get().story?.project.settings.aspect ?? null;
        const family = get().models.find((m) => m.id === modelId)?.family;
        const resized = aspect && family ? { settings: { aspect, ...presetSize(aspect, family) } } : {};
        commit({ type: 'project.update', patch: { modelId, ...resized } }, 'Change model');
        queue.flush();
      },

      async registerModel(path) {
        try {
          const { model } = await library.addModel({ path, mode: 'register' });
          actions.selectModel(model.id);
          return null;
        } catch (err) {
          return messageOf(err);
        }
      },

      addFrame: () => insertFrame({ prompt: '' }, 'Add frame'),

      async duplicateFrame(id) {
        const source = get().story?.frames.find((f) => f.id === id);
        if (!source) return null;
        // The copy is numbered by its own place.
        const { prompt, caption, notes, durationMs, position, shotType, camera, action, dialogue, speaker, sceneId } = source;
        return insertFrame({ prompt, caption, notes, durationMs, position: position + 1, shotType, camera, action, dialogue, speaker, sceneId }, 'Duplicate frame');
      },

      editFrame(id, patch) {
        const keys = Object.keys(patch) as Array<keyof typeof patch>;
        commit({ type: 'frame.update', id, patch }, FRAME_EDIT_LABELS[keys[0]], `frame:${id}:${keys.join()}`);
      },

      keepFrame(id, kept) {
        commit({ type: 'frame.update', id, patch: { kept } }, kept ? 'Keep frame' : 'Stop keeping frame');
        queue.flush();
      },

      moveFrame(id, toPosition) {
        const frame = get().story?.frames.find((f) => f.id === id);
        if (!frame || frame.position === toPosition) return;
        commit({ type: 'frame.move', id, toPosition }, 'Move frame');
      },

      deleteFrame(id) {
        commit({ type: 'frame.delete', id }, 'Delete frame');
      },

      selectVariant(frameId, renderId) {
        const frame = get().story?.frames.find((f) => f.id === frameId);
        if (!frame || frame.currentRenderId === renderId) return;
        commit({ type: 'frame.select', id: frameId, renderId }, 'Choose variant');
      },

      async listVariants(frameId) {
        try {
          return await client.renders.list({ frameId });
        } catch (err) {
          report(err);
          return [];
        }
      },

      undo: () => travel('undo'),
      redo: () => travel('redo'),

      async generate(request = {}) {
        const projectId = currentStoryId();
        if (!projectId) return;
        try {
          // The job reads the story from the backend, so it must see every edit made so far.
          await queue.settled();
          const job = await client.jobs.generate({ projectId, ...request });
          // The answer is the job as queued; its events may have come first (a quick job can already be done).
          if (currentStoryId() === projectId && !get().jobs.some((j) => j.id === job.id)) jobUpdated(job);
        } catch (err) {
          report(err);
        }
      },

      async regenerateStale() {
        const projectId = currentStoryId();
        if (!projectId) return;
        try {
          // Asks again after saving: a reorder a moment ago may have made more frames stale.
          await queue.settled();
          const state = await client.story.state({ projectId });
          setStoryState(state);
          const frameIds = state.frames.filter((f) => f.stale).map((f) => f.frameId);
          if (frameIds.length > 0) await actions.generate({ frameIds });
        } catch (err) {
          report(err);
        }
      },

      async cancelJob(id) {
        try {
          jobUpdated(await client.jobs.cancel({ id }));
        } catch (err) {
          report(err);
        }
      },

      async requestCancel() {
        const job = selectCancellableJob(get());
        if (!job) return;
        const queued = get().jobs.filter((j) => j.status === 'queued' && j.id !== job.id).length;
        if (queued > 0) set({ cancelChoice: { jobId: job.id, queued } });
        else await actions.cancelJob(job.id);
      },

      async answerCancel(answer) {
        const choice = get().cancelChoice;
        set({ cancelChoice: null });
        if (!choice || answer === 'none') return;
        // The waiting ones first, so that none of them starts when the running one stops.
        const waiting = answer === 'all' ? get().jobs.filter((j) => j.status === 'queued' && j.id !== choice.jobId) : [];
        for (const id of [...waiting.map((j) => j.id), choice.jobId]) await actions.cancelJob(id);
      },

      flushEdits: () => queue.flush(),

      receiveEvent(raw) {
        const message = raw as AnyEvent;
        const projectId = currentStoryId();
        switch (message.event) {
          case 'project.changed':
          case 'projects.changed':
            return actions.backendChanged();
          case 'models.changed':
          case 'model.importProgress':
          case 'model.optimizeProgress':
          case 'download.updated':
          case 'hardware.updated':
            return library.receive(message);
          case 'job.updated':
            if (message.payload.projectId === projectId) jobUpdated(message.payload);
            return;
          case 'job.preview': {
            const { frameId, dataUrl } = message.payload;
            if (message.payload.projectId === projectId) set((s) => ({ previews: { ...s.previews, [frameId]: dataUrl } }));
            return;
          }
          case 'render.created':
            if (message.payload.projectId === projectId) renderCreated(message.payload.frameId, message.payload.render.id);
            return;
          case 'scores.updated':
            return consistency.receive(message);
          case 'export.progress':
            if (message.payload.projectId === projectId && get().exportProgress !== null) set({ exportProgress: message.payload.fraction, exportId: message.payload.exportId });
            return;
        }
      },

      backendChanged: () => void refreshIfIdle(),
      dismissError: () => set({ error: null }),
      dismissNotice: () => set({ notice: null }),
      dismissJobReport: (jobId) => set({ dismissedJobReportId: jobId }),
      toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark', themeChosen: true })),
      systemThemeChanged(next) {
        if (!get().themeChosen) set({ theme: next });
      },
      openViewer: (viewerFrameId) => set({ viewerFrameId }),
      openExportDialog: (exportDialogOpen) => set({ exportDialogOpen }),

      async checkExport() {
        const projectId = currentStoryId();
        if (!projectId) throw new Error('No story is open.');
        // The export reads the story from the backend, so it must see every edit made so far.
        await queue.settled();
        return client.exports.check({ projectId });
      },

      async previewPdf(pdf) {
        const projectId = currentStoryId();
        if (!projectId) throw new Error('No story is open.');
        await queue.settled();
        return client.exports.pdfPreview({ projectId, pdf });
      },

      async generateNotReady() {
        try {
          // Asked again, after saving: exports.check leaves out kept frames and sees every edit.
          const { problems } = await actions.checkExport();
          if (problems.length > 0) await actions.generate({ frameIds: problems.map((p) => p.frameId) });
          set({ exportDialogOpen: false });
        } catch (err) {
          report(err);
        }
      },

      async createExport(request) {
        const projectId = currentStoryId();
        if (!projectId) throw new Error('No story is open.');
        await queue.settled();
        set({ exportProgress: 0 });
        try {
          return await client.exports.create({ projectId, request });
        } finally {
          if (currentStoryId() === projectId) set({ exportProgress: null, exportId: null });
        }
      },

      async cancelExport() {
        const exportId = get().exportId;
        if (exportId) await client.exports.cancel({ exportId });
      },

      deliverExport: ({ exportId, fileName }) => files.deliverExport(exportId, fileName),
      saveImage: (renderId, fileName) => files.saveImage(renderId, fileName),
      dragImageOut(renderId, fileName) {
        if (!files.dragImageOut) return false;
        files.dragImageOut(renderId, fileName);
        return true;
      },

      async importProjectFile() {
        try {
          const imported = await files.importProjectFile();
          if (!imported) return;
          actions.showRoute({ page: 'project', id: imported.project.id });
          const model = imported.missingModel;
          if (model) set({ notice: `This story was made with ${model.name} (${model.family}), which is not in this library. Add it on the Models page, or pick another model for the story.` });
        } catch (err) {
          report(err);
        }
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
      notice: null,
      theme,
      themeChosen,
      ...INITIAL_LIBRARY,
      ...NO_PROJECT_STATE,
      boardZoom,
      imageUrl,
      actions,
    };
  });
}

function without<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  if (!keys.some((key) => key in record)) return record;
  const rest = { ...record };
  for (const key of keys) delete rest[key];
  return rest;
}

/** The refreshed story, reusing the frame objects that did not change so their memoised cards do not re-render. */
function keepUnchangedFrames(previous: ProjectWithFrames | null, next: ProjectWithFrames): ProjectWithFrames {
  if (!previous) return next;
  const before = new Map(previous.frames.map((f) => [f.id, f]));
  const frames = next.frames.map((frame) => {
    const old = before.get(frame.id);
    return old && (Object.keys(frame) as Array<keyof Frame>).every((key) => old[key] === frame[key]) ? old : frame;
  });
  return { ...next, frames };
}
