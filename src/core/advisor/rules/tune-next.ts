// The operators worth tuning next: those with the most profiled time that this run did not
// improve (never tuned, or failed), with the tune_ops_file that limits operator tuning to them
// and the `aoe` command that uses it. Needs a profile of the same model (core/model/join.ts).
// Source: AOE-CLI.md §1.2 (`--tune_ops_file`: names as the profile shows them, union of names and
// types), §9.1 (msprof op_summary names; msprof-analyze advisor writes the same file), §12.
import { tuneOpsFileText } from '../../export/tune-ops-file.ts';
import { joinTaskWithProfile } from '../../model/join.ts';
import type { AdviceRule, Finding } from '../types.ts';
import { aiCpuOperatorNames, profilesOfReport } from '../context.ts';
import { L, pct, reportEvidence, us } from '../text.ts';

export const TUNE_NEXT_THRESHOLDS = {
  minShare: { value: 0.01, doc: 'share of model time an operator needs to be worth tuning' },
  minTotalShare: {
    value: 0.05,
    doc: 'share of model time the listed operators need together for the advice',
  },
  maxOperators: { value: 20, doc: 'operators listed in the tune_ops_file at most' },
} as const;

/** Collective communication is not an operator AOE tunes. */
const NOT_TUNABLE = /^hcom_/i;

export const tuneNextRule: AdviceRule = {
  id: 'tune-next',
  scope: 'report+profile',
  title: L('Tune next', '下一步调优'),
  thresholds: TUNE_NEXT_THRESHOLDS,
  source: 'AOE-CLI.md §1.2 (--tune_ops_file), §9.1, §11 (msprof-analyze advisor), §12',
  run(ctx) {
    const out: Finding[] = [];
    for (const report of ctx.reports) {
      const profile = profilesOfReport(ctx, report)[0];
      if (!profile) continue;
      for (const task of report.tasks) {
        if (task.kind !== 'opat') continue;
        const join = joinTaskWithProfile(task, profile.summary, {
          tuneNextLimit: TUNE_NEXT_THRESHOLDS.maxOperators.value * 4,
        });
        // Operators on the AI CPU are not AOE's to tune (the ai-cpu-operators advice covers them).
        const onCpu = aiCpuOperatorNames(profile);
        const picked = join.tuneNext
          .filter(
            (e) =>
              e.reason !== 'no-gain' &&
              e.share >= TUNE_NEXT_THRESHOLDS.minShare.value &&
              !NOT_TUNABLE.test(e.name) &&
              !NOT_TUNABLE.test(e.type) &&
              !onCpu.has(e.name),
          )
          .slice(0, TUNE_NEXT_THRESHOLDS.maxOperators.value);
        const share = picked.reduce((s, e) => s + e.share, 0);
        if (picked.length === 0 || share < TUNE_NEXT_THRESHOLDS.minTotalShare.value) continue;
        out.push({
          ruleId: tuneNextRule.id,
          severity: 'info',
          impact: share,
          title: L(
            `Task "${task.name}": ${picked.length} operator(s) not improved by this run take ${pct(share)} of the model time`,
            `任务 "${task.name}"：本次未改进的 ${picked.length} 个算子占模型时间的 ${pct(share)}`,
          ),
          evidence: [
            reportEvidence(report, task.name),
            ...picked.slice(0, 10).map((e) => ({
              label: L(
                `${e.name} (${e.type}), ${e.reason === 'failed' ? 'failed' : 'not tuned'}`,
                `${e.name}（${e.type}），${e.reason === 'failed' ? '调优失败' : '未调优'}`,
              ),
              value: `${us(e.totalUs)} · ${pct(e.share)}`,
              ref: { fileId: profile.id, table: 'profile' as const, name: e.name },
            })),
          ],
          why: L(
            'The model gains only where its time goes. These operators take the most time among those this run left as they were; limiting operator tuning (算子调优) to them spends the tuning time where it can pay.',
            '模型只在耗时所在之处获得收益。这些算子是本次未改进的算子中耗时最多的；把算子调优限定在它们上，调优时间才花在可能有回报的地方。',
          ),
          action: {
            text: L(
              'Save the file below as tune_ops.json and run operator tuning on it (operator names as the profile of the converted model shows them).',
              '将下面的内容保存为 tune_ops.json，并以它运行算子调优（算子名与转换后模型的 Profiling 中一致）。',
            ),
            command:
              'aoe --framework=5 --model=<model>.onnx --job_type=2 --tune_ops_file=tune_ops.json',
            config: tuneOpsFileText(picked),
            configName: 'tune_ops.json',
          },
          fileIds: [report.id, profile.id],
        });
      }
    }
    return out;
  },
};
