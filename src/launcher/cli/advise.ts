// `aoe-dashboard advise [--json | --md] [--fail-on LEVEL] [--lang en|zh-CN] PATH...`: reads AOE
// result files, profiler tables, timelines and benchmark outputs (files or folders) and prints
// what the advisor finds wrong with the model's performance and what to run next. Exit 0 when no
// finding is at or above --fail-on (default warning), 1 when one is, 2 on a usage error or when
// nothing readable was given. Text from the files reaches the terminal only through
// `terminalLines` / `mdCell` / `terminalJson` (control characters shown as escapes).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliIo, SetExit } from './io.ts';
import type { ProfileData, TuningReport } from '../../core/model/types.ts';
import type { TimelineSummary } from '../../core/formats/timeline/summarize.ts';
import { timelineReader } from '../../core/formats/timeline/index.ts';
import { checkHead, detect, HEAD_BYTES } from '../../core/formats/index.ts';
import { detectMeasureFormat } from '../../core/measure/sniff.ts';
import { MEASUREMENT_READERS } from '../../core/measure/readers.ts';
import { advise, atOrAbove } from '../../core/advisor/advise.ts';
import { PrecisionDigester, type PrecisionDigest } from '../../core/advisor/precision-digest.ts';
import type {
  AdviceLang,
  AdviceSeverity,
  Finding,
  MeasurementInput,
} from '../../core/advisor/types.ts';
import type { AdviceOutput } from '../../core/validation/generated/advice-output.v1.ts';
import { prettyJson } from '../../core/export/json.ts';
import { showControls, terminalJson, terminalLines } from '../../core/export/visible-text.ts';
import { importFile } from './parallel-csv.ts';
import { expandPaths } from './walk.ts';
import { mdCell } from './inspect.ts';
import { profileContentOf, profileOf, reportOf } from '../../core/formats/content.ts';

interface AdviseOptions {
  readonly json?: boolean;
  readonly md?: boolean;
  readonly failOn?: string;
  readonly lang?: string;
}

const SEVERITIES: readonly AdviceSeverity[] = ['info', 'warning', 'critical'];
const LANGS: readonly AdviceLang[] = ['en', 'zh-CN'];
const USAGE = 2;

type FileKind = AdviceOutput['files'][number]['kind'];

interface ReadFile {
  readonly id: string;
  readonly path: string;
  readonly kind: FileKind;
  readonly format?: string;
}

/** What was read from the paths, ready for `advise`. */
export interface AdviseInputs {
  readonly files: ReadFile[];
  readonly reports: TuningReport[];
  readonly profiles: ProfileData[];
  readonly timelines: TimelineSummary[];
  readonly measurements: MeasurementInput[];
  readonly precision: PrecisionDigest[];
  readonly paths: Record<string, string>;
}

export function registerAdvise(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('advise')
    .description(
      "say what is wrong with a model's performance and what to run next, from AOE results, profiles, timelines and benchmark outputs",
    )
    .argument('<paths...>', 'files, or folders to search (PROF_*, *_ascend_pt, AOE working dirs)')
    .option('--json', 'print one JSON object (schemas/advice-output.v1.schema.json)')
    .option('--md', 'print a Markdown report for a review')
    .option(
      '--fail-on <level>',
      'exit 1 when a finding is at or above: info | warning | critical',
      'warning',
    )
    .option('--lang <lang>', 'language of the text and Markdown output: en | zh-CN', 'en')
    .action(async (paths: string[], opts: AdviseOptions) => {
      const failOn = opts.failOn as AdviceSeverity;
      const lang = opts.lang as AdviceLang;
      const usage = (msg: string) => {
        io.stderr(`advise: ${showControls(msg)}\n`);
        setExit(USAGE);
      };
      if (opts.json && opts.md) return usage('choose one of --json and --md');
      if (!SEVERITIES.includes(failOn))
        return usage(`--fail-on takes info, warning or critical, not "${opts.failOn ?? ''}"`);
      if (!LANGS.includes(lang)) return usage(`--lang takes en or zh-CN, not "${opts.lang ?? ''}"`);
      const inputs = await readInputs(paths, io);
      if (!inputs.files.some((f) => f.kind !== 'unreadable'))
        return usage(
          'no AOE result, profiler table, timeline or benchmark output found under the given paths',
        );
      const findings = advise(inputs);
      const output = toAdviceOutput(inputs.files, findings, failOn);
      if (opts.json) io.stdout(terminalJson(prettyJson(output)));
      else if (opts.md) io.stdout(renderMarkdown(output, lang));
      else io.stdout(renderText(output, lang));
      setExit(atOrAbove(findings, failOn).length > 0 ? 1 : 0);
    });
}

const TIMELINE_NAME = /^(?:trace_view|msprof_\d[\w-]*)\.json$/i;
const MEASURE_NAME = /\.(?:json|txt|log|out)$/i;
const SKIP_DIR = /(?:^|[\\/])(?:node_modules|\.git)(?:[\\/]|$)/;

