// The demo workspace: the files listed in `public/samples/index.json`, fetched from our own origin
// and loaded like dropped files, marked as demo data. Files listed in one group are linked (the
// demo report and the demo profile of the same model).
import { useAppStore } from '../store/index.ts';
import { ingestFiles, type IngestEntry } from './ingest.ts';

interface DemoManifest {
  readonly groups: readonly { readonly name: string; readonly files: readonly string[] }[];
}

function parseManifest(value: unknown): DemoManifest | null {
  if (typeof value !== 'object' || value === null) return null;
  const groups = (value as { groups?: unknown }).groups;
  if (!Array.isArray(groups)) return null;
  const out: { name: string; files: string[] }[] = [];
  for (const g of groups) {
    if (typeof g !== 'object' || g === null) continue;
    const { name, files } = g as { name?: unknown; files?: unknown };
    if (typeof name !== 'string' || !Array.isArray(files)) continue;
    // Relative paths inside samples/ only: the manifest never points anywhere else.
    const safe = files.filter(
      (f): f is string => typeof f === 'string' && !f.includes('..') && !/^[a-z]+:|^\//i.test(f),
    );
    out.push({ name, files: safe });
  }
  return { groups: out };
}

/** A URL under the app's base (not the current page's path: the app may start on /run/…). */
function samplesUrl(path: string): URL {
  return new URL(`${import.meta.env.BASE_URL}samples/${path}`, globalThis.location.origin);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

async function fetchSample(group: string, path: string): Promise<IngestEntry | null> {
  const response = await fetch(samplesUrl(path));
  if (!response.ok) return null;
  const blob = await response.blob();
  const name = baseName(path);
  // The group name stands for the folder, so the files of one group link to each other.
  return { file: new File([blob], name), path: `${group}/${name}` };
}

/**
 * Set while the demo is being loaded and stored. A reload meanwhile is not asked about (the user
 * made none of it); the next start finds the mark and loads the demo files not stored yet.
 */
const PENDING_KEY = 'aoe-dashboard.demo-pending';

function setPending(pending: boolean): void {
  try {
    if (pending) globalThis.localStorage?.setItem(PENDING_KEY, '1');
    else globalThis.localStorage?.removeItem(PENDING_KEY);
  } catch {
    // Storage blocked: the workspace lives for this page only anyway.
  }
}

/** True when a demo load was cut short (a reload or a closed tab before it was stored). */
export function demoPending(): boolean {
  try {
    return globalThis.localStorage?.getItem(PENDING_KEY) === '1';
  } catch {
    return false;
  }
}

/** Resolves once the worker has stored (or failed to store) every one of these files. */
function stored(ids: readonly string[]): Promise<void> {
  const done = () => !useAppStore.getState().savingIds.some((id) => ids.includes(id));
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = useAppStore.subscribe(() => {
      if (!done()) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Loads the demo files, marked as demo data. Files of it already in the workspace (stored before
 * a reload cut an earlier load short) are not loaded again, and the new ones link to them.
 */
export async function loadDemo(): Promise<void> {
  const store = useAppStore.getState();
  store.setDemoLoading(true);
  setPending(true);
  try {
    const response = await fetch(samplesUrl('index.json'));
    const manifest = response.ok ? parseManifest(await response.json()) : null;
    if (!manifest) {
      setPending(false);
      return;
    }
    const present = new Map(
      store.demoIds.flatMap((id) => {
        const file = store.files[id];
        return file ? [[file.fileName, file] as const] : [];
      }),
    );
    const wanted = manifest.groups.flatMap((g) =>
      g.files.map((f) => ({ group: g.name, path: f, as: `${g.name}/${baseName(f)}` })),
    );
    const entries = await Promise.all(
      wanted
        .filter((w) => !present.has(w.as))
        .map((w) => fetchSample(w.group, w.path).catch(() => null)),
    );
    const found = entries.filter((e): e is IngestEntry => e !== null);
    const alongside = [...present].map(([path, file]) => ({ path, file }));
    if (found.length > 0) {
      const files = await ingestFiles(found, { demo: true, alongside });
      await stored(files.map((f) => f.id));
    }
    setPending(false);
  } catch {
    // The demo is a convenience: without it the page simply starts empty.
  } finally {
    useAppStore.getState().setDemoLoading(false);
  }
}
