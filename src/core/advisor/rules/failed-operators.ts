// Operators AOE could not tune (`tune_failed_operators`), and tasks that failed as a whole. Often
// the operator is not tunable at all (only DSL AI-Core operators are: AI CPU and hand-written
// kernels are not), sometimes the host ran out of memory or disk while tuning. Source: AOE-CLI.md
// §5.2 (tune_failed_operators), §6 (failure modes: "nothing tuned", plog, `--log=info`, RAM and
// disk), §1.2 (`--tune_ops_file`, `--log`), §3 (resources).
import { tuneOpsFileText } from '../../export/tune-ops-file.ts';
import type { AdviceRule, Evidence, Finding } from '../types.ts';
import { L, reportEvidence } from '../text.ts';

export const FAILED_OPERATOR_THRESHOLDS = {
  listed: { value: 10, doc: 'failed operators listed as evidence at most' },
} as const;

export const failedOperatorsRule: AdviceRule = {
  id: 'failed-operators',
  scope: 'report',
  title: L('Operators AOE could not tune', 'AOE 调优失败的算子'),
  thresholds: FAILED_OPERATOR_THRESHOLDS,
  source: 'AOE-CLI.md §5.2 (tune_failed_operators), §6, §1.2 (--tune_ops_file, --log), §3',
  run(ctx) {
    const out: Finding[] = [];
    for (const report of ctx.reports)
      for (const task of report.tasks) {
        const failed = [...new Set(task.failedOperators)];
        const taskFailed = task.status === 'failed';
        if (failed.length === 0 && !taskFailed) continue;
        const evidence: Evidence[] = [
          reportEvidence(report, task.name),
          {
            label: L('task status', '任务状态'),
            value: task.statusText ?? task.status,
            ref: { fileId: report.id, table: 'operators', name: task.name },
          },
          ...failed.slice(0, FAILED_OPERATOR_THRESHOLDS.listed.value).map((name) => ({
            label: L('failed operator', '调优失败的算子'),
            value: name,
            ref: { fileId: report.id, table: 'operators' as const, name },
          })),
        ];
        if (failed.length > FAILED_OPERATOR_THRESHOLDS.listed.value)
          evidence.push({
            label: L('more failed operators', '其余失败算子'),
            value: String(failed.length - FAILED_OPERATOR_THRESHOLDS.listed.value),
          });
        const kind = task.kind === 'sgat' ? 1 : 2;
        out.push({
          ruleId: failedOperatorsRule.id,
          severity: taskFailed && task.operators.length === 0 ? 'critical' : 'warning',
          impact: taskFailed
            ? 1
            : failed.length / Math.max(1, failed.length + task.operators.length),
          title:
            failed.length > 0
              ? L(
                  `Task "${task.name}": ${failed.length} operator(s) failed to tune`,
                  `任务 "${task.name}"：${failed.length} 个算子调优失败`,
                )
              : L(`Task "${task.name}" failed`, `任务 "${task.name}" 调优失败`),
          evidence,
          why: L(
            'A failed operator keeps its untuned kernel. Only DSL AI-Core operators can be tuned; for the others a failure is expected. For AI-Core operators the usual causes are the host running short of memory (32 GB per AOE process, 64 GB with O1) or disk (20 GB free in $HOME), or another job on the same device.',
            '调优失败的算子保留未调优的 kernel。只有 DSL 实现的 AI Core 算子可以调优，其他算子失败属正常。对 AI Core 算子，常见原因是 Host 内存不足（每个 AOE 进程 32 GB，O1 时 64 GB）、磁盘不足（$HOME 需 20 GB 空闲），或同一设备上有其他任务。',
          ),
          action:
            failed.length > 0
              ? {
                  text: L(
                    'Tune only these operators again with a tune_ops_file and the log on, then read the reason in the log (plog under $HOME/ascend/log or ASCEND_PROCESS_LOG_PATH).',
                    '用 tune_ops_file 只对这些算子重新调优并打开日志，然后在日志（$HOME/ascend/log 或 ASCEND_PROCESS_LOG_PATH 下的 plog）中查看原因。',
                  ),
                  command: `aoe --model=<model> --job_type=${kind} --tune_ops_file=tune_ops.json --log=info`,
                  config: tuneOpsFileText(failed.map((name) => ({ name, type: '' }))),
                  configName: 'tune_ops.json',
                }
              : {
                  text: L(
                    'Run the task again with the log on and read why it stopped; check free memory, free disk in $HOME and that no other job uses the device.',
                    '打开日志重新运行该任务，查看其停止的原因；检查空闲内存、$HOME 的空闲磁盘，以及是否有其他任务占用该设备。',
                  ),
                  command: `aoe --model=<model> --job_type=${kind} --log=info`,
                },
          fileIds: [report.id],
        });
      }
    return out;
  },
};
