// What the job form needs besides rendering: which field a launcher error belongs to, the
// `name=value` option lines, and the localized messages grouped per field.
import type { FieldError } from './api.ts';

export type FieldKey =
  | 'model'
  | 'jobTypes'
  | 'device'
  | 'framework'
  | 'inputShape'
  | 'inputFormat'
  | 'options'
  | 'bank'
  | 'repeatTune'
  | 'timeout'
  | 'tuneOps'
  | 'general';

export function fieldOf(pointer: string): FieldKey {
  const top = pointer.split('/')[1] ?? '';
  if (pointer.startsWith('/env/TUNE_BANK_PATH')) return 'bank';
  if (pointer.startsWith('/env/REPEAT_TUNE')) return 'repeatTune';
  const map: Record<string, FieldKey> = {
    model: 'model',
    weight: 'model',
    jobTypes: 'jobTypes',
    device: 'device',
    framework: 'framework',
    inputShape: 'inputShape',
    inputFormat: 'inputFormat',
    options: 'options',
    timeoutS: 'timeout',
    tuneOpsFile: 'tuneOps',
  };
  return map[top] ?? 'general';
}

/** `name=value` lines → options; the line numbers of lines that are not. */
export function parseOptions(text: string): { options: Record<string, string>; bad: number[] } {
  const options: Record<string, string> = {};
  const bad: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const eq = line.indexOf('=');
    const name = (eq < 0 ? line : line.slice(0, eq)).trim().replace(/^--/, '');
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) bad.push(i + 1);
    else
      Object.defineProperty(options, name, {
        value: eq < 0 ? '' : line.slice(eq + 1),
        enumerable: true,
      });
  });
  return { options, bad };
}

export type Errors = Partial<Record<FieldKey, string[]>>;

export function groupErrors(
  list: readonly FieldError[],
  code: string,
  t: (key: string, opts?: Record<string, unknown>) => string,
): Errors {
  const out: Errors = {};
  const generic = t(`fieldError.${code}`, { defaultValue: t('fieldError.BAD_REQUEST') });
  for (const e of list) {
    const key = fieldOf(e.field);
    const option = e.field.startsWith('/options/') ? `${e.field.slice('/options/'.length)}: ` : '';
    // The launcher's own sentence is English; the localized one leads, the detail follows.
    (out[key] ??= []).push(`${option}${generic} (${e.message})`);
  }
  return out;
}
