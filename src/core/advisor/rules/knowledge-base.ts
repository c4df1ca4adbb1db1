// The knowledge base (知识库) side of a tuning run, from `repo_summary`. Two findings:
// - nothing new: every operator hit the bank and nothing was added or updated, so AOE tuned
//   nothing (REPEAT_TUNE=False skips cases already in a bank);
// - use the bank: results were added/updated; they reach a model only when the same
//   TUNE_BANK_PATH is set when converting and running, after the compile cache is cleared.
// Source: AOE-CLI.md §2 (TUNE_BANK_PATH, REPEAT_TUNE), §5.4 (bank paths, compile cache, banks
// written only when better), §6 ("nothing tuned"), FORMATS.md A.5 (repo_summary).
import type { RepoSummary, TuningReport } from '../../model/types.ts';
import type { AdviceRule, Evidence, Finding } from '../types.ts';
import { L, reportEvidence } from '../text.ts';

export const KNOWLEDGE_BASE_THRESHOLDS = {
  minTotal: { value: 1, doc: 'operators in repo_summary needed to judge' },
} as const;

function summaryEvidence(report: TuningReport, task: string, r: RepoSummary): Evidence[] {
  const fileId = report.id;
  return [
    reportEvidence(report, task),
    {
      label: L('knowledge base: hit / total', '知识库：命中 / 总数'),
      value: `${r.hit} / ${r.total}`,
      ref: { fileId, table: 'operators', name: task },
    },
    {
      label: L('added · updated · reserved · unsatisfied', '新增 · 更新 · 保留 · 未满足'),
      value: `${r.add} · ${r.update} · ${r.reserved} · ${r.unsatisfied}`,
      ref: { fileId, table: 'operators', name: task },
    },
  ];
}

export const knowledgeBaseNothingNewRule: AdviceRule = {
  id: 'knowledge-base-nothing-new',
  scope: 'report',
  title: L(
    'Nothing new tuned: every operator hit the knowledge base',
    '未调优任何新算子：全部命中知识库',
  ),
  thresholds: KNOWLEDGE_BASE_THRESHOLDS,
  source: 'AOE-CLI.md §2 (REPEAT_TUNE), §6 ("nothing tuned"), FORMATS.md A.5',
  run(ctx) {
    const out: Finding[] = [];
    for (const report of ctx.reports)
      for (const task of report.tasks) {
        const r = task.repoSummary;
        if (r === null || r.total < KNOWLEDGE_BASE_THRESHOLDS.minTotal.value) continue;
        if (r.add !== 0 || r.update !== 0 || r.hit < r.total) continue;
        out.push({
          ruleId: knowledgeBaseNothingNewRule.id,
          severity: 'warning',
          impact: 1,
          title: L(
            `Task "${task.name}": all ${r.total} operators hit the knowledge base, nothing was added or updated`,
            `任务 "${task.name}"：${r.total} 个算子全部命中知识库，没有新增或更新`,
          ),
          evidence: summaryEvidence(report, task.name, r),
          why: L(
            'With REPEAT_TUNE=False (the default) AOE skips every case already in a knowledge base, built-in or custom: this run measured the bank, it did not tune. Its gain, if any, is the bank’s.',
            'REPEAT_TUNE=False（默认）时，AOE 跳过已在知识库（内置或自定义）中的所有场景：这次运行只是使用了知识库，并没有调优。若有收益，也来自知识库。',
          ),
          action: {
            text: L(
              'To tune these operators again, set REPEAT_TUNE=True (a new result is written to the custom bank only when it is better). Keep TUNE_BANK_PATH the same as in the earlier run.',
              '如需重新调优这些算子，设置 REPEAT_TUNE=True（仅当新结果更优时才写入自定义知识库）。TUNE_BANK_PATH 保持与之前的运行一致。',
            ),
            command: `REPEAT_TUNE=True TUNE_BANK_PATH=<bank dir> aoe --job_type=${task.kind === 'sgat' ? 1 : 2} --model=<model>`,
          },
          fileIds: [report.id],
        });
      }
    return out;
  },
};

export const knowledgeBaseUseRule: AdviceRule = {
  id: 'knowledge-base-use',
  scope: 'report',
  title: L(
    'Use the tuned knowledge base when converting and running',
    '转换和运行时使用调优后的知识库',
  ),
  thresholds: KNOWLEDGE_BASE_THRESHOLDS,
  source: 'AOE-CLI.md §2 (TUNE_BANK_PATH), §5.4 (bank paths, compile cache), FORMATS.md A.5',
  run(ctx) {
    const out: Finding[] = [];
    for (const report of ctx.reports)
      for (const task of report.tasks) {
        const r = task.repoSummary;
        if (r === null || r.total < KNOWLEDGE_BASE_THRESHOLDS.minTotal.value) continue;
        if (r.add + r.update === 0) continue;
        out.push({
          ruleId: knowledgeBaseUseRule.id,
          severity: 'info',
          impact: (r.add + r.update) / r.total,
          title: L(
            `Task "${task.name}": ${r.add} added and ${r.update} updated in the knowledge base${r.unsatisfied > 0 ? `, ${r.unsatisfied} unsatisfied` : ''}`,
            `任务 "${task.name}"：知识库新增 ${r.add}、更新 ${r.update}${r.unsatisfied > 0 ? `，未满足 ${r.unsatisfied}` : ''}`,
          ),
          evidence: summaryEvidence(report, task.name, r),
          why: L(
            'Tuned tilings live in the knowledge base, not only in this run’s .om. A later conversion or online run uses them only when it sees the same bank: TUNE_BANK_PATH (which wins over ASCEND_CACHE_PATH and ATC’s --op_bank_path) must be set the same, and the operator compile cache cleared, or the old kernels are reused. Unsatisfied operators found no strategy better than the one they had.',
            '调优得到的切分策略保存在知识库中，而不只在本次的 .om 里。之后的转换或在线运行只有看到同一个知识库才会使用它们：TUNE_BANK_PATH（优先于 ASCEND_CACHE_PATH 和 ATC 的 --op_bank_path）必须设置为相同路径，并清理算子编译缓存，否则会复用旧的 kernel。“未满足”的算子没有找到比现有策略更优的方案。',
          ),
          action: {
            text: L(
              'Set the same TUNE_BANK_PATH in the environment of the conversion (ATC) and of the inference service, clear the operator compile cache, convert again and re-measure.',
              '在模型转换（ATC）和推理服务的环境中设置相同的 TUNE_BANK_PATH，清理算子编译缓存，重新转换并重新测量性能。',
            ),
            command:
              'export TUNE_BANK_PATH=<bank dir used for tuning>; atc --model=<model>.onnx --framework=5 --output=<model> --soc_version=<soc>',
          },
          fileIds: [report.id],
        });
      }
    return out;
  },
};
