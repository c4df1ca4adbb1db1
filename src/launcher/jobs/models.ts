// The model files a job may name: a bounded walk of the models root that never leaves it. A
// symlink is followed only when its target resolves inside the root (a link out is not listed,
// a directory link out is not entered), each real directory is entered once (no link loops), and
// names a request could not carry (control characters) are left out. The paths it returns are
// what POST /api/jobs takes as `model`.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import { hasControlChar } from './tools/tool.ts';

/** Suffixes of the files the tools read as models (atc/aoe frameworks, MindSpore, an .om). */
export const MODEL_SUFFIXES = ['.onnx', '.pb', '.prototxt', '.air', '.mindir', '.om'] as const;

export const MAX_MODELS = 2000;
export const MAX_DEPTH = 8;
/** Directory entries read in all before the walk stops (a root with millions of files). */
export const MAX_ENTRIES = 50_000;

export interface ModelFile {
  /** Relative to the models root, with `/`. */
  readonly path: string;
  readonly size: number;
  /** The suffix without its dot: onnx, pb, om, … */
  readonly kind: string;
}

export interface ModelListing {
  readonly root: string;
  readonly models: readonly ModelFile[];
  /** The walk stopped at a bound: more files may exist. */
  readonly truncated: boolean;
}

function suffixOf(name: string): string | null {
  const lower = name.toLowerCase();
  const s = MODEL_SUFFIXES.find((x) => lower.endsWith(x));
  return s ? s.slice(1) : null;
}

export function listModels(root: string): ModelListing {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { root, models: [], truncated: false };
  }
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);
  const models: ModelFile[] = [];
  const seen = new Set<string>([realRoot]);
  let entries = 0;
  let truncated = false;

  const walk = (dir: string, rel: string, depth: number): void => {
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of list) {
      if (truncated) return;
      entries += 1;
      if (entries > MAX_ENTRIES || models.length >= MAX_MODELS) {
        truncated = true;
        return;
      }
      const name = ent.name;
      if (name.startsWith('.') || hasControlChar(name) || name.includes('\\')) continue;
      const full = join(dir, name);
      const relPath = rel === '' ? name : `${rel}/${name}`;
      let real: string;
      try {
        real = ent.isSymbolicLink() ? realpathSync(full) : full;
      } catch {
        continue; // a dangling link
      }
      if (!inside(real)) continue;
      let isDir: boolean;
      let size: number;
      try {
        const st = statSync(real);
        isDir = st.isDirectory();
        size = st.size;
      } catch {
        continue;
      }
      if (isDir) {
        if (depth >= MAX_DEPTH || seen.has(real)) continue;
        seen.add(real);
        walk(real, relPath, depth + 1);
        continue;
      }
      const kind = suffixOf(name);
      if (kind !== null) models.push({ path: relPath, size, kind });
    }
  };
  walk(realRoot, '', 0);
  return { root: realRoot, models, truncated };
}
