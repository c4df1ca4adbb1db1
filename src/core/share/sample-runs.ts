// Deterministic, realistic-looking runs for the share size tests and `npm run bench`: resnet-style
// operator names, AOE's three-decimal µs, a mix of dimensions and repository actions. Seeded, so
// link sizes are reproducible from run to run.
import type { CompareRun } from '../model/compare.ts';
import type { OperatorResult } from '../model/types.ts';
import { round } from '../model/stats.ts';
import { speedupPct } from '../model/units.ts';
import type { SharedRun } from './bundle-types.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = [
  ['Conv', 'Conv2D'],
  ['Relu', 'Relu'],
  ['Add', 'Add'],
  ['trans_TransData', 'TransData'],
  ['MatMul', 'MatMulV2'],
] as const;

export function sampleOperators(count: number, seed = 1): OperatorResult[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const [prefix, type] = TYPES[i % TYPES.length] ?? TYPES[0];
    // Log-uniform 5 µs – 5 ms: most kernels are short, a few convolutions and matmuls are long.
    const beforeUs = round(5 * 1000 ** rnd(), 3);
    const afterUs = round(beforeUs * (0.6 + rnd() * 0.45), 3);
    const pct = speedupPct(beforeUs, afterUs);
    return {
      name: `${prefix}_${Math.floor(i / TYPES.length)}`,
      type,
      dimension: rnd() < 0.7 ? 'Schedule' : 'Format',
      beforeUs,
      afterUs,
      improvementPct: pct === null ? null : round(pct, 2),
      repoAction: rnd() < 0.5 ? 'add' : rnd() < 0.5 ? 'update' : null,
    };
  });
}

export function sampleSharedRun(id: string, operators: number, seed = 1): SharedRun {
  const ops = sampleOperators(operators, seed);
  const run: CompareRun = {
    id,
    label: `aoe_result_opat_20250101120000000_pid${1000 + seed}.json · resnet50`,
    fileName: `aoe_result_opat_20250101120000000_pid${1000 + seed}.json`,
    generation: 'cann-6.3+',
    task: {
      name: 'resnet50',
      kind: 'opat',
      status: 'succeeded',
      statusText: 'tuning successful',
      reportKey: null,
      tuningTimeS: 1827,
      baselineMs: 113.588725,
      tunedMs: 108.236731,
      improvementPct: 4.94,
      recomputedImprovementPct: null,
      savedMs: null,
      savedPct: null,
      repoSummary: { add: 12, hit: 150, reserved: 140, unsatisfied: 38, update: 10, total: 200 },
      operators: ops,
      failedOperators: [],
      extra: {},
    },
  };
  return {
    run,
    reportId: `${seed}`.padStart(64, 'a'),
    taskIndex: 0,
    layout: 'array',
    incomplete: false,
    profile: null,
  };
}
