// Measurement files on the command line (ais_bench summary or log, legacy benchmark perf txt,
// MindSpore Lite benchmark log, trtexec log or --exportTimes JSON), for `compare` and `report`:
// recognised by content with the core readers, so the CLI reads what the dashboard reads.
import { open, readFile, stat } from 'node:fs/promises';
import type { Measurement } from '../../core/measure/model.ts';
import { MEASUREMENT_READERS } from '../../core/measure/readers.ts';
import { detectMeasureFormat } from '../../core/measure/sniff.ts';
import { showControls } from '../../core/export/visible-text.ts';

/** A benchmark log or export larger than this is not read whole by the CLI. */
export const MAX_MEASUREMENT_BYTES = 512 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export class MeasurementInputError extends Error {}

/** True when the file's head is one of the measurement formats (an AOE report is not). */
export async function isMeasurementFile(path: string): Promise<boolean> {
  let head: string;
  try {
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
      head = buffer
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
  const id = detectMeasureFormat({ fileName: path, head });
  return id !== null && id !== 'trtexec-profile';
}

/**
 * The file's measurement: the first one it holds (a log of several runs warns and keeps the
 * first). An unreadable file, another format or an error in the file is a MeasurementInputError
 * naming the file and where.
 */
export async function readMeasurementFile(
  path: string,
  warn: (text: string) => void,
): Promise<Measurement> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_MEASUREMENT_BYTES)
      throw new MeasurementInputError(`${path}: larger than ${MAX_MEASUREMENT_BYTES} bytes`);
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof MeasurementInputError) throw err;
    throw new MeasurementInputError(
      `${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  const id = detectMeasureFormat({ fileName: path, head: text.slice(0, HEAD_BYTES) });
  if (id === null || id === 'trtexec-profile') {
    throw new MeasurementInputError(
      `${path}: not a benchmark measurement (ais_bench, benchmark, MindSpore Lite benchmark or trtexec)`,
    );
  }
  const result = MEASUREMENT_READERS[id](text, path);
  for (const issue of result.issues) {
    const where =
      issue.line !== undefined ? ` (line ${issue.line})` : issue.path ? ` (at ${issue.path})` : '';
    warn(showControls(`${path}: ${issue.severity} ${issue.code}: ${issue.message}${where}`));
  }
  const first = result.measurements[0];
  if (!result.ok || first === undefined) {
    const why = result.issues.find((i) => i.severity === 'error');
    throw new MeasurementInputError(
      `${path}: ${showControls(why?.message ?? 'no measurement in the file')}`,
    );
  }
  if (result.measurements.length > 1) {
    warn(`${path}: holds ${result.measurements.length} measurements; the first is used`);
  }
  return first;
}
