// The shared session: the runs of a share link (`#b=…`) or a launcher permalink, opened read-only
// beside the user's own workspace and never mixed into it until they choose "Add to my workspace".
// It lasts for the browser tab: kept in sessionStorage so a reload of the tab keeps it, and read
// back from there as untrusted input (the bundle is validated again like any link). The address
// bar carries its source as a fragment (`#b=…` or `#r=<permalink id>`), so the URL of any page in
// the session reopens that page in another browser.
import type { StateCreator } from 'zustand';
import type { ShareBundleV1, SharedRun } from '../../../core/share/bundle-types.ts';
import { fromBundle } from '../../../core/share/bundle.ts';
import { FRAGMENT_PREFIX, MAX_FRAGMENT_CHARS, decodeData } from '../../../core/share/codec.ts';
import type { ViewState } from '../../../core/share/view-state.ts';
import type { SharedProfile } from '../../../core/share/profile-bundle.ts';
import {
  addedRunIds,
  filesFromShared,
  filesFromSharedProfiles,
  measurementsFromShared,
} from '../shared-runs.ts';
import type { MeasureChoicesSlice } from './measure-choices.ts';
import type { WorkspaceSlice } from './workspace.ts';

/** Where the shared runs came from: the fragment of a link, or a permalink id on the launcher. */
export type SharedSource =
  | { readonly kind: 'link'; readonly fragment: string }
  | { readonly kind: 'permalink'; readonly id: string };

export interface SharedSession {
  readonly source: SharedSource;
  readonly bundle: ShareBundleV1;
  readonly runs: readonly SharedRun[];
  /** The view the sender shared (what a page shows when its URL holds no view of its own). */
  readonly view: ViewState;
  /** A shared profile comparison's two profiles, baseline first; empty for shared runs. */
  readonly profiles: readonly SharedProfile[];
}

export interface SharedSessionSlice {
  readonly shared: SharedSession | null;
  /** Opens a validated bundle read-only (replacing any shared session the tab had). */
  openShared(bundle: ShareBundleV1, source: SharedSource): void;
  /** Back to the user's own workspace; the shared runs are dropped. */
  leaveShared(): void;
  /**
   * Copies the shared runs into the workspace and leaves the session. Returns each shared run id
   * with the id the run has in the workspace now.
   */
  saveShared(): ReadonlyMap<string, string>;
}

/** The fragment marker of a permalink session (`#r=<id>`); `#b=` is the link's own. */
export const PERMALINK_PREFIX = 'r=';
export const SESSION_KEY = 'aoe-dashboard.shared-session';
const PERMALINK_ID = /^[A-Za-z0-9_-]{1,128}$/;

export const isPermalinkId = (id: string): boolean => PERMALINK_ID.test(id);

/** The session source a location fragment names, or null when it names none. */
export function sourceFromHash(hash: string): SharedSource | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.startsWith(FRAGMENT_PREFIX)) return { kind: 'link', fragment: body };
  if (body.startsWith(PERMALINK_PREFIX)) {
    const id = body.slice(PERMALINK_PREFIX.length);
    return isPermalinkId(id) ? { kind: 'permalink', id } : null;
  }
  return null;
}

/** The fragment (with `#`) that names a source in the address bar. */
export const sourceHash = (source: SharedSource): string =>
  source.kind === 'link' ? `#${source.fragment}` : `#${PERMALINK_PREFIX}${source.id}`;

export const sameSource = (a: SharedSource | null, b: SharedSource | null): boolean =>
  a !== null && b !== null && sourceHash(a) === sourceHash(b);

export function sessionOf(bundle: ShareBundleV1, source: SharedSource): SharedSession {
  const { runs, view, profiles } = fromBundle(bundle);
  return { source, bundle, runs, view, profiles };
}

/** What sessionStorage holds for the tab. */
interface SavedSession {
  readonly version: 1;
  readonly source: SharedSource;
  readonly bundle: unknown;
}

function parseSource(value: unknown): SharedSource | null {
  if (value === null || typeof value !== 'object') return null;
  const rec = value as Record<string, unknown>;
  if (rec['kind'] === 'link' && typeof rec['fragment'] === 'string') {
    const fragment = rec['fragment'];
    return fragment.startsWith(FRAGMENT_PREFIX) && fragment.length <= MAX_FRAGMENT_CHARS + 2
      ? { kind: 'link', fragment }
      : null;
  }
  if (rec['kind'] === 'permalink' && typeof rec['id'] === 'string' && isPermalinkId(rec['id'])) {
    return { kind: 'permalink', id: rec['id'] };
  }
  return null;
}

export type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The tab's saved session, validated like a link that was just opened; null if none or invalid. */
export function readSavedSession(storage: SessionStore | null): SharedSession | null {
  let text: string | null = null;
  try {
    text = storage?.getItem(SESSION_KEY) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (data === null || typeof data !== 'object') return null;
  const rec = data as Record<string, unknown>;
  const source = parseSource(rec['source']);
  if (rec['version'] !== 1 || source === null) return null;
  const decoded = decodeData(rec['bundle']);
  return decoded.ok ? sessionOf(decoded.bundle, source) : null;
}

function writeSavedSession(storage: SessionStore | null, session: SharedSession | null): void {
  try {
    if (session === null) storage?.removeItem(SESSION_KEY);
    else {
      const saved: SavedSession = { version: 1, source: session.source, bundle: session.bundle };
      storage?.setItem(SESSION_KEY, JSON.stringify(saved));
    }
  } catch {
    // Storage full or refused: the session still lives in the page and in its address.
  }
}

/** The browser tab's sessionStorage, where there is one. */
export function tabStorage(): SessionStore | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function makeSharedSessionSlice(
  storage: () => SessionStore | null,
): StateCreator<
  SharedSessionSlice & WorkspaceSlice & MeasureChoicesSlice,
  [],
  [],
  SharedSessionSlice
> {
  return (set, get) => ({
    shared: readSavedSession(storage()),

    openShared: (bundle, source) => {
      const session = sessionOf(bundle, source);
      set({ shared: session });
      writeSavedSession(storage(), session);
    },

    leaveShared: () => {
      set({ shared: null });
      writeSavedSession(storage(), null);
    },

    saveShared: () => {
      const session = get().shared;
      const out = new Map<string, string>();
      if (session === null) return out;
      // A report the viewer already has keeps its own tasks; only new reports are added.
      const files = get().files;
      const fresh = session.runs.filter((r) => !Object.hasOwn(files, r.reportId));
      // Likewise a shared profile the viewer already has (same file, same id) keeps theirs.
      const profiles = session.profiles.filter((p) => !Object.hasOwn(files, p.id));
      get().addFiles([...filesFromShared(fresh), ...filesFromSharedProfiles(profiles)]);
      // The measurements the link carries come along, linked as they were, with the roles and
      // batch sizes the sharer set by hand (a file the viewer already has keeps its own).
      const measured = measurementsFromShared(fresh);
      get().addFiles(measured.files.filter((f) => !Object.hasOwn(files, f.id)));
      for (const [reportId, fileId] of measured.links) get().linkProfile(reportId, fileId);
      const own = get().measureChoices;
      get().applyMeasureChoices(
        measured.choices.filter(([id]) => !Object.hasOwn(files, id) && !Object.hasOwn(own, id)),
        [],
      );
      const renamed = addedRunIds(fresh);
      for (const r of session.runs) out.set(r.run.id, renamed.get(r.run.id) ?? r.run.id);
      get().leaveShared();
      return out;
    },
  });
}

export const createSharedSessionSlice = makeSharedSessionSlice(tabStorage);
