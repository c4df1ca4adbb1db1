// Operators that ran on the AI CPU instead of the AI Core. An operator the AI Core has no kernel
// for (or not for its data type, e.g. INT64 inputs) falls back to the AI CPU, which is far slower
// and breaks the device pipeline; when most of the time is there, the model did not really run on
// Ascend. Source: FORMATS.md B.2 (`Task Type` AI_CPU), AOE-CLI.md §6 ("no AI-Core graph", only
// AI-Core operators are tunable) and the msprof-analyze advisor's AI CPU check (AOE-CLI.md §11).
import type { AdviceRule, Finding } from '../types.ts';
import {
  AI_CPU_CORE as AI_CPU,
  computeUs,
  dictTest,
  profilesToRead,
  timeByCoreType,
} from '../context.ts';
import { L, pct, us } from '../text.ts';

export const AI_CPU_THRESHOLDS = {
  infoShare: {
    value: 0.01,
    doc: 'AI CPU share of the operator time (communication excluded) at which it is worth a look (info)',
  },
  warningShare: {
    value: 0.05,
    doc: 'AI CPU share at which the fallback costs real time (warning)',
  },
  criticalShare: {
    value: 0.3,
    doc: 'AI CPU share at which the model did not really run on Ascend (critical)',
  },
} as const;

const TOP = 5;

export const aiCpuRule: AdviceRule = {
  id: 'ai-cpu-operators',
  scope: 'profile',
  title: L('Operators not on the AI Core', '算子未运行在 AI Core 上'),
  thresholds: AI_CPU_THRESHOLDS,
  source: 'FORMATS.md B.2 (Task Type); AOE-CLI.md §6 and §11 (msprof-analyze advisor)',
  run(ctx) {
    const out: Finding[] = [];
    for (const p of profilesToRead(ctx)) {
      const t = p.table;
      const total = computeUs(p);
      if (t === null || !(total > 0)) continue;
      const cpu = timeByCoreType(p).filter((c) => AI_CPU.test(c.coreType.trim()));
      const cpuUs = cpu.reduce((s, c) => s + c.totalUs, 0);
      const share = cpuUs / total;
      if (share < AI_CPU_THRESHOLDS.infoShare.value) continue;
      // The AI CPU operators by type, most time first.
      const byType = new Map<string, { count: number; us: number; row: number }>();
      const onCpu = dictTest(t.dict, (core) => AI_CPU.test(core.trim()));
      for (let i = 0; i < t.rowCount; i++) {
        const d = t.durationUs[i] as number;
        if (!(d >= 0) || !onCpu(t.coreType[i] as number)) continue;
        const type = t.dict[t.type[i] as number] || t.dict[t.name[i] as number] || '(no type)';
        const e = byType.get(type) ?? { count: 0, us: 0, row: i };
        e.count++;
        e.us += d;
        byType.set(type, e);
      }
      const top = [...byType.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, TOP);
      const critical = share >= AI_CPU_THRESHOLDS.criticalShare.value;
      const severity = critical
        ? 'critical'
        : share >= AI_CPU_THRESHOLDS.warningShare.value
          ? 'warning'
          : 'info';
      const cpuCount = cpu.reduce((s, c) => s + c.count, 0);
      out.push({
        ruleId: aiCpuRule.id,
        severity,
        impact: share,
        title: critical
          ? L(
              `${pct(share)} of the operator time is on the AI CPU: the model did not really run on Ascend`,
              `${pct(share)} 的算子时间在 AI CPU 上：模型并未真正运行在昇腾 AI Core 上`,
            )
          : L(
              `${pct(share)} of the operator time is in operators that fell back to the AI CPU`,
              `${pct(share)} 的算子时间花在回退到 AI CPU 的算子上`,
            ),
        evidence: [
          {
            label: L('AI CPU tasks', 'AI CPU 任务'),
            value: `${cpuCount} · ${us(cpuUs)} · ${pct(share)}`,
            ref: { fileId: p.id, table: 'profile' },
          },
          ...top.map(([type, e]) => ({
            label: L(`AI CPU operator type ${type}`, `AI CPU 算子类型 ${type}`),
            value: `${e.count} × · ${us(e.us)} · ${pct(e.us / total)}`,
            ref: { fileId: p.id, table: 'profile' as const, row: e.row, name: type },
          })),
        ],
        why: L(
          'The AI Core has no kernel for these operators (or not for their data type, often INT64), so they run on the slower AI CPU and every switch between the two stalls the device pipeline. AOE tunes AI Core operators only: it cannot help them.',
          'AI Core 没有这些算子（或其数据类型，常见为 INT64）的实现，因此回退到较慢的 AI CPU 执行，每次在两者之间切换都会打断设备流水。AOE 只调优 AI Core 算子，对它们无能为力。',
        ),
        action: {
          text: L(
            'Replace these operators in the model with ones the AI Core supports, or cast their inputs to a supported type (INT64 → INT32, FP64 → FP32) before converting; check each type against the CANN operator list. Re-profile after converting again.',
            '在模型中用 AI Core 支持的算子替换这些算子，或在转换前将其输入转换为支持的数据类型（INT64 → INT32，FP64 → FP32）；对照 CANN 算子清单逐一检查。重新转换后再次采集 Profiling 数据。',
          ),
          command: 'msprof-analyze advisor computation -d <profiling dir>',
        },
        fileIds: [p.id],
      });
    }
    return out;
  },
};
