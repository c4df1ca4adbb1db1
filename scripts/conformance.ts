// `npm run conformance`: checks the profiler-table parsers against real tool output kept beside
// the project in ../shared/real-samples (never copied into it). Every op_summary, kernel_details
// and op_statistic file there must be detected as its format by content alone, read without
// errors, and yield as many rows as an independent CSV parser (papaparse) counts. Every other CSV
// there (step_trace_time, api_statistic, operator_details, …) must not be taken for one of ours.
// Prints a table; exits 1 on any mismatch, 0 when all agree or when the samples are absent.
//
// The deeper profile readers are checked the same way (profile-ext.ts): every step_trace_time
// CSV, every timeline (trace_view.json, msprof_*.json) and every profiler .db there must be
// detected by content and read, with counts checked against an independent count — papaparse
// rows, JSON.parse of the whole array, SQLite's own `SELECT count(*)`.
//
// One documented exception: MindStudio Insight's `test_kernel_parse/op_summary_1.csv` is named
// like an msprof op_summary but is a torch_npu kernel_details table with some msprof column names
// mixed in (`Step Id`, `Start Time(us)` — written only by torch_npu — next to `Op Name`,
// `Task Duration(us)`). Content wins over the name: it is read as kernel-details, header set
// `torch_npu-mixed`, and the name only lowers its detection score.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { ProfileFormat } from '../src/core/model/types.ts';
import type { ImportIssue, StreamFormatModule } from '../src/core/formats/types.ts';
import { opSummaryFormat } from '../src/core/formats/op-summary/index.ts';
import { kernelDetailsFormat } from '../src/core/formats/kernel-details/index.ts';
import { opStatisticFormat } from '../src/core/formats/op-statistic/index.ts';
import { checkProfileExtensions } from './conformance/profile-ext.ts';

const MODULES: readonly StreamFormatModule[] = [
  opSummaryFormat,
  kernelDetailsFormat,
  opStatisticFormat,
];
const NAME_FORMAT: readonly [RegExp, ProfileFormat][] = [
  [/^op_summary.*\.csv$/i, 'op-summary'],
  [/^kernel_details.*\.csv$/i, 'kernel-details'],
  [/^op_statistic.*\.csv$/i, 'op-statistic'],
];
/** Files whose name says one format and whose content is another, with the reason. */
const EXCEPTIONS: Readonly<Record<string, ProfileFormat>> = {
  'test_kernel_parse/op_summary_1.csv': 'kernel-details',
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// AOE_REAL_SAMPLES names another folder (a second checkout of the project has no ../shared).
const samples = resolve(process.env.AOE_REAL_SAMPLES ?? resolve(root, '../shared/real-samples'));
if (!existsSync(samples)) {
  console.log(`conformance: no real samples at ${samples} — nothing to check.`);
  process.exit(0);
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return csvFiles(path);
      return name.toLowerCase().endsWith('.csv') ? [path] : [];
    });
}

function detect(fileName: string, bytes: Uint8Array, useName: boolean) {
  const head = new TextDecoder().decode(bytes.subarray(0, 65536)).replace(/^\uFEFF/, '');
  let best: { module: StreamFormatModule; score: number } | null = null;
  for (const module of MODULES) {
    const score = module.sniff({ fileName: useName ? fileName : 'unknown', head });
    if (score > 0 && (best === null || score > best.score)) best = { module, score };
  }
  return best;
}

function expectedFormat(path: string): ProfileFormat | null {
  for (const [suffix, format] of Object.entries(EXCEPTIONS))
    if (path.endsWith(suffix)) return format;
  const base = path.split('/').pop() ?? path;
  return NAME_FORMAT.find(([re]) => re.test(base))?.[1] ?? null;
}

interface Line {
  file: string;
  expected: string;
  detected: string;
  headerSet: string;
  rows: string;
  papaparse: string;
  issues: string;
  ok: boolean;
}