/** Timelines and benchmark outputs under a folder: formats the walk of `inspect` does not know. */
async function extraFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && (TIMELINE_NAME.test(e.name) || MEASURE_NAME.test(e.name)))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !SKIP_DIR.test(p.slice(dir.length)))
    .sort();
}

type Sniffed =
  | { readonly kind: 'core' }
  | { readonly kind: 'timeline' }
  | { readonly kind: 'measurement'; readonly id: keyof typeof MEASUREMENT_READERS }
  | { readonly kind: 'unknown' };

async function sniff(path: string): Promise<Sniffed> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(HEAD_BYTES + 4);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = checkHead(buf.subarray(0, bytesRead), (await handle.stat()).size);
    if (!head.ok) return { kind: 'unknown' };
    // Timelines and benchmark outputs first: the advisor reads them with their own readers.
    const input = { fileName: path, head: head.head };
    if (timelineReader.sniff(input) >= 2) return { kind: 'timeline' };
    const m = detectMeasureFormat(input);
    if (m !== null && m !== 'trtexec-profile') return { kind: 'measurement', id: m };
    return detect(path, head.head).kind === 'module' ? { kind: 'core' } : { kind: 'unknown' };
  } finally {
    await handle.close();
  }
}

/** Streams a file through `push`, returning its sha-256. */
async function streamFile(path: string, push: (chunk: Uint8Array) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    push(bytes);
  }
  return hash.digest('hex');
}

export async function readInputs(paths: readonly string[], io: CliIo): Promise<AdviseInputs> {
  const walked = await expandPaths(paths);
  const candidates = walked.files.filter((f) => !f.missing).map((f) => f.path);
  for (const f of walked.files)
    if (f.missing) io.stderr(`advise: ${showControls(f.path)}: no such file or directory\n`);
  const seen = new Set(candidates);
  for (const p of paths) {
    const isDir = await lstat(p).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (!isDir) continue;
    for (const extra of await extraFiles(p)) {
      if (!seen.has(extra)) {
        seen.add(extra);
        candidates.push(extra);
      }
    }
  }
  const out: AdviseInputs = {
    files: [],
    reports: [],
    profiles: [],
    timelines: [],
    measurements: [],
    precision: [],
    paths: {},
  };
  const explicit = new Set(paths);
  for (const path of candidates) {
    try {
      await readOne(path, out, io, explicit.has(path));
    } catch (err) {
      io.stderr(
        `advise: ${showControls(path)}: cannot read (${showControls((err as NodeJS.ErrnoException).code ?? (err as Error).message)})\n`,
      );
      out.files.push({ id: '', path, kind: 'unreadable' });
    }
  }
  return out;
}

async function readOne(path: string, out: AdviseInputs, io: CliIo, explicit: boolean) {
  const kind = await sniff(path);
  if (kind.kind === 'timeline') {
    const parser = timelineReader.createParser({ fileName: path, id: '' });
    const id = await streamFile(path, (c) => parser.push(c));
    const r = parser.finish();
    const summary = r.ok ? r.value : r.partial;
    if (!summary) throw new Error('not a readable timeline');
    out.timelines.push({ ...summary, id });
    out.files.push({ id, path, kind: 'timeline', format: 'timeline' });
    out.paths[id] = path;
    return;
  }
  if (kind.kind === 'measurement') {
    const bytes = await readFile(path);
    const id = createHash('sha256').update(bytes).digest('hex');
    const result = MEASUREMENT_READERS[kind.id](new TextDecoder().decode(bytes), path);
    result.measurements.forEach((measurement, index) =>
      out.measurements.push({ fileId: id, fileName: path, index, measurement }),
    );
    out.files.push({ id, path, kind: 'measurement', format: kind.id });
    out.paths[id] = path;
    return;
  }
  if (kind.kind === 'unknown' && !explicit) return;
  const file = await importFile(path);
  for (const issue of file.issues.filter((i) => i.severity === 'error'))
    io.stderr(`advise: ${showControls(`${path}: ${issue.code}: ${issue.message}`)}\n`);
  const report = reportOf(file);
  const profile = profileOf(file);
  if (report) {
    out.reports.push(report);
    out.files.push({ id: file.id, path, kind: 'report', format: file.format });
  } else if (profile) {
    out.profiles.push(profile);
    out.files.push({ id: file.id, path, kind: 'profile', format: file.format });
    const digested = profileContentOf(file)?.precision;
    if (digested) out.precision.push({ ...digested, fileName: path });
    else if (
      profile.table !== null &&
      (file.format === 'op-summary' || file.format === 'kernel-details')
    ) {
      // Read in ranges (a large table): the data-type and OP State columns are digested apart.
      const digester = new PrecisionDigester(file.id, path);
      await streamFile(path, (c) => digester.push(c));
      out.precision.push(digester.finish());
    }
  } else {
    out.files.push({ id: file.id, path, kind: 'unreadable', format: file.format });
    return;
  }
  out.paths[file.id] = path;
}

