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

async function fetchSample(group: string, path: string): Promise<IngestEntry | null> {
  const response = await fetch(samplesUrl(path));
  if (!response.ok) return null;
  const blob = await response.blob();
  const name = path.slice(path.lastIndexOf('/') + 1);
  // The group name stands for the folder, so the files of one group link to each other.
  return { file: new File([blob], name), path: `${group}/${name}` };
}

export async function loadDemo(): Promise<void> {
  const store = useAppStore.getState();
  store.setDemoLoading(true);
  try {
    const response = await fetch(samplesUrl('index.json'));
    const manifest = response.ok ? parseManifest(await response.json()) : null;
    if (!manifest) return;
    const entries = await Promise.all(
      manifest.groups.flatMap((g) => g.files.map((f) => fetchSample(g.name, f).catch(() => null))),
    );
    const found = entries.filter((e): e is IngestEntry => e !== null);
    if (found.length > 0) await ingestFiles(found, { demo: true });
  } catch {
    // The demo is a convenience: without it the page simply starts empty.
  } finally {
    useAppStore.getState().setDemoLoading(false);
  }
}
