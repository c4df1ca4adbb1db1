import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { main } from './main.ts';
import { validate } from '../../core/validation/index.ts';
import { mdCell } from './inspect.ts';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function tempDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-inspect-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('aoe-dashboard inspect: usage and unreadable input', () => {
  it('exits 2 without paths, and with both --json and --md', async () => {
    expect((await run(['inspect'])).code).toBe(2);
    const dir = tempDir({ 'a.json': '{}' });
    const both = await run(['inspect', '--json', '--md', join(dir, 'a.json')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/one of --json and --md/);
  });

  it('exits 2 on an unknown option', async () => {
    expect((await run(['inspect', '--jsn', 'x'])).code).toBe(2);
  });

  it('reports empty, binary, unknown and missing files as errors, in argument order, and exits 1', async () => {
    const dir = tempDir({
      'empty.json': '',
      'blob.bin': Uint8Array.from([1, 0, 2, 3]),
      'notes.json': '{"hello": "world"}',
    });
    const paths = ['empty.json', 'blob.bin', 'missing.csv', 'notes.json'].map((n) => join(dir, n));
    const r = await run(['inspect', '--json', ...paths]);
    expect(r.code).toBe(1);
    const out: unknown = JSON.parse(r.stdout);
    expect(validate('inspect-output.v1', out)).toEqual([]);
    const files = (out as { files: { file: string; ok: boolean; issues: { code: string }[] }[] })
      .files;
    expect(files.map((f) => [f.file, f.ok, f.issues[0]?.code])).toEqual([
      [paths[0], false, 'EMPTY'],
      [paths[1], false, 'BINARY'],
      [paths[2], false, 'UNREADABLE'],
      [paths[3], false, 'UNKNOWN_FORMAT'],
    ]);
  });

  it('names a neighbouring profiler file instead of calling it unknown', async () => {
    const dir = tempDir({
      'task_time_0_1.csv': 'Device_id,kernel_name,kernel_type,stream_id,task_id\n0,a,b,1,2\n',
    });
    const r = await run(['inspect', join(dir, 'task_time_0_1.csv')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/task_time table, which the dashboard does not read/);
  });

  it('says so when a folder holds nothing it recognises', async () => {
    const dir = tempDir({ 'readme.txt': 'hello' });
    const r = await run(['inspect', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no AOE result file or profiler table found/);
  });
});

describe('mdCell', () => {
  it('keeps operator names from becoming markup or breaking the table', () => {
    expect(mdCell('<img src=x onerror=alert(1)>|a*b_c`d')).toBe(
      '\\<img src=x onerror=alert(1)\\>\\|a\\*b\\_c\\`d',
    );
  });
});

const AOE = 'src/core/formats/aoe-opat/fixtures';

interface Out {
  files: {
    file: string;
    format: string;
    ok: boolean;
    layout?: string;
    generation?: string;
    incomplete?: boolean;
    issues: { code: string; severity: string; offset?: number; hint?: string }[];
    tasks?: {
      name: string;
      status: string;
      baselineMs: number | null;
      tunedMs: number | null;
      improvementPct: number | null;
      repoSummary: Record<string, number> | null;
      operators: {
        name: string;
        beforeUs: number;
        afterUs: number;
        improvementPct: number | null;
        repoAction: string | null;
      }[];
    }[];
    profile?: { rows: number; byType: { type: string; count: number }[] };
  }[];
}

async function inspectJson(paths: string[]): Promise<{ code: number; out: Out }> {
  const r = await run(['inspect', '--json', ...paths]);
  const out: unknown = JSON.parse(r.stdout);
  expect(validate('inspect-output.v1', out)).toEqual([]);
  return { code: r.code, out: out as Out };
}

describe('aoe-dashboard inspect: AOE reports', () => {
  it('reads the documented CANN 6.2.RC1 example with AOE units and numbers as numbers', async () => {
    const { code, out } = await inspectJson([`${AOE}/cann62rc1-array.json`]);
    expect(code).toBe(0);
    const f = out.files[0]!;
    expect([f.format, f.ok, f.layout, f.generation, f.incomplete]).toEqual([
      'aoe-opat',
      true,
      'array',
      'cann-6.2',
      false,
    ]);
    const t = f.tasks![0]!;
    expect([t.status, t.baselineMs, t.tunedMs, t.improvementPct]).toEqual([
      'succeeded',
      113.588725,
      113.236731,
      0.31,
    ]);
    expect(t.repoSummary).toEqual({
      add: 2,
      hit: 17,
      reserved: 15,
      unsatisfied: 0,
      update: 2,
      total: 19,
    });
    expect(t.operators[0]).toMatchObject({
      name: 'Conv_12',
      beforeUs: 86.42,
      afterUs: 80.11,
      improvementPct: 7.88,
      repoAction: 'add',
    });
  });

  it('marks a half-written report not ok, says where it stops, and keeps what was salvaged', async () => {
    const { code, out } = await inspectJson([`${AOE}/truncated-mid-operator.json`]);
    expect(code).toBe(1);
    const f = out.files[0]!;
    expect([f.ok, f.incomplete]).toEqual([false, true]);
    const truncated = f.issues.find((i) => i.code === 'TRUNCATED');
    expect(truncated?.severity).toBe('error');
    expect(truncated?.offset).toBeGreaterThan(0);
    expect(f.tasks![0]!.operators.length).toBeGreaterThan(0);
  });

  it('reads a kernel_details table named like an AOE report as what it is, with a hint', async () => {
    const { out } = await inspectJson([`${AOE}/renamed/aoe_result_opat_x.json`]);
    const f = out.files[0]!;
    expect(f.format).toBe('kernel-details');
    expect(f.issues[0]).toMatchObject({
      code: 'WRONG_FORMAT',
      hint: 'this is a torch_npu kernel_details table',
    });
  });

  it('walks a folder and picks every report and profiler table in it, nothing else', async () => {
    const { code, out } = await inspectJson(['public/samples']);
    expect(code).toBe(0);
    const formats = out.files.map((f) => f.format).sort();
    expect(formats).toEqual(expect.arrayContaining(['aoe-opat', 'aoe-opat', 'aoe-sgat']));
    expect(out.files.every((f) => f.format !== 'unknown')).toBe(true);
  });

  it('prints Markdown with a per-file table', async () => {
    const r = await run(['inspect', '--md', `${AOE}/cann62rc1-array.json`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# AOE inspection/);
    expect(r.stdout).toContain(
      '| Operator | Type | Dimension | Before (µs) | After (µs) | Improvement | Knowledge base |',
    );
    expect(r.stdout).toContain('| Conv\\_12 | conv2d | – | 86.42 | 80.11 | 7.88 % | add |');
  });
});

describe('inspect reads what the registry reads, in folders too', () => {
  it('a profiler .db in a folder is found by its SQLite header and read as a profile', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(readFileSync('src/core/formats/profiler-db/fixtures/torch_npu-level1.sql', 'utf8'));
    const dir = tempDir({});
    writeFileSync(join(dir, 'ascend_pytorch_profiler_0.db'), db.export());
    db.close();
    const r = await run(['inspect', '--json', dir]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { format: string; profile?: { rows: number } }[] };
    expect(out.files.map((f) => [f.format, f.profile?.rows])).toEqual([['profiler-db', 4]]);
  });

  it('an ais_bench summary gives its measurement as issue 10 specifies', async () => {
    const summary = {
      NPU_compute_time: { min: 1, max: 3, mean: 2, median: 2, 'percentile(99%)': 2.98, count: 3 },
      H2D_latency: { min: 0.1, max: 0.1, mean: 0.1, median: 0.1, 'percentile(99%)': 0.1, count: 3 },
      D2H_latency: { min: 0.1, max: 0.1, mean: 0.1, median: 0.1, 'percentile(99%)': 0.1, count: 3 },
      throughput: 500,
    };
    const dir = tempDir({ 'run_summary.json': JSON.stringify(summary) });
    const r = await run(['inspect', '--json', join(dir, 'run_summary.json')]);
    const out = JSON.parse(r.stdout) as { files: { format: string; measurements?: unknown[] }[] };
    expect(out.files[0]?.format).toBe('ais_bench-summary');
    expect(out.files[0]?.measurements).toEqual([
      {
        tool: 'ais_bench',
        // Derived by the reader: 500 samples/s × 2 ms per iteration = 1 sample per iteration.
        batchSize: 1,
        latencyMs: {
          count: 3,
          min: 1,
          max: 3,
          mean: 2,
          median: 2,
          p90: null,
          p95: null,
          p99: 2.98,
        },
        throughputPerS: 500,
      },
    ]);
  });
});
