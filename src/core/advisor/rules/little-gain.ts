// Operator tuning (算子调优) improved operators but not the model: the tuned operators are a small
// share of the model's time, so even large operator gains vanish in the total. Shows that share
// when a profile of the same model is given (core/model/join.ts). Source: AOE-CLI.md §0 and §12
// (subgraph tuning first, then operator tuning: the documented order), §10 ("Improved by xx%" is
// not the end-to-end gain), §1.2 (`--input_shape`), and the MindSpore Lite graph-kernel fusion
// configuration (`[graph_kernel_param]` `opt_level=2`, AKG) named with the converter in §7.
import { DEFAULT_NOISE_PCT } from '../../model/compare.ts';
import { joinTaskWithProfile } from '../../model/join.ts';
import type { AdviceRule, Evidence, Finding } from '../types.ts';
import { profilesOfReport } from '../context.ts';
import { L, ms, pct, pctPoints, reportEvidence } from '../text.ts';

export const LITTLE_GAIN_THRESHOLDS = {
  noisePct: {
    value: DEFAULT_NOISE_PCT,
    doc: 'model time saved (% of the baseline) below which the gain is noise (the compare noise floor)',
  },
  operatorGain: {
    value: 0.05,
    doc: 'time saved by the best operator (fraction of its own time) that counts as an operator gain',
  },
} as const;

export const littleGainRule: AdviceRule = {
  id: 'little-gain',
  scope: 'report+profile',
  title: L('Operators gained, the model did not', '算子有收益，模型无收益'),
  thresholds: LITTLE_GAIN_THRESHOLDS,
  source:
    'AOE-CLI.md §0/§12 (subgraph tuning before operator tuning), §10, §1.2 (--input_shape); MindSpore Lite graph kernel fusion config (opt_level=2), §7',
  run(ctx) {
    const out: Finding[] = [];
    const sgatRan = ctx.reports.some((r) => r.kind === 'sgat');
    for (const report of ctx.reports) {
      for (const task of report.tasks) {
        if (task.kind !== 'opat' || task.savedPct === null) continue;
        if (task.savedPct >= LITTLE_GAIN_THRESHOLDS.noisePct.value) continue;
        let best: { name: string; gain: number } | null = null;
        let gained = 0;
        for (const op of task.operators) {
          if (!(op.beforeUs > 0)) continue;
          const g = (op.beforeUs - op.afterUs) / op.beforeUs;
          if (g >= LITTLE_GAIN_THRESHOLDS.operatorGain.value) gained++;
          if (best === null || g > best.gain) best = { name: op.name, gain: g };
        }
        if (best === null || best.gain < LITTLE_GAIN_THRESHOLDS.operatorGain.value) continue;
        const evidence: Evidence[] = [
          reportEvidence(report, task.name),
          {
            label: L('model time before → after (saved)', '模型耗时 调优前 → 调优后（节省）'),
            value: `${ms(task.baselineMs ?? 0)} → ${ms(task.tunedMs ?? 0)} (${pctPoints(task.savedPct)})`,
            ref: { fileId: report.id, table: 'operators', name: task.name },
          },
          {
            label: L('operators that gained, best gain', '有收益的算子数、最大收益'),
            value: `${gained} · ${best.name} ${pct(best.gain)}`,
            ref: { fileId: report.id, table: 'operators', name: best.name },
          },
        ];
        let impact = best.gain;
        const profile = profilesOfReport(ctx, report)[0];
        if (profile) {
          const join = joinTaskWithProfile(task, profile.summary);
          impact = 1 - join.tunedShare;
          evidence.push({
            label: L('tuned operators’ share of model time', '已调优算子占模型时间的比例'),
            value: pct(join.tunedShare),
            ref: { fileId: profile.id, table: 'profile' },
          });
          if (join.predictedGainPct !== null)
            evidence.push({
              label: L('model gain those operators predict', '这些算子预测的模型收益'),
              value: pctPoints(join.predictedGainPct),
              ref: { fileId: profile.id, table: 'profile' },
            });
        }
        const steps: string[] = [];
        const stepsZh: string[] = [];
        if (!sgatRan) {
          steps.push('run subgraph tuning first (`--job_type=1`), then operator tuning');
          stepsZh.push('先做子图调优（`--job_type=1`），再做算子调优');
        }
        steps.push(
          'with the MindSpore Lite converter, enable graph-kernel fusion (AKG) with `opt_level=2`',
          'convert with fixed shapes (`--input_shape`) so every kernel is tuned for the shape it runs',
          'tune the operators that take the most time (see the "tune next" advice)',
        );
        stepsZh.push(
          '使用 MindSpore Lite 转换工具时，以 `opt_level=2` 开启图算融合（AKG）',
          '使用固定 shape（`--input_shape`）转换，使每个 kernel 都按实际 shape 调优',
          '调优耗时最多的算子（见“下一步调优”建议）',
        );
        out.push({
          ruleId: littleGainRule.id,
          severity: 'warning',
          impact,
          title: L(
            `Operator tuning saved ${pctPoints(task.savedPct)} of the model time: below the noise floor`,
            `算子调优仅节省模型时间的 ${pctPoints(task.savedPct)}，低于噪声阈值`,
          ),
          evidence,
          why: L(
            'A model gain is the operators’ gains weighted by their share of the model’s time. When the operators AOE improved take little of that time, even a large speed-up of each one leaves the model as it was.',
            '模型收益等于各算子收益按其占模型时间的比例加权。AOE 改进的算子只占模型时间的一小部分时，即使单个算子提速很多，模型整体也几乎不变。',
          ),
          action: {
            text: L(`Next: ${steps.join('; ')}.`, `下一步：${stepsZh.join('；')}。`),
            command: sgatRan
              ? undefined
              : 'aoe --framework=5 --model=<model>.onnx --job_type=1 --output=<model>_sgat',
            config: '[graph_kernel_param]\nopt_level=2',
            configName: 'converter config (--configFile)',
          },
          fileIds: [report.id, ...(profile ? [profile.id] : [])],
        });
      }
    }
    return out;
  },
};