export function toAdviceOutput(
  files: readonly ReadFile[],
  findings: readonly Finding[],
  failOn: AdviceSeverity,
): AdviceOutput {
  const count = (s: AdviceSeverity) => findings.filter((f) => f.severity === s).length;
  return {
    version: 1,
    failOn,
    files: files.map((f) => ({ ...f })),
    counts: { critical: count('critical'), warning: count('warning'), info: count('info') },
    findings: findings.map((f) => ({
      ...f,
      evidence: f.evidence.map((e) => ({ ...e })),
      action: Object.fromEntries(
        Object.entries(f.action).filter(([, v]) => v !== undefined),
      ) as AdviceOutput['findings'][number]['action'],
      fileIds: [...f.fileIds],
    })),
  };
}

const LABEL: Record<AdviceLang, Record<AdviceSeverity | 'why' | 'do' | 'read' | 'none', string>> = {
  en: {
    critical: 'CRITICAL',
    warning: 'WARNING',
    info: 'INFO',
    why: 'why',
    do: 'do',
    read: 'read',
    none: 'No findings: nothing in these files points to a performance problem.',
  },
  'zh-CN': {
    critical: '严重',
    warning: '警告',
    info: '提示',
    why: '原因',
    do: '建议',
    read: '已读取',
    none: '未发现问题：这些文件中没有指向性能问题的迹象。',
  },
};

function summaryLine(out: AdviceOutput, lang: AdviceLang): string {
  const c = out.counts;
  const kinds = ['report', 'profile', 'timeline', 'measurement', 'unreadable'] as const;
  const read = kinds
    .map((k) => [k, out.files.filter((f) => f.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return lang === 'en'
    ? `${LABEL.en.read}: ${read} · ${c.critical} critical, ${c.warning} warning, ${c.info} info`
    : `${LABEL['zh-CN'].read}：${read} · 严重 ${c.critical}，警告 ${c.warning}，提示 ${c.info}`;
}

/** The paths of the files a finding is about, in the order read. */
function filesOf(out: AdviceOutput, f: AdviceOutput['findings'][number]): string[] {
  const ids = new Set(f.fileIds);
  return out.files.filter((file) => file.id !== '' && ids.has(file.id)).map((file) => file.path);
}

function renderText(out: AdviceOutput, lang: AdviceLang): string {
  const L = LABEL[lang];
  const lines: string[] = [summaryLine(out, lang)];
  if (out.findings.length === 0) lines.push(L.none);
  for (const f of out.findings) {
    lines.push('', `[${L[f.severity]}] ${f.title[lang]} (${f.ruleId})`);
    for (const path of filesOf(out, f)) lines.push(`    ${path}`);
    for (const e of f.evidence) lines.push(`    - ${e.label[lang]}: ${e.value}`);
    lines.push(`  ${L.why}: ${f.why[lang]}`, `  ${L.do}: ${f.action.text[lang]}`);
    if (f.action.command) lines.push(`    $ ${f.action.command}`);
    if (f.action.config) {
      if (f.action.configName) lines.push(`    ${f.action.configName}:`);
      for (const c of f.action.config.replace(/\n$/, '').split('\n')) lines.push(`      ${c}`);
    }
  }
  return terminalLines(lines);
}

/** A fence longer than any run of backticks in the text, so file content cannot close it. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...text.replace(/\n$/, '').split('\n').map(showControls), fence];
}

function renderMarkdown(out: AdviceOutput, lang: AdviceLang): string {
  const L = LABEL[lang];
  const md: string[] = [
    lang === 'en' ? '# Performance advice' : '# 性能建议',
    '',
    mdCell(summaryLine(out, lang)),
  ];
  if (out.findings.length === 0) md.push('', L.none);
  for (const f of out.findings) {
    md.push('', `## ${L[f.severity]}: ${mdCell(f.title[lang])}`, '', `Rule \`${f.ruleId}\``, '');
    for (const path of filesOf(out, f)) md.push(`- ${mdCell(path)}`);
    if (f.fileIds.length > 0) md.push('');
    if (f.evidence.length > 0) {
      md.push(lang === 'en' ? '| Evidence | Value |' : '| 依据 | 数值 |', '|---|---|');
      for (const e of f.evidence) md.push(`| ${mdCell(e.label[lang])} | ${mdCell(e.value)} |`);
      md.push('');
    }
    md.push(
      `**${L.why}:** ${mdCell(f.why[lang])}`,
      '',
      `**${L.do}:** ${mdCell(f.action.text[lang])}`,
    );
    if (f.action.command) md.push('', ...fenced(f.action.command));
    if (f.action.config) {
      if (f.action.configName) md.push('', mdCell(f.action.configName));
      md.push('', ...fenced(f.action.config));
    }
  }
  return md.join('\n') + '\n';
}
