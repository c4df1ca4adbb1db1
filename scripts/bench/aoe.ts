// Bench part `aoe`: reading a large AOE operator-tuning report, the whole path a dropped file takes
// after decoding — tolerant JSON read, schema validation (the compiled validator), normalization
// with cross-checks — next to a bare `JSON.parse` of the same text as the baseline.
//
// The report is generated deterministically (seeded) in memory: CANN 6.3+ array layout, 20,000
// operators, every tenth tuned in two dimensions, stated percentages and repo_summary consistent,
// so the timing covers the normal path (no warnings). Median of several runs after a warm-up.
// Target: < 300 ms. A second case reads a report whose one unknown field name is 50 MB long, next
// to JSON.parse of the same text: its time must grow with the size, not with its square.
import { parseOpat } from '../../src/core/formats/aoe-opat/parse.ts';
import type { BenchPart } from './run.ts';

const OPERATORS = 20_000;
const RUNS = 7;
const TARGET_MS = 300;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Park–Miller: the same report on every machine and every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const TYPES = ['Conv2D', 'MatMulV2', 'Add', 'Relu', 'TransData', 'SoftmaxV2', 'ReduceMeanD'];

function dimension(before: number, gain: number, mode: string): Record<string, unknown> {
  const after = Math.round((before / (1 + gain)) * 1000) / 1000;
  return {
    'performance_after_tune(us)': after,
    'performance_before_tune(us)': before,
    performance_improvement: `${((before / after - 1) * 100).toFixed(2)}%`,
    update_mode: mode,
  };
}

export function generateReport(operators: number): string {
  const random = seeded(20261102);
  const ops: unknown[] = [];
  let add = 0;
  let update = 0;
  for (let i = 0; i < operators; i++) {
    const before = Math.round((20 + random() * 480) * 1000) / 1000;
    const mode = random() < 0.7 ? 'add' : 'update';
    if (mode === 'add') add++;
    else update++;
    const perf: Record<string, unknown> = { Schedule: dimension(before, random() * 0.2, mode) };
    if (i % 10 === 0) perf['Format'] = dimension(before, random() * 0.1, mode);
    ops.push({
      op_name: `Op_${i}`,
      op_type: TYPES[i % TYPES.length],
      tune_performance: perf,
    });
  }
  const reserved = 3000;
  const unsatisfied = 500;
  const baseline = 842.123456;
  const tuned = 797.654321;
  return JSON.stringify(
    [
      { basic: { tuning_name: 'bench_model', 'tuning_time(s)': 86400 } },
      {
        OPAT: {
          'model_baseline_performance(ms)': baseline,
          model_performance_improvement: `${((baseline / tuned - 1) * 100).toFixed(2)}%`,
          'model_result_performance(ms)': tuned,
          opat_tuning_result: 'tuning successful',
          repo_modified_operators: ops,
          repo_summary: {
            repo_add_num: add,
            repo_hit_num: update + reserved,
            repo_reserved_num: reserved,
            repo_unsatisfied_num: unsatisfied,
            repo_update_num: update,
            total_num: add + update + reserved + unsatisfied,
          },
        },
      },
    ],
    null,
    4,
  );
}

/** Size of the unknown field name in the long-key case. */
const LONG_KEY_BYTES = 50_000_000;
const LONG_KEY_RUNS = 3;

/**
 * A small report with one unknown field whose name is LONG_KEY_BYTES of text, made of a piece that
 * needs escaping in a JSON pointer (`/`, `~`) and a JSON escape (`\\n`): every slow path of reading
 * and reporting a key, at a size where anything worse than linear shows.
 */
export function generateLongKeyReport(keyBytes: number): string {
  const piece = 'op/name~1\\n';
  const key = piece.repeat(Math.ceil(keyBytes / piece.length));
  return (
    '[{"basic": {"tuning_name": "long_key", "tuning_time(s)": 1}}, {"OPAT": {' +
    `"${key}": 1, "opat_tuning_result": "tuning successful", "repo_modified_operators": [` +
    '{"op_name": "Conv_0", "op_type": "Conv2D", "tune_performance": {"Schedule": ' +
    '{"performance_before_tune(us)": 20, "performance_after_tune(us)": 10, "update_mode": "add"}}}]}}]'
  );
}

function longKeyCase(): { ms: number; jsonParseMs: number; line: string } {
  const text = generateLongKeyReport(LONG_KEY_BYTES);
  const ctx = { fileName: 'aoe_result_opat_long_key.json', id: 'bench-long-key' };
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < LONG_KEY_RUNS; run++) {
    const t0 = performance.now();
    const result = parseOpat(text, ctx);
    const t1 = performance.now();
    JSON.parse(text);
    const t2 = performance.now();
    const codes = result.ok ? result.warnings.map((w) => w.code) : ['not ok'];
    if (codes.join() !== 'UNKNOWN_FIELD') throw new Error(`long-key report: ${codes.join()}`);
    ours.push(t1 - t0);
    baseline.push(t2 - t1);
  }
  const ms = Math.round(median(ours));
  const jsonParseMs = Math.round(median(baseline));
  const mb = (LONG_KEY_BYTES / 1e6).toFixed(0);
  return {
    ms,
    jsonParseMs,
    line:
      `AOE report with a ${mb} MB unknown field name: parse + validate + normalize ${ms} ms; ` +
      `bare JSON.parse ${jsonParseMs} ms (median of ${LONG_KEY_RUNS})`,
  };
}

const bench: BenchPart = async () => {
  const text = generateReport(OPERATORS);
  const ctx = { fileName: 'aoe_result_opat_bench.json', id: 'bench' };
  const ours: number[] = [];
  const baseline: number[] = [];
  let rows = 0;
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const result = parseOpat(text, ctx);
    const t1 = performance.now();
    JSON.parse(text);
    const t2 = performance.now();
    if (!result.ok) throw new Error(`bench report did not parse: ${result.errors[0]?.message}`);
    if (result.warnings.length > 0) throw new Error(`bench report: ${result.warnings[0]?.message}`);
    rows = result.value.tasks[0]?.operators.length ?? 0;
    if (run === 0) continue; // warm-up
    ours.push(t1 - t0);
    baseline.push(t2 - t1);
  }
  const ms = Math.round(median(ours) * 10) / 10;
  const jsonParseMs = Math.round(median(baseline) * 10) / 10;
  const mb = (new TextEncoder().encode(text).length / 1e6).toFixed(1);
  const longKey = longKeyCase();
  return {
    figures: {
      aoe20k: { ms, jsonParseMs, operators: OPERATORS },
      aoeLongKey: { ms: longKey.ms, jsonParseMs: longKey.jsonParseMs, keyBytes: LONG_KEY_BYTES },
    },
    lines: [
      `AOE report, ${OPERATORS} operators (${rows} rows, ${mb} MB): parse + validate + normalize ` +
        `${ms} ms (target < ${TARGET_MS} ms${ms < TARGET_MS ? ', met' : ', NOT met'}); ` +
        `bare JSON.parse ${jsonParseMs} ms (median of ${RUNS})`,
      longKey.line,
    ],
  };
};

export default bench;
