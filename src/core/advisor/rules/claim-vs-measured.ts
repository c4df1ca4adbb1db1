// AOE's stated gain against the gain measured afterwards on the same device. AOE measures the
// model its own way, during tuning; the figure that counts is the end-to-end latency of the
// tuned .om against the untuned one, measured with the same tool, input and loop count. Source:
// AOE-CLI.md §6 ("tuned .om slower in production … re-measure with ais_bench"), §9.2 (comparison
// protocol: baseline vs tuned .om, warm-up, fixed loop count, mean and P99), §10.
import type { AdviceRule, Finding } from '../types.ts';
import { batchLabel, batchLabelZh, centre, pairsByBatch } from '../measurement-pairs.ts';
import { L, ms, pctPoints } from '../text.ts';

export const CLAIM_THRESHOLDS = {
  minClaimPct: {
    value: 2,
    doc: 'AOE-stated model time saved (%) worth checking against a measurement',
  },
  ratio: {
    value: 0.5,
    doc: 'the measured gain is "far below" the claim when it is under this fraction of it',
  },
  regressionPct: {
    value: 1,
    doc: 'measured time saved below minus this (%) means the tuned model is slower (critical)',
  },
} as const;

export const claimVsMeasuredRule: AdviceRule = {
  id: 'claim-vs-measured',
  scope: 'measurement',
  title: L('AOE’s gain vs the measured gain', 'AOE 声称的收益与实测收益'),
  thresholds: CLAIM_THRESHOLDS,
  source: 'AOE-CLI.md §6 (re-measure with ais_bench), §9.2 (comparison protocol), §10',
  run(ctx) {
    // The largest gain any task states: a lower claim raises fewer alarms.
    let claim: { pct: number; fileId: string; task: string } | null = null;
    for (const r of ctx.reports)
      for (const t of r.tasks)
        if (t.savedPct !== null && (claim === null || t.savedPct > claim.pct))
          claim = { pct: t.savedPct, fileId: r.id, task: t.name };
    if (claim === null || claim.pct < CLAIM_THRESHOLDS.minClaimPct.value) return [];
    const out: Finding[] = [];
    for (const { batchSize, a: base, b: tuned } of pairsByBatch(
      ctx.measurements,
      'baseline',
      'tuned',
    )) {
      const before = centre(base.measurement.latencyMs);
      const after = centre(tuned.measurement.latencyMs);
      if (before === null || after === null || !(before > 0)) continue;
      const measured = ((before - after) / before) * 100;
      if (measured >= claim.pct * CLAIM_THRESHOLDS.ratio.value) continue;
      const slower = measured < -CLAIM_THRESHOLDS.regressionPct.value;
      out.push({
        ruleId: claimVsMeasuredRule.id,
        severity: slower ? 'critical' : 'warning',
        impact: Math.min(1, (claim.pct - measured) / 100),
        title: slower
          ? L(
              `${batchLabel(batchSize)}: the tuned model is ${pctPoints(-measured)} slower, AOE stated ${pctPoints(claim.pct)} saved`,
              `${batchLabelZh(batchSize)}：调优后模型实测慢 ${pctPoints(-measured)}，而 AOE 声称节省 ${pctPoints(claim.pct)}`,
            )
          : L(
              `${batchLabel(batchSize)}: measured ${pctPoints(measured)} saved, AOE stated ${pctPoints(claim.pct)}`,
              `${batchLabelZh(batchSize)}：实测节省 ${pctPoints(measured)}，AOE 声称 ${pctPoints(claim.pct)}`,
            ),
        evidence: [
          {
            label: L('AOE stated (time saved)', 'AOE 声称（节省时间）'),
            value: pctPoints(claim.pct),
            ref: { fileId: claim.fileId, table: 'operators', name: claim.task },
          },
          {
            label: L('measured, untuned model (mean)', '实测，未调优模型（均值）'),
            value: `${ms(before)} · ${base.fileName}`,
            ref: { fileId: base.fileId, table: 'measurements', row: base.index },
          },
          {
            label: L('measured, tuned model (mean)', '实测，调优后模型（均值）'),
            value: `${ms(after)} · ${tuned.fileName}`,
            ref: { fileId: tuned.fileId, table: 'measurements', row: tuned.index },
          },
        ],
        why: L(
          'AOE measures the model its own way while tuning. What counts is the latency of the tuned .om against the untuned one, measured the same way: when the two disagree, the tuned tilings may not be used (knowledge base not found at conversion), or the gain was within AOE’s own noise.',
          'AOE 在调优过程中以自己的方式测量模型。真正有意义的是以相同方式测得的调优后 .om 与未调优 .om 的时延对比：两者不一致时，可能是转换时未找到知识库、未使用调优后的切分策略，或收益本就在 AOE 自身的噪声范围内。',
        ),
        action: {
          text: L(
            'Measure both models again the same way (same input, warm-up, fixed loop count), check that TUNE_BANK_PATH was set when the tuned model was converted, and accept the tuned model only on a measured gain.',
            '用相同方式（相同输入、预热、固定循环次数）重新测量两个模型，确认转换调优后模型时设置了 TUNE_BANK_PATH，只有实测有收益时才采用调优后的模型。',
          ),
          command: 'python3 -m ais_bench --model <model>_tune.om --loop 100 --warmup_count 10',
        },
        fileIds: [base.fileId, tuned.fileId, claim.fileId],
      });
    }
    return out;
  },
};
