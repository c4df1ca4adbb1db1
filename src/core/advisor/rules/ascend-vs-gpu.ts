// Ascend latency against a GPU baseline (trtexec) at the same batch size: the migration question
// "is the NPU at least as fast as what we had". Like is compared with like: ais_bench's
// NPU_compute_time (device compute only) with trtexec's GPU Compute Time, not its end-to-end
// Latency (which adds H2D and D2H copies). Source: AOE-CLI.md §9.2 (ais_bench NPU_compute_time),
// PRODUCT.md (migration acceptance), core/measure/model.ts (what each tool's figure is).
import type { AdviceRule, Evidence } from '../types.ts';
import { batchLabel, batchLabelZh, centre, inferRole, pairsByBatch } from '../measurement-pairs.ts';
import { L, ms, pct } from '../text.ts';

export const ASCEND_GPU_THRESHOLDS = {
  slowerShare: {
    value: 0.2,
    doc: 'Ascend latency above the GPU baseline by this fraction at a batch size (warning)',
  },
} as const;

export const ascendVsGpuRule: AdviceRule = {
  id: 'ascend-vs-gpu',
  scope: 'measurement',
  title: L('Ascend slower than the GPU baseline', '昇腾慢于 GPU 基线'),
  thresholds: ASCEND_GPU_THRESHOLDS,
  source: 'AOE-CLI.md §9.2; PRODUCT.md (migration acceptance); core/measure/model.ts',
  run(ctx) {
    // The tuned model where there is one at that batch size, else the untuned one.
    const tuned = pairsByBatch(ctx.measurements, 'tuned', 'gpu');
    const seen = new Set(tuned.map((p) => p.batchSize));
    const pairs = [
      ...tuned,
      ...pairsByBatch(ctx.measurements, 'baseline', 'gpu').filter((p) => !seen.has(p.batchSize)),
    ];
    const slow: { batch: number | null; gap: number; ev: Evidence[]; ids: string[] }[] = [];
    for (const { batchSize, a: npu, b: gpu } of pairs) {
      const n = centre(npu.measurement.latencyMs);
      const g = centre(gpu.measurement.computeMs) ?? centre(gpu.measurement.latencyMs);
      if (n === null || g === null || !(g > 0)) continue;
      const gap = n / g - 1;
      if (gap < ASCEND_GPU_THRESHOLDS.slowerShare.value) continue;
      slow.push({
        batch: batchSize,
        gap,
        ids: [npu.fileId, gpu.fileId],
        ev: [
          {
            label: L(
              `${batchLabel(batchSize)}: Ascend (${inferRole(npu) === 'tuned' ? 'tuned' : 'untuned'}) vs GPU`,
              `${batchLabelZh(batchSize)}：昇腾（${inferRole(npu) === 'tuned' ? '调优后' : '未调优'}）对比 GPU`,
            ),
            value: `${ms(n)} vs ${ms(g)} (+${pct(gap)})`,
            ref: { fileId: npu.fileId, table: 'measurements', row: npu.index },
          },
        ],
      });
    }
    if (slow.length === 0) return [];
    const worst = Math.max(...slow.map((s) => s.gap));
    return [
      {
        ruleId: ascendVsGpuRule.id,
        severity: 'warning',
        impact: worst / (1 + worst),
        title: L(
          `Ascend is slower than the GPU baseline at ${slow.map((s) => batchLabel(s.batch)).join(', ')} (up to +${pct(worst)})`,
          `在 ${slow.map((s) => batchLabelZh(s.batch)).join('、')} 上昇腾慢于 GPU 基线（最多 +${pct(worst)}）`,
        ),
        evidence: slow.flatMap((s) => s.ev),
        why: L(
          'At equal batch size and compute-only time, the NPU takes longer than the GPU it is meant to replace. The usual causes are on the model side: operators on the AI CPU, format conversions, FP32 compute, dynamic shapes, or a batch size too small to fill the AI Cores.',
          '在相同 batch size、仅比较计算时间的情况下，NPU 比要替代的 GPU 更慢。常见原因在模型侧：算子运行在 AI CPU 上、格式转换、FP32 计算、动态 shape，或 batch size 太小无法用满 AI Core。',
        ),
        action: {
          text: L(
            'Profile the Ascend run at the slowest batch size and read the profile advice (AI CPU, data rearrangement, precision, shapes); try a larger batch size; then tune (subgraph tuning, then operator tuning).',
            '在最慢的 batch size 上对昇腾运行采集 Profiling，并查看针对 Profiling 的建议（AI CPU、数据重排、精度、shape）；尝试更大的 batch size；然后进行调优（先子图调优，再算子调优）。',
          ),
          command: 'msprof --output=<dir> python3 -m ais_bench --model <model>.om --loop 10',
        },
        fileIds: [...new Set(slow.flatMap((s) => s.ids))],
      },
    ];
  },
};
