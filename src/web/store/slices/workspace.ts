// The workspace: every file the user loaded (reports, profiles, and files that failed to import,
// which stay listed with their issues), their order, and which profiles belong to which report.
// Pure state transitions only: parsing happens in the ingest worker, persistence in persist.ts.
import type { StateCreator } from 'zustand';
import type { ImportedFile } from '../../../core/formats/types.ts';
import { measurementsOf, profileOf, reportOf } from '../../../core/formats/content.ts';

export interface AddFilesOptions {
  /** The files are the bundled demo reports (labeled as such, removable together). */
  readonly demo?: boolean;
}

/** What `takeOut` removed: enough to put the file back as it was (place, demo mark, links). */
export interface RemovedFile {
  readonly file: ImportedFile;
  /** Its index in the workspace order. */
  readonly index: number;
  readonly demo: boolean;
  /** Profiles linked to it (when it is a report). */
  readonly profiles: readonly string[];
  /** Reports it was linked to (when it is a profile). */
  readonly reports: readonly string[];
}

export interface WorkspaceState {
  readonly files: Readonly<Record<string, ImportedFile>>;
  readonly order: readonly string[];
  /** Report file id → linked profile file ids. */
  readonly links: Readonly<Record<string, readonly string[]>>;
  /** True while the workspace holds demo data. */
  readonly demo: boolean;
  readonly demoIds: readonly string[];
  /** The user cleared the workspace at least once: the demo is not loaded again by itself. */
  readonly cleared: boolean;
}

export interface WorkspaceActions {
  /** Adds or replaces (same id = same bytes) files; new ones go to the end of the list. */
  addFiles(files: readonly ImportedFile[], options?: AddFilesOptions): void;
  removeFile(id: string): void;
  /** Removes a file and returns what an undo needs to put it back (null when it is not there). */
  takeOut(id: string): RemovedFile | null;
  /**
   * Undo of `takeOut`: the file back at its place, with its demo mark and the links whose other
   * end is still in the workspace. Nothing happens when a file of that id is there again.
   */
  putBack(removed: RemovedFile): void;
  clearWorkspace(): void;
  /** Removes the demo files only, and does not bring them back on the next start. */
  clearDemo(): void;
  linkProfile(reportId: string, profileId: string): void;
  unlinkProfile(reportId: string, profileId: string): void;
  /**
   * Puts the saved workspace back (from IndexedDB). Files added while it was being read (a drop
   * during start-up) are kept, after the saved ones.
   */
  restoreWorkspace(state: WorkspaceState): void;
}

export type WorkspaceSlice = WorkspaceState & WorkspaceActions;

export const emptyWorkspace: WorkspaceState = {
  files: {},
  order: [],
  links: {},
  demo: false,
  demoIds: [],
  cleared: false,
};

function withoutIds(state: WorkspaceState, ids: ReadonlySet<string>): WorkspaceState {
  // Null-prototype copies: file ids come from hashes, but nothing here should trust that.
  const files: Record<string, ImportedFile> = Object.create(null) as Record<string, ImportedFile>;
  for (const [id, file] of Object.entries(state.files)) if (!ids.has(id)) files[id] = file;
  const links: Record<string, readonly string[]> = Object.create(null) as Record<
    string,
    readonly string[]
  >;
  for (const [reportId, profiles] of Object.entries(state.links)) {
    if (ids.has(reportId)) continue;
    const kept = profiles.filter((p) => !ids.has(p));
    if (kept.length > 0) links[reportId] = kept;
  }
  const demoIds = state.demoIds.filter((id) => !ids.has(id));
  return {
    files,
    order: state.order.filter((id) => !ids.has(id)),
    links,
    demoIds,
    demo: demoIds.length > 0,
    cleared: state.cleared,
  };
}

