// Reads trtexec `--exportProfile=<file>` (NVIDIA/TensorRT samples/common/sampleReporting.cpp
// Profiler::exportJSONProfile): a JSON array whose first element is `{ "count" : N }` (the
// profiled iterations), then one object per layer `{ "name", "timeMs" (total), "averageMs",
// "percentage" (0–100) }`; TensorRT 8.6 and later add "medianMs". trtexec writes layer names
// without escaping them, so a name holding a quote or a backslash makes the file invalid JSON:
// that is reported as NOT_JSON at its line. A cut file keeps the layers that were complete.
import type { LayerProfile, LayerProfileResult, LayerTime } from './model.ts';
import { describe, hasError, issue, IssueList } from './issues.ts';
import { parseJsonText } from './json-input.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function readTrtexecProfile(text: string, _fileName: string): LayerProfileResult {
  const parsed = parseJsonText(text);
  const issues = new IssueList();
  let root: unknown;
  let incomplete: ReadonlySet<object> = new Set();
  if (parsed.ok) root = parsed.value;
  else {
    for (const i of parsed.issues) issues.add(i);
    if (!parsed.partial) return { ok: false, profile: null, issues: issues.done() };
    root = parsed.partial.value;
    incomplete = parsed.partial.incomplete;
  }
  const head: unknown = Array.isArray(root) ? root[0] : undefined;
  if (!Array.isArray(root) || !isObject(head) || incomplete.has(head)) {
    issues.add(
      issue('SCHEMA_MISMATCH', 'error', 'An --exportProfile file starts with [{ "count": N }', {
        path: Array.isArray(root) ? '/0' : '',
        expected: '[{ "count": N }, { "name", "timeMs", "averageMs", "percentage" }, …]',
        found: describe(Array.isArray(root) ? head : root),
      }),
    );
    return { ok: false, profile: null, issues: issues.done() };
  }
  const count = head['count'];
  if (!num(count) || !Number.isInteger(count) || count < 0) {
    issues.add(
      issue('SCHEMA_MISMATCH', 'error', 'The iteration count is not a non-negative integer', {
        path: '/0/count',
        expected: 'a non-negative integer',
        found: describe(count),
      }),
    );
  }
  const layers: LayerTime[] = [];
  for (let i = 1; i < root.length; i++) {
    const l: unknown = root[i];
    if (isObject(l) && incomplete.has(l)) break;
    if (!isObject(l)) {
      issues.add(
        issue('SCHEMA_MISMATCH', 'error', `Element ${i} is not a layer object`, {
          path: `/${i}`,
          expected: 'an object',
          found: describe(l),
        }),
      );
      continue;
    }
    const { name, timeMs, averageMs, medianMs, percentage } = l;
    const bad: [string, string, unknown][] = [];
    if (typeof name !== 'string') bad.push(['name', 'a string', name]);
    if (!num(timeMs)) bad.push(['timeMs', 'a number', timeMs]);
    if (!num(averageMs)) bad.push(['averageMs', 'a number', averageMs]);
    if (!num(percentage)) bad.push(['percentage', 'a number', percentage]);
    if (medianMs !== undefined && !num(medianMs)) bad.push(['medianMs', 'a number', medianMs]);
    for (const [key, expected, found] of bad) {
      issues.add(
        issue('SCHEMA_MISMATCH', 'error', `Layer ${i}: ${key} is not ${expected}`, {
          path: `/${i}/${key}`,
          expected,
          found: describe(found),
        }),
      );
    }
    if (bad.length > 0) continue;
    layers.push({
      name: name as string,
      timeMs: timeMs as number,
      averageMs: averageMs as number,
      medianMs: num(medianMs) ? medianMs : null,
      percentage: percentage as number,
    });
  }
  const profile: LayerProfile = { iterations: num(count) ? count : 0, layers };
  const all = issues.done();
  return hasError(all) ? { ok: false, profile, issues: all } : { ok: true, profile, issues: all };
}
