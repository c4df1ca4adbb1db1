// `compare` with two profiler files: the profile comparison in text, Markdown and JSON, with
// figures worked out by hand from the rows written here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const HEADER =
  'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),' +
  'Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,Input Shapes,' +
  'Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,Context ID';

function opSummary(rows: readonly (readonly [string, string, number])[]): string {
  let start = 1780676244313289;
  const lines = rows.map(([name, type, us], i) => {
    const line = `0,4294967295,${i},2,${name},${type},static,AI_CORE,${start.toFixed(3)}\t,${us},0.5,24,0,NO,"""1,64""",FLOAT16,ND,"""1,64""",FLOAT16,ND,N/A`;
    start += us + 1;
    return line;
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'aoe-pcmp-'));
const A = join(dir, 'op_summary_20261101080000.csv');
const B = join(dir, 'op_summary_20261102080000.csv');
// Before: Conv_7 200 µs, Relu_0 50 µs = 250 µs. After: Conv_7 150 µs, Cast_3 50 µs = 200 µs.
writeFileSync(
  A,
  opSummary([
    ['Conv_7', 'Conv2D', 200],
    ['Relu_0', 'Relu', 50],
  ]),
);
writeFileSync(
  B,
  opSummary([
    ['Conv_7', 'Conv2D', 150],
    ['Cast_3', 'Cast', 50],
  ]),
);

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('aoe-dashboard compare with two profiles', () => {
  it('prints totals and the largest changes worded by direction (exit 0)', async () => {
    const r = await cli(['compare', A, B]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // 250 → 200 µs: 20 % faster.
    expect(r.stdout).toContain('Operator time: 0.250 ms → 0.200 ms (▼ 20.00% faster)');
    expect(r.stdout).toContain('Operators: 3 compared, 1 only in op_summary_20261102080000.csv');
    expect(r.stdout).toContain('Conv_7 (Conv2D) [1,64]: 200.000 → 150.000  ▼ 25.00% faster');
    expect(r.stdout).toContain(
      'Relu_0 (Relu) [1,64]: 50.000 → 0.000  only in op_summary_20261101080000.csv',
    );
  });

  it('--md and --json carry the same figures', async () => {
    const md = await cli(['compare', '--md', A, B]);
    expect(md.stdout).toContain('- Total operator time: 0.250 ms → 0.200 ms (▼ 20.00% faster)');
    const json = await cli(['compare', '--json', A, B]);
    const out = JSON.parse(json.stdout) as {
      kind: string;
      comparison: { baseTotalUs: number; otherTotalUs: number; deltaPct: number };
    };
    expect(out.kind).toBe('profile-comparison');
    expect([
      out.comparison.baseTotalUs,
      out.comparison.otherTotalUs,
      out.comparison.deltaPct,
    ]).toEqual([250, 200, -20]);
  });

  it('a profile against an AOE report is a usage error (exit 2)', async () => {
    const report = join(
      import.meta.dirname,
      '../../../e2e/fixtures/compare/aoe_result_opat_20250301100000123_pid1001.json',
    );
    const r = await cli(['compare', A, report]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the baseline is a profile; compare it with another profile');
  });
});
