// The conformance part for the deeper profile readers: step_trace_time CSVs, timelines and
// profiler databases under ../shared/real-samples. Each file must be detected by content (the
// name given as `unknown`), read without errors, and agree with a count made another way:
// - step_trace_time: data rows = papaparse's rows less the header;
// - timeline: events = the length of the array JSON.parse makes of the whole file, and kernels =
//   the profiler's own Overlap Analysis `Computing` events (one per kernel), when it has them;
// - .db: rows = SQLite's `SELECT count(*)` of TASK ⋈ COMPUTE_TASK_INFO plus COMMUNICATION_OP.
// Other JSON files there (communication.json, profiler_info_*.json, …) must not be taken for a
// timeline. Returns the number of mismatches.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { stepTraceReader } from '../../src/core/formats/step-trace/index.ts';
import { timelineReader } from '../../src/core/formats/timeline/index.ts';
import { profilerDbReader } from '../../src/core/formats/profiler-db/index.ts';
import type { ImportIssue } from '../../src/core/formats/types.ts';

const CHUNK = 65536;

interface Line {
  file: string;
  kind: string;
  detected: string;
  count: string;
  independent: string;
  detail: string;
  issues: string;
  ok: boolean;
}

function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path, test);
      return test(name) ? [path] : [];
    });
}

const headOf = (bytes: Uint8Array) =>
  new TextDecoder().decode(bytes.subarray(0, 65536)).replace(/^\uFEFF/, '');
const issueText = (issues: readonly ImportIssue[]) =>
  issues.map((i) => `${i.code}${i.line ? `@${i.line}` : ''}`).join(' ') || '-';

function stepTrace(path: string, file: string): Line {
  const bytes = new Uint8Array(readFileSync(path));
  const score = stepTraceReader.sniff({ fileName: 'unknown', head: headOf(bytes) });
  const line: Line = {
    file,
    kind: 'step-trace',
    detected: score >= 2 ? 'step-trace' : 'none',
    count: '',
    independent: '',
    detail: '',
    issues: '',
    ok: false,
  };
  if (score < 2) return line;
  const parser = stepTraceReader.createParser({ fileName: 'unknown', id: 'conformance' });
  for (let off = 0; off < bytes.length; off += CHUNK) parser.push(bytes.subarray(off, off + CHUNK));
  const result = parser.finish();
  line.issues = issueText(result.ok ? result.warnings : result.errors);
  if (!result.ok) return line;
  const t = result.value;
  const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true });
  line.count = `${t.rows.length} rows`;
  line.independent = String(parsed.data.length - 1);
  const mean = t.summary.meanStepUs;
  line.detail =
    `mean step ${mean === null ? '-' : `${(mean / 1000).toFixed(2)} ms`}, compute ` +
    `${(t.summary.computeShare * 100).toFixed(1)}% comm ${(t.summary.communicationShare * 100).toFixed(1)}% ` +
    `free ${(t.summary.freeShare * 100).toFixed(1)}%`;
  line.ok = t.rows.length === parsed.data.length - 1 && result.warnings.length === 0;
  return line;
}

function timeline(path: string, file: string, named: boolean): Line | null {
  const bytes = new Uint8Array(readFileSync(path));
  const score = timelineReader.sniff({ fileName: 'unknown', head: headOf(bytes) });
  if (!named) {
    // Not a timeline by name: it must not be taken for one by content either.
    if (score < 2) return null;
    return {
      file,
      kind: 'other',
      detected: 'timeline',
      count: '',
      independent: '',
      detail: '',
      issues: '',
      ok: false,
    };
  }
  const line: Line = {
    file,
    kind: 'timeline',
    detected: score >= 2 ? 'timeline' : 'none',
    count: '',
    independent: '',
    detail: '',
    issues: '',
    ok: false,
  };
  if (score < 2) return line;
  const parser = timelineReader.createParser({ fileName: 'unknown', id: 'conformance' });
  for (let off = 0; off < bytes.length; off += CHUNK) parser.push(bytes.subarray(off, off + CHUNK));
  const result = parser.finish();
  line.issues = issueText(result.ok ? result.warnings : result.errors);
  if (!result.ok) return line;
  const s = result.value;
  const all = JSON.parse(new TextDecoder().decode(bytes)) as {
    ph?: unknown;
    name?: unknown;
    pid?: unknown;
    args?: { name?: unknown };
  }[];
  const overlapPid = all.find((e) => e.ph === 'M' && e.args?.name === 'Overlap Analysis')?.pid;
  const computing = all.filter(
    (e) => e.ph === 'X' && e.pid === overlapPid && e.name === 'Computing',
  ).length;
  line.count = `${s.events} events, ${s.kernels} kernels`;
  line.independent = `${all.length}${overlapPid === undefined ? '' : `, ${computing}`}`;
  const b = s.breakdown;
  line.detail =
    `${s.tracks.length} tracks, ${s.steps.length} step(s), compute ${(b.computingUs / 1000).toFixed(2)} ms ` +
    `comm(not ovl) ${(b.communicationNotOverlappedUs / 1000).toFixed(2)} ms, ` +
    `gaps ${s.gaps.count} p50 ${s.gaps.p50Us?.toFixed(1) ?? '-'} µs p90 ${s.gaps.p90Us?.toFixed(1) ?? '-'} µs`;
  line.ok =
    s.events === all.length &&
    (overlapPid === undefined || s.kernels === computing) &&
    result.warnings.length === 0;
  return line;
}