const lines: Line[] = [];
for (const path of csvFiles(samples)) {
  const file = relative(samples, path);
  const fileName = path.split('/').pop() ?? path;
  const bytes = new Uint8Array(readFileSync(path));
  const expected = expectedFormat(path);
  const byContent = detect(fileName, bytes, false);
  const contentFormat = byContent && byContent.score >= 2 ? byContent.module.id : null;
  if (expected === null) {
    lines.push({
      file,
      expected: 'other',
      detected: contentFormat ?? 'other',
      headerSet: '',
      rows: '',
      papaparse: '',
      issues: '',
      ok: contentFormat === null,
    });
    continue;
  }
  const withName = detect(fileName, bytes, true);
  const module = withName && withName.score >= 2 ? withName.module : null;
  const line: Line = {
    file,
    expected,
    detected: contentFormat ?? 'none',
    headerSet: '',
    rows: '',
    papaparse: '',
    issues: '',
    ok: false,
  };
  lines.push(line);
  if (module === null || contentFormat !== expected || module.id !== expected) continue;
  const parser = module.createParser({ fileName, id: 'conformance' });
  for (let off = 0; off < bytes.length; off += 65536) parser.push(bytes.subarray(off, off + 65536));
  const result = parser.finish();
  const issues: readonly ImportIssue[] = result.ok ? result.warnings : result.errors;
  line.issues = issues.map((i) => `${i.code}${i.line ? `@${i.line}` : ''}`).join(' ') || '-';
  if (!result.ok) continue;
  const profile = result.value.kind === 'profile' ? result.value.profile : null;
  if (!profile) throw new Error(`${fileName}: not a profile table`);
  const rows = profile.table?.rowCount ?? profile.summary.rows;
  const text = new TextDecoder().decode(bytes);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  const independent = parsed.data.length - 1;
  line.headerSet = profile.headerSet;
  line.rows = String(rows);
  line.papaparse = String(independent);
  line.ok =
    rows === independent &&
    profile.format === expected &&
    issues.every((i) => i.severity !== 'error');
}

const head: Line = {
  file: 'file (under ../shared/real-samples)',
  expected: 'expected',
  detected: 'detected',
  headerSet: 'header set',
  rows: 'rows',
  papaparse: 'papaparse',
  issues: 'issues',
  ok: true,
};
const cols = ['expected', 'detected', 'headerSet', 'rows', 'papaparse', 'issues'] as const;
const short = (f: string) => (f.length > 70 ? `…${f.slice(-69)}` : f);
const widths = cols.map((c) => Math.max(...[head, ...lines].map((l) => l[c].length)));
const fileWidth = Math.max(...[head, ...lines].map((l) => short(l.file).length));
for (const l of [head, ...lines]) {
  const cells = cols.map((c, i) => l[c].padEnd(widths[i] ?? 0));
  const mark = l === head ? '  ' : l.ok ? 'ok' : '✗ ';
  console.log(`${mark} ${short(l.file).padEnd(fileWidth)}  ${cells.join('  ')}`);
}
for (const l of lines) {
  const exception = Object.keys(EXCEPTIONS).find((suffix) => l.file.endsWith(suffix));
  if (exception) {
    console.log(
      `\nnote: ${exception} is named like an msprof op_summary but its header is a torch_npu ` +
        `kernel_details one with msprof names mixed in (Step Id and Start Time(us) next to Op Name ` +
        `and Task Duration(us)); it is read as ${EXCEPTIONS[exception]}, header set torch_npu-mixed.`,
    );
  }
}
const failed = lines.filter((l) => !l.ok);
const ours = lines.filter((l) => l.expected !== 'other').length;
console.log(
  `\nconformance: ${ours} profiler tables and ${lines.length - ours} other CSV files checked, ` +
    `${failed.length} mismatch${failed.length === 1 ? '' : 'es'}.`,
);
const extFailed = await checkProfileExtensions(samples);
process.exit(failed.length === 0 && extFailed === 0 ? 0 : 1);
