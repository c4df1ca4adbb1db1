// Expands the PATH arguments of `inspect`/`compare`: a file is taken as given; a directory (a
// PROF_* or *_ascend_pt folder, an AOE working directory) is walked and every file a format
// recognises, by content or by name, is picked. Symbolic links are not followed (no loops, no
// escaping the folder), and raw-data folders are skipped by reading only each file's head.
import { open, readdir, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { detectBytes, HEAD_BYTES } from '../../core/formats/index.ts';

export interface WalkResult {
  /** Paths to import, in argument order (directories expanded in name order). */
  readonly files: readonly { readonly path: string; readonly missing: boolean }[];
  /** Files under directories that no format recognised. */
  readonly skipped: number;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

export async function expandPaths(paths: readonly string[]): Promise<WalkResult> {
  const files: { path: string; missing: boolean }[] = [];
  let skipped = 0;
  for (const p of paths) {
    let st;
    try {
      st = await lstat(p);
    } catch {
      files.push({ path: p, missing: true });
      continue;
    }
    if (!st.isDirectory()) {
      files.push({ path: p, missing: false });
      continue;
    }
    for await (const f of walk(p)) {
      if (await recognised(f)) files.push({ path: f, missing: false });
      else skipped += 1;
    }
  }
  return { files, skipped };
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(path);
    } else if (e.isFile()) {
      yield path;
    }
  }
}

async function recognised(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = new Uint8Array(HEAD_BYTES + 4);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const stat = await handle.stat();
    return detectBytes(path, buf.subarray(0, bytesRead), stat.size).kind === 'module';
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
