// `aoe-dashboard inspect [--json | --md] PATH...`: reads AOE result files and profiler tables with
// the same core code as the dashboard and prints what it found. Exit 0 when every file was read
// without errors, 1 when any file has an error, 2 on a usage error. Text from the files reaches
// the terminal only through `terminalLines` / `mdCell` (control characters shown as escapes).
import type { Command } from 'commander';
import type { CliIo, SetExit } from './io.ts';
import type { ImportedFile } from '../../core/formats/types.ts';
import type { InspectOutput } from '../../core/validation/generated/inspect-output.v1.ts';
import { importFile } from './parallel-csv.ts';
import { expandPaths } from './walk.ts';
import { prettyJson } from '../../core/export/json.ts';
import { showControls, terminalLines } from '../../core/export/visible-text.ts';
import { describeFile, issueLine, repoLine, taskLine, toInspectOutput } from './inspect-output.ts';

interface InspectOptions {
  readonly json?: boolean;
  readonly md?: boolean;
}

export function registerInspect(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('inspect')
    .description('read AOE result files and profiler tables (files or folders) and summarize them')
    .argument('<paths...>', 'files, or folders to search (PROF_*, *_ascend_pt, AOE working dirs)')
    .option('--json', 'print one JSON object (schemas/inspect-output.v1.schema.json)')
    .option('--md', 'print a Markdown summary for a review')
    .action(async (paths: string[], opts: InspectOptions) => {
      if (opts.json && opts.md) {
        io.stderr('inspect: choose one of --json and --md\n');
        setExit(2);
        return;
      }
      const output = await inspectPaths(paths, io);
      if (output === null) {
        setExit(1);
        return;
      }
      if (opts.json) io.stdout(prettyJson(output));
      else if (opts.md) io.stdout(renderMarkdown(output));
      else io.stdout(renderText(output));
      setExit(output.files.every((f) => f.ok) ? 0 : 1);
    });
}

export async function inspectPaths(
  paths: readonly string[],
  io: CliIo,
): Promise<InspectOutput | null> {
  const walked = await expandPaths(paths);
  if (walked.files.length === 0) {
    io.stderr('inspect: no AOE result file or profiler table found under the given paths\n');
    return null;
  }
  if (walked.skipped > 0)
    io.stderr(`inspect: skipped ${walked.skipped} files no format recognises\n`);
  const entries: { path: string; file: ImportedFile }[] = [];
  for (const { path, missing } of walked.files) {
    if (missing) {
      entries.push({ path, file: unreadable(path, 'no such file or directory') });
      continue;
    }
    // Streamed, and a large profiler table read by worker threads: never the whole file in memory.
    let file: ImportedFile;
    try {
      file = await importFile(path);
    } catch (err) {
      file = unreadable(path, (err as NodeJS.ErrnoException).code ?? 'unreadable');
    }
    entries.push({ path, file });
  }
  return toInspectOutput(entries);
}

function unreadable(path: string, why: string): ImportedFile {
  return {
    id: '',
    fileName: path,
    size: 0,
    format: 'unknown',
    ok: false,
    issues: [{ code: 'UNREADABLE', severity: 'error', message: `Cannot read the file: ${why}.` }],
    content: null,
  };
}

function renderText(out: InspectOutput): string {
  const lines: string[] = [];
  for (const f of out.files) {
    lines.push(`${f.ok ? 'OK ' : 'ERR'} ${f.file} — ${describeFile(f)}`);
    for (const t of f.tasks ?? []) {
      lines.push(`    ${taskLine(t)}`);
      lines.push(`    operators: ${t.operators.length} rows, ${t.failedOperators.length} failed`);
      const repo = repoLine(t);
      if (repo) lines.push(`    ${repo}`);
    }
    if (f.profile) {
      const p = f.profile;
      lines.push(`    ${p.rows} rows, ${(p.totalDurationUs / 1000).toFixed(3)} ms in all`);
      for (const t of p.byType.slice(0, 5)) {
        lines.push(
          `    ${t.type}: ${t.count} calls, ${(t.totalUs / 1000).toFixed(3)} ms (${((t.share ?? 0) * 100).toFixed(1)} %)`,
        );
      }
    }
    for (const i of f.issues) lines.push(`    ${issueLine(i)}`);
  }
  const bad = out.files.filter((f) => !f.ok).length;
  lines.push(`${out.files.length} files, ${bad} with errors`);
  return terminalLines(lines);
}

/** Escapes text for a Markdown table cell: no markup, no HTML, no column or line breaks. */
export function mdCell(text: string): string {
  // Markup first, then controls: the `\x0a` written for a newline must not be escaped again.
  return showControls(text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`));
}

const TOP_IN_MD = 20;

function renderMarkdown(out: InspectOutput): string {
  const md: string[] = [
    '# AOE inspection',
    '',
    '| File | Format | Read | Issues |',
    '|---|---|---|---|',
  ];
  for (const f of out.files) {
    const errors = f.issues.filter((i) => i.severity === 'error').length;
    const warnings = f.issues.length - errors;
    md.push(
      `| ${mdCell(f.file)} | ${mdCell(describeFile(f))} | ${f.ok ? '✅' : '❌'} | ${errors} errors, ${warnings} warnings |`,
    );
  }
  for (const f of out.files) {
    md.push('', `## ${mdCell(f.file)}`, '');
    for (const t of f.tasks ?? []) {
      md.push(`- ${mdCell(taskLine(t))}`);
      const repo = repoLine(t);
      if (repo) md.push(`- ${mdCell(repo)}`);
      if (t.failedOperators.length)
        md.push(`- failed operators: ${t.failedOperators.map(mdCell).join(', ')}`);
      if (t.operators.length) {
        const top = [...t.operators]
          .sort((a, b) => b.beforeUs - b.afterUs - (a.beforeUs - a.afterUs))
          .slice(0, TOP_IN_MD);
        md.push(
          '',
          `| Operator | Type | Dimension | Before (µs) | After (µs) | Improvement | Knowledge base |`,
          '|---|---|---|---:|---:|---:|---|',
        );
        for (const o of top) {
          md.push(
            `| ${mdCell(o.name)} | ${mdCell(o.type)} | ${mdCell(o.dimension ?? '–')} | ${o.beforeUs} | ${o.afterUs} | ${o.improvementPct === null ? '–' : `${o.improvementPct} %`} | ${o.repoAction ?? '–'} |`,
          );
        }
        if (t.operators.length > TOP_IN_MD)
          md.push('', `(${t.operators.length - TOP_IN_MD} more operators)`);
      }
    }
    if (f.profile) {
      md.push(
        `- ${f.profile.rows} rows, ${(f.profile.totalDurationUs / 1000).toFixed(3)} ms in all`,
        '',
        '| Operator type | Count | Total (µs) | Share |',
        '|---|---:|---:|---:|',
      );
      for (const t of f.profile.byType.slice(0, TOP_IN_MD)) {
        md.push(
          `| ${mdCell(t.type)} | ${t.count} | ${t.totalUs.toFixed(3)} | ${((t.share ?? 0) * 100).toFixed(1)} % |`,
        );
      }
    }
    if (f.issues.length) {
      md.push('');
      for (const i of f.issues) md.push(`- ${mdCell(issueLine(i))}`);
    }
  }
  return terminalLines(md);
}