async function database(path: string, file: string): Promise<Line> {
  const SQL = await initSqlJs();
  const bytes = new Uint8Array(readFileSync(path));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 100));
  const score = profilerDbReader.sniff({ fileName: 'unknown', head });
  const line: Line = {
    file,
    kind: 'profiler-db',
    detected: score >= 2 ? 'sqlite' : 'none',
    count: '',
    independent: '',
    detail: '',
    issues: '',
    ok: false,
  };
  if (score < 2) return line;
  const result = profilerDbReader.read(bytes, SQL, { fileName: 'unknown', id: 'conformance' });
  line.issues = issueText(result.ok ? result.warnings : result.errors);
  if (!result.ok) return line;
  const d = result.value;
  const db = new SQL.Database(bytes);
  const count = (sql: string) => Number(db.exec(sql)[0]?.values[0]?.[0] ?? NaN);
  const compute = count(
    'SELECT count(*) FROM TASK t JOIN COMPUTE_TASK_INFO c ON c.globalTaskId = t.globalTaskId',
  );
  const comm = d.tables.includes('COMMUNICATION_OP')
    ? count('SELECT count(*) FROM COMMUNICATION_OP')
    : 0;
  db.close();
  line.count = `${d.table.rowCount} rows (${d.computeTasks} + ${d.communicationOps})`;
  line.independent = `${compute} + ${comm}`;
  line.detail = `${d.source}, ${d.summary.byType.length} types, typeless ${d.typeless}`;
  line.ok =
    d.computeTasks === compute &&
    d.communicationOps === comm &&
    d.table.rowCount === compute + comm;
  return line;
}

export async function checkProfileExtensions(samples: string): Promise<number> {
  const lines: Line[] = [];
  const rel = (p: string) => relative(samples, p);
  for (const path of files(samples, (n) => /step_trace_time\.csv$/i.test(n))) {
    lines.push(stepTrace(path, rel(path)));
  }
  const timelineName = /^(trace_view|msprof(_slice_\d{1,2})?_\d{1,14})\.json$/i;
  for (const path of files(samples, (n) => n.toLowerCase().endsWith('.json'))) {
    const name = path.split('/').pop() ?? path;
    const line = timeline(path, rel(path), timelineName.test(name));
    if (line) lines.push(line);
  }
  for (const path of files(samples, (n) => n.toLowerCase().endsWith('.db'))) {
    lines.push(await database(path, rel(path)));
  }

  const head: Line = {
    file: 'file (under ../shared/real-samples)',
    kind: 'kind',
    detected: 'detected',
    count: 'read',
    independent: 'independent',
    detail: 'summary',
    issues: 'issues',
    ok: true,
  };
  const cols = ['kind', 'detected', 'count', 'independent', 'issues', 'detail'] as const;
  const short = (f: string) => (f.length > 60 ? `…${f.slice(-59)}` : f);
  const widths = cols.map((c) => Math.max(...[head, ...lines].map((l) => l[c].length)));
  const fileWidth = Math.max(...[head, ...lines].map((l) => short(l.file).length));
  console.log('');
  for (const l of [head, ...lines]) {
    const cells = cols.map((c, i) => l[c].padEnd(widths[i] ?? 0));
    const mark = l === head ? '  ' : l.ok ? 'ok' : '✗ ';
    console.log(`${mark} ${short(l.file).padEnd(fileWidth)}  ${cells.join('  ')}`);
  }
  const failed = lines.filter((l) => !l.ok).length;
  const count = (k: string) => lines.filter((l) => l.kind === k).length;
  console.log(
    `\nconformance (profile readers): ${count('step-trace')} step_trace_time, ${count('timeline')} ` +
      `timelines, ${count('profiler-db')} databases checked, ${failed} mismatch${failed === 1 ? '' : 'es'}.`,
  );
  return failed;
}
