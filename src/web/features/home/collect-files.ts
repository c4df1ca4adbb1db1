// Turns what the user dropped or picked into files to load and files to skip. Loose files are
// always loaded (detection by content decides what they are, and a wrong one shows its issue).
// Files found inside a folder are loaded only when their content is a format we read: a PROF_*
// folder holds hundreds of other files (and timelines of hundreds of MB) that are listed as
// skipped, with the reason, instead of being parsed.
import type { ImportIssue } from '../../../core/formats/types.ts';
import { ACCEPTED_EXTENSIONS } from '../../../core/formats/registry.ts';
import type { SkippedFile } from '../../store/index.ts';
import type { IngestEntry } from '../../workers/ingest.ts';

export interface Collected {
  readonly load: IngestEntry[];
  readonly skipped: SkippedFile[];
}

interface Found {
  readonly file: File;
  readonly path: string;
  readonly inFolder: boolean;
}

/** A name ending some registered format accepts (the registry lists them). */
function acceptedName(path: string): boolean {
  const lower = path.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Walks a dropped directory; `readEntries` returns at most ~100 entries per call. */
async function walk(entry: FileSystemEntry, found: Found[], skipped: SkippedFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    try {
      found.push({ file: await entryFile(entry as FileSystemFileEntry), path, inFolder: true });
    } catch {
      skipped.push({ path, reason: 'unreadable' });
    }
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    let batch: FileSystemEntry[];
    try {
      batch = await readEntries(reader);
    } catch {
      skipped.push({ path, reason: 'unreadable' });
      return;
    }
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, found, skipped);
  }
}

/**
 * The entries of a drop. Must be called synchronously inside the drop handler: the items of a
 * DataTransfer are emptied once the event returns.
 */
export function dropEntries(data: DataTransfer): (FileSystemEntry | File)[] {
  const out: (FileSystemEntry | File)[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    const file = entry ? null : item.getAsFile();
    if (entry) out.push(entry);
    else if (file) out.push(file);
  }
  if (out.length === 0) out.push(...Array.from(data.files));
  return out;
}

/** Does the head of a file found in a folder look like a format we read? */
async function recognise(file: File, path: string): Promise<ImportIssue | null> {
  const { detectBytes, HEAD_BYTES } = await import('../../../core/formats/detect.ts');
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const detection = detectBytes(path, head, file.size);
  if (detection.kind === 'module') return null;
  return detection.issues[0] ?? null;
}

async function sortOut(found: readonly Found[], skipped: SkippedFile[]): Promise<Collected> {
  const load: IngestEntry[] = [];
  for (const { file, path, inFolder } of found) {
    if (!inFolder) {
      load.push({ file, path });
      continue;
    }
    if (!acceptedName(path)) {
      skipped.push({ path, reason: 'unsupported-type' });
      continue;
    }
    try {
      const issue = await recognise(file, path);
      if (issue) skipped.push({ path, reason: 'not-recognised', issue });
      else load.push({ file, path });
    } catch {
      skipped.push({ path, reason: 'unreadable' });
    }
  }
  return { load, skipped };
}

export async function collectDropped(
  items: readonly (FileSystemEntry | File)[],
): Promise<Collected> {
  const found: Found[] = [];
  const skipped: SkippedFile[] = [];
  for (const item of items) {
    if (item instanceof File) found.push({ file: item, path: item.name, inFolder: false });
    else if (item.isFile) {
      try {
        const file = await entryFile(item as FileSystemFileEntry);
        found.push({ file, path: file.name, inFolder: false });
      } catch {
        skipped.push({ path: item.name, reason: 'unreadable' });
      }
    } else await walk(item, found, skipped);
  }
  return sortOut(found, skipped);
}

/** Files from an <input>: a folder picker sets `webkitRelativePath` on each. */
export function collectPicked(files: readonly File[]): Promise<Collected> {
  const found = files.map((file) => ({
    file,
    path: file.webkitRelativePath || file.name,
    inFolder: Boolean(file.webkitRelativePath),
  }));
  return sortOut(found, []);
}
