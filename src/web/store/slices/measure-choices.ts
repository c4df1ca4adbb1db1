// What the user set by hand for a measurement file — its role (baseline OM, tuned OM, GPU
// baseline) and its batch size — by file id, for when the evidence (the tool, words of the path)
// is ambiguous or wrong. Kept with the workspace in IndexedDB (persist-measure-choices.ts), so a
// choice holds after a reload and in every tab.
import type { StateCreator } from 'zustand';
import type { MeasureRole } from '../../../core/measure/link.ts';
import type { MeasureChoice } from '../../../core/model/run.ts';

export const MEASURE_ROLES: readonly MeasureRole[] = ['baseline', 'tuned', 'gpu'];
/** The largest batch size accepted by hand (ais_bench and trtexec stay far below). */
export const MAX_HAND_BATCH = 65536;

/** A stored or heard choice, checked: anything else counts as absent. */
export function parseMeasureChoice(value: unknown): MeasureChoice | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const role = MEASURE_ROLES.find((r) => r === v.role);
  const bs = v.batchSize;
  const batchSize =
    typeof bs === 'number' && Number.isInteger(bs) && bs > 0 && bs <= MAX_HAND_BATCH
      ? bs
      : undefined;
  if (role === undefined && batchSize === undefined) return null;
  return {
    ...(role !== undefined ? { role } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
  };
}

export interface MeasureChoicesSlice {
  readonly measureChoices: Readonly<Record<string, MeasureChoice>>;
  /** Sets (or, with null, clears) the role of a measurement file. */
  setMeasureRole(fileId: string, role: MeasureRole | null): void;
  /** Sets (or, with null, clears) the batch size of a measurement file. */
  setMeasureBatch(fileId: string, batchSize: number | null): void;
  /** Puts choices read from storage or heard from another tab in place (no write back). */
  applyMeasureChoices(
    set: readonly (readonly [string, MeasureChoice])[],
    removed: readonly string[],
  ): void;
}

const copy = (d: Readonly<Record<string, MeasureChoice>>): Record<string, MeasureChoice> =>
  Object.assign(Object.create(null) as Record<string, MeasureChoice>, d);

export const createMeasureChoicesSlice: StateCreator<
  MeasureChoicesSlice,
  [],
  [],
  MeasureChoicesSlice
> = (set) => {
  const change = (fileId: string, patch: Partial<Record<keyof MeasureChoice, unknown>>) =>
    set((state) => {
      const next = copy(state.measureChoices);
      const merged = parseMeasureChoice({ ...next[fileId], ...patch });
      if (merged) next[fileId] = merged;
      else delete next[fileId];
      return { measureChoices: next };
    });
  return {
    measureChoices: Object.create(null) as Record<string, MeasureChoice>,
    setMeasureRole: (fileId, role) => change(fileId, { role: role ?? undefined }),
    setMeasureBatch: (fileId, batchSize) => change(fileId, { batchSize: batchSize ?? undefined }),
    applyMeasureChoices: (entries, removed) =>
      set((state) => {
        if (entries.length === 0 && removed.length === 0) return {};
        const next = copy(state.measureChoices);
        for (const k of removed) delete next[k];
        for (const [k, c] of entries) next[k] = c;
        return { measureChoices: next };
      }),
  };
};
