// The tuned model's tail latency (P99) worse than the untuned one's at the same batch size, even
// when its mean improved: a serving SLO is set on the tail. Source: AOE-CLI.md §9.2 (report mean
// and P99 of NPU_compute_time; accept a tuned model only with no P95/P99 regression).
import type { AdviceRule, Finding } from '../types.ts';
import { batchLabel, batchLabelZh, pairsByBatch } from '../measurement-pairs.ts';
import { L, ms, pctPoints } from '../text.ts';

export const P99_THRESHOLDS = {
  regressionPct: {
    value: 5,
    doc: 'P99 of the tuned model above the untuned one by more than this (%) is a regression',
  },
} as const;

export const p99RegressionRule: AdviceRule = {
  id: 'p99-regression',
  scope: 'measurement',
  title: L('P99 latency regression', 'P99 时延劣化'),
  thresholds: P99_THRESHOLDS,
  source: 'AOE-CLI.md §9.2 (comparison protocol: mean and P99, no P95/P99 regression)',
  run(ctx) {
    const out: Finding[] = [];
    for (const { batchSize, a: base, b: tuned } of pairsByBatch(
      ctx.measurements,
      'baseline',
      'tuned',
    )) {
      const before = base.measurement.latencyMs.p99;
      const after = tuned.measurement.latencyMs.p99;
      if (before === null || after === null || !(before > 0)) continue;
      const worse = ((after - before) / before) * 100;
      if (worse <= P99_THRESHOLDS.regressionPct.value) continue;
      out.push({
        ruleId: p99RegressionRule.id,
        severity: 'warning',
        impact: Math.min(1, worse / 100),
        title: L(
          `${batchLabel(batchSize)}: P99 latency of the tuned model is ${pctPoints(worse)} worse`,
          `${batchLabelZh(batchSize)}：调优后模型的 P99 时延劣化 ${pctPoints(worse)}`,
        ),
        evidence: [
          {
            label: L('P99, untuned model', 'P99，未调优模型'),
            value: `${ms(before)} · ${base.fileName}`,
            ref: { fileId: base.fileId, table: 'measurements', row: base.index },
          },
          {
            label: L('P99, tuned model', 'P99，调优后模型'),
            value: `${ms(after)} · ${tuned.fileName}`,
            ref: { fileId: tuned.fileId, table: 'measurements', row: tuned.index },
          },
        ],
        why: L(
          'Service latency targets are set on the tail. A tuned model that is faster on average but slower at P99 can break them; it also often means the two runs were not measured alike (another job on the device, profiling on, too few loops).',
          '服务时延目标通常针对尾时延。平均更快但 P99 更慢的调优模型可能违反目标；这也常说明两次测量条件不一致（设备上有其他任务、开着 Profiling、循环次数太少）。',
        ),
        action: {
          text: L(
            'Re-measure both models with enough loops for a stable P99 on an otherwise idle device; if the regression stays, keep the untuned model for this batch size.',
            '在空闲设备上以足够的循环次数重新测量两个模型以得到稳定的 P99；若劣化仍在，该 batch size 保留未调优模型。',
          ),
          command: 'python3 -m ais_bench --model <model>.om --loop 1000 --warmup_count 10',
        },
        fileIds: [base.fileId, tuned.fileId],
      });
    }
    return out;
  },
};
