import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { validate } from '../../core/validation/index.ts';
import { HEALTHY, opSummaryCsv, times } from '../../core/advisor/fixtures/build.ts';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-advise-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const OP_SUMMARY = 'PROF_1/mindstudio_profiler_output/op_summary_20260101000000.csv';

// 600 µs on the AI Core, 400 µs of AI CPU: 40 % (critical).
const aiCpuHeavy = opSummaryCsv([
  ...times(30, { name: 'Conv', type: 'Conv2D', us: 20 }),
  { name: 'NonZero_1', type: 'NonZero', core: 'AI_CPU', us: 400 },
]);
// 5 % on a data-rearranging operator: an info finding only.
const infoOnly = opSummaryCsv([
  { name: 'Conv', type: 'Conv2D', us: 950 },
  { name: 'tr', type: 'Transpose', core: 'AI_VECTOR_CORE', us: 50 },
]);

describe('aoe-dashboard advise: exit codes', () => {
  it('exits 0 with no finding on a healthy profile', async () => {
    const r = await cli(['advise', dirWith({ [OP_SUMMARY]: opSummaryCsv(HEALTHY) })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('read: 1 profile · 0 critical, 0 warning, 0 info');
    expect(r.stdout).toContain('No findings');
  });

  it('exits 1 on a finding at or above --fail-on (default warning), 0 below it', async () => {
    const heavy = dirWith({ [OP_SUMMARY]: aiCpuHeavy });
    expect((await cli(['advise', heavy])).code).toBe(1);
    expect((await cli(['advise', '--fail-on', 'critical', heavy])).code).toBe(1);
    const info = dirWith({ [OP_SUMMARY]: infoOnly });
    expect((await cli(['advise', info])).code).toBe(0);
    expect((await cli(['advise', '--fail-on', 'info', info])).code).toBe(1);
  });

  it('exits 2 on usage errors and when nothing readable is given', async () => {
    const dir = dirWith({ [OP_SUMMARY]: infoOnly });
    expect((await cli(['advise', '--fail-on', 'severe', dir])).code).toBe(2);
    expect((await cli(['advise', '--lang', 'fr', dir])).code).toBe(2);
    expect((await cli(['advise', '--json', '--md', dir])).code).toBe(2);
    expect((await cli(['advise'])).code).toBe(2);
    const empty = await cli(['advise', dirWith({ 'notes.md': '# nothing here\n' })]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no AOE result, profiler table');
  });
});

describe('aoe-dashboard advise: output', () => {
  it('prints JSON that matches schemas/advice-output.v1', async () => {
    const r = await cli(['advise', '--json', dirWith({ [OP_SUMMARY]: aiCpuHeavy })]);
    const out = JSON.parse(r.stdout) as {
      counts: Record<string, number>;
      findings: { ruleId: string; severity: string; evidence: { value: string }[] }[];
      files: { kind: string }[];
    };
    expect(validate('advice-output.v1', out)).toEqual([]);
    expect(out.counts).toEqual({ critical: 1, warning: 0, info: 0 });
    expect(out.files.map((f) => f.kind)).toEqual(['profile']);
    expect(out.findings[0]?.ruleId).toBe('ai-cpu-operators');
    expect(out.findings[0]?.evidence[0]?.value).toBe('1 · 400.000 µs · 40.0 %');
  });

  it('prints Markdown with evidence tables and commands in fences, in zh-CN when asked', async () => {
    const dir = dirWith({ [OP_SUMMARY]: aiCpuHeavy });
    const en = await cli(['advise', '--md', dir]);
    expect(en.stdout).toMatch(/^# Performance advice\n/);
    expect(en.stdout).toContain('## CRITICAL: 40.0 % of the operator time is on the AI CPU');
    expect(en.stdout).toContain('| AI CPU tasks | 1 · 400.000 µs · 40.0 % |');
    expect(en.stdout).toContain('```\nmsprof-analyze advisor computation -d <profiling dir>\n```');
    const zh = await cli(['advise', '--md', '--lang', 'zh-CN', dir]);
    expect(zh.stdout).toContain('# 性能建议');
    expect(zh.stdout).toContain('## 严重: ');
    expect(zh.stdout).toContain('AI CPU 任务');
  });

  it('reads a timeline and benchmark outputs found in a folder', async () => {
    // A trace with 40 kernels of 5 µs, 20 µs apart: mostly Free.
    const events: unknown[] = [
      { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'Ascend Hardware' } },
    ];
    for (let i = 0; i < 40; i++)
      events.push({
        ph: 'X',
        name: `Add_${i}`,
        pid: 1,
        tid: 2,
        ts: String(1000 + i * 25),
        dur: 5,
        args: { 'Task Type': 'AI_VECTOR_CORE', 'Physic Stream Id': 2 },
      });
    const dir = dirWith({
      'rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json': JSON.stringify(events),
    });
    const r = await cli(['advise', '--json', dir]);
    const out = JSON.parse(r.stdout) as {
      files: { kind: string }[];
      findings: { ruleId: string }[];
    };
    expect(out.files.map((f) => f.kind)).toEqual(['timeline']);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['host-bound']);
    expect(r.code).toBe(1);
  });

  it('shows control characters from file content as escapes', async () => {
    const evil = opSummaryCsv([
      ...times(30, { name: 'Conv', type: 'Conv2D', us: 20 }),
      { name: 'x', type: 'Non\x1b]0;owned\x07Zero', core: 'AI_CPU', us: 400 },
    ]);
    const dir = dirWith({ [OP_SUMMARY]: evil });
    for (const flag of [[], ['--md'], ['--json']]) {
      const r = await cli(['advise', ...flag, dir]);
      expect(r.stdout).not.toContain('\x1b');
      expect(r.stdout).not.toContain('\x07');
    }
    expect((await cli(['advise', dir])).stdout).toContain('Non\\x1b]0;owned\\x07Zero');
  });
});