export const createWorkspaceSlice: StateCreator<WorkspaceSlice, [], [], WorkspaceSlice> = (
  set,
  get,
) => ({
  ...emptyWorkspace,

  addFiles: (incoming, options) =>
    set((state) => {
      if (incoming.length === 0) return {};
      const files = Object.assign(Object.create(null) as Record<string, ImportedFile>, state.files);
      const order = [...state.order];
      const demoIds = [...state.demoIds];
      for (const file of incoming) {
        if (!Object.hasOwn(files, file.id)) order.push(file.id);
        files[file.id] = file;
        if (options?.demo && !demoIds.includes(file.id)) demoIds.push(file.id);
      }
      return { files, order, demoIds, demo: demoIds.length > 0 };
    }),

  removeFile: (id) => set((state) => withoutIds(state, new Set([id]))),

  takeOut: (id) => {
    const state = get();
    const file = Object.hasOwn(state.files, id) ? state.files[id] : undefined;
    if (!file) return null;
    const removed: RemovedFile = {
      file,
      index: state.order.indexOf(id),
      demo: state.demoIds.includes(id),
      profiles: state.links[id] ?? [],
      reports: Object.entries(state.links)
        .filter(([, ids]) => ids.includes(id))
        .map(([reportId]) => reportId),
    };
    set(withoutIds(state, new Set([id])));
    return removed;
  },

  putBack: (removed) =>
    set((state) => {
      const { file } = removed;
      if (Object.hasOwn(state.files, file.id)) return {};
      const files = Object.assign(Object.create(null) as Record<string, ImportedFile>, state.files);
      files[file.id] = file;
      const order = [...state.order];
      order.splice(Math.max(0, Math.min(removed.index, order.length)), 0, file.id);
      const demoIds = removed.demo ? [...state.demoIds, file.id] : state.demoIds;
      const links: Record<string, readonly string[]> = { ...state.links };
      const profiles = removed.profiles.filter((p) => Object.hasOwn(files, p));
      if (profiles.length > 0) links[file.id] = profiles;
      for (const reportId of removed.reports) {
        if (!Object.hasOwn(files, reportId)) continue;
        const current = links[reportId] ?? [];
        if (!current.includes(file.id)) links[reportId] = [...current, file.id];
      }
      return { files, order, links, demoIds, demo: demoIds.length > 0 };
    }),

  clearWorkspace: () => set({ ...emptyWorkspace, cleared: true }),

  clearDemo: () =>
    set((state) => ({ ...withoutIds(state, new Set(state.demoIds)), cleared: true })),

  linkProfile: (reportId, profileId) =>
    set((state) => {
      // A report links to profiles and to measurement files (its baseline / tuned / GPU runs).
      const other = state.files[profileId];
      if (
        !reportOf(state.files[reportId]) ||
        (!profileOf(other) && measurementsOf(other).length === 0)
      )
        return {};
      const current = state.links[reportId] ?? [];
      if (current.includes(profileId)) return {};
      return { links: { ...state.links, [reportId]: [...current, profileId] } };
    }),

  unlinkProfile: (reportId, profileId) =>
    set((state) => {
      const current = state.links[reportId];
      if (!current?.includes(profileId)) return {};
      const links = { ...state.links };
      const kept = current.filter((p) => p !== profileId);
      if (kept.length > 0) links[reportId] = kept;
      else delete links[reportId];
      return { links };
    }),

  restoreWorkspace: (saved) =>
    set((current) => {
      const files = Object.assign(
        Object.create(null) as Record<string, ImportedFile>,
        saved.files,
        current.files,
      );
      const order = [...saved.order, ...current.order.filter((id) => !saved.order.includes(id))];
      const links: Record<string, readonly string[]> = { ...saved.links };
      for (const [reportId, ids] of Object.entries(current.links)) {
        links[reportId] = [...new Set([...(links[reportId] ?? []), ...ids])];
      }
      const demoIds = [...new Set([...saved.demoIds, ...current.demoIds])];
      return {
        files,
        order,
        links,
        demoIds,
        demo: demoIds.length > 0,
        cleared: saved.cleared || current.cleared,
      };
    }),
});
