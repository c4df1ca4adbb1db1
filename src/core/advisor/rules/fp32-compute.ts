// AI Core time spent on FP32 inputs. Inference on Ascend is meant to run in FP16 (ATC/AOE's
// inference default is `--precision_mode=force_fp16`); FP32 on the Cube runs at a fraction of the
// FP16 rate, or not at all on some chips. A model converted with `must_keep_origin_dtype` or
// `force_fp32`, or one whose inputs arrive as FP32, shows here. Read from the `Input Data Types`
// column (PrecisionDigest). Source: AOE-CLI.md §1.2 (`--precision_mode`, `--output_type`,
// `--input_fp16_nodes`), FORMATS.md B.2 (`Input Data Types`).
import type { AdviceRule, Finding } from '../types.ts';
import { L, pct, us } from '../text.ts';

export const FP32_THRESHOLDS = {
  infoShare: { value: 0.2, doc: 'share of AI Core time with FP32 inputs (info)' },
  warningShare: {
    value: 0.5,
    doc: 'share at which the model mostly computes in FP32 (warning)',
  },
  minAiCoreRows: { value: 5, doc: 'AI Core rows with a data type needed to judge' },
} as const;

const TOP = 5;

export const fp32ComputeRule: AdviceRule = {
  id: 'fp32-compute',
  scope: 'profile',
  title: L('FP32 compute on the AI Core', 'AI Core 以 FP32 计算'),
  thresholds: FP32_THRESHOLDS,
  source:
    'AOE-CLI.md §1.2 (--precision_mode, default force_fp16 for inference; --output_type); FORMATS.md B.2 (Input Data Types)',
  run(ctx) {
    const out: Finding[] = [];
    for (const d of ctx.precision) {
      if (!d.hasDataTypes || !(d.aiCoreUs > 0)) continue;
      const rows = d.fp32ByType.reduce((s, t) => s + t.count, 0);
      const share = d.fp32Us / d.aiCoreUs;
      if (share < FP32_THRESHOLDS.infoShare.value || rows < FP32_THRESHOLDS.minAiCoreRows.value)
        continue;
      const warning = share >= FP32_THRESHOLDS.warningShare.value;
      out.push({
        ruleId: fp32ComputeRule.id,
        severity: warning ? 'warning' : 'info',
        impact: share * (d.aiCoreUs / (d.totalUs || d.aiCoreUs)),
        title: L(
          `${pct(share)} of the AI Core time computes on FP32 inputs`,
          `${pct(share)} 的 AI Core 时间以 FP32 输入计算`,
        ),
        evidence: [
          {
            label: L('AI Core time: FP32 / FP16·BF16', 'AI Core 时间：FP32 / FP16·BF16'),
            value: `${us(d.fp32Us)} / ${us(d.halfUs)} of ${us(d.aiCoreUs)}`,
            ref: { fileId: d.fileId, table: 'profile' },
          },
          ...d.fp32ByType.slice(0, TOP).map((t) => ({
            label: L(`FP32 operator type ${t.type}`, `FP32 算子类型 ${t.type}`),
            value: `${t.count} × · ${us(t.fp32Us)} · ${pct(t.fp32Us / d.aiCoreUs)}`,
            ref: { fileId: d.fileId, table: 'profile' as const, name: t.type },
          })),
        ],
        why: L(
          'The Cube unit computes FP16 (and BF16 where the chip has it) at several times its FP32 rate, and some chips run FP32 matrix work only through conversions. If the model was meant to run in FP16, these operators run several times slower than they could.',
          'Cube 单元的 FP16（以及支持 BF16 的芯片上的 BF16）算力是 FP32 的数倍，部分芯片上 FP32 矩阵运算只能经过格式转换完成。如果模型本应以 FP16 运行，这些算子比应有的慢数倍。',
        ),
        action: ctx.profiles.some((p) => p.id === d.fileId && p.format === 'kernel-details')
          ? {
              text: L(
                'This is a PyTorch (torch_npu) capture: if the model may train or run in reduced precision, enable automatic mixed precision (torch.autocast on the NPU, FP16 or BF16) so that matrix operators run on the Cube in half precision; optimizer updates stay in FP32.',
                '这是 PyTorch（torch_npu）采集的数据：如果模型允许以低精度训练或推理，开启自动混合精度（在 NPU 上使用 torch.autocast，FP16 或 BF16），使矩阵类算子在 Cube 上以半精度运行；优化器更新保持 FP32。',
              ),
              command: "with torch.autocast(device_type='npu', dtype=torch.bfloat16): ...",
            }
          : {
              text: L(
                'If FP16 accuracy is acceptable, convert with the inference default precision mode (`--precision_mode=force_fp16`, or `allow_mix_precision` to keep sensitive operators in FP32) instead of `must_keep_origin_dtype`/`force_fp32`, feed FP16 inputs (`--input_fp16_nodes`) and ask for FP16 outputs (`--output_type=FP16`). Check accuracy on your data afterwards.',
                '如果 FP16 精度可以接受，使用推理默认的精度模式转换（`--precision_mode=force_fp16`，或 `allow_mix_precision` 让敏感算子保持 FP32），不要用 `must_keep_origin_dtype`/`force_fp32`；输入使用 FP16（`--input_fp16_nodes`），输出设为 FP16（`--output_type=FP16`）。之后在自己的数据上核对精度。',
              ),
              command:
                'atc --model=<model>.onnx --framework=5 --output=<model> --soc_version=<soc> --precision_mode=force_fp16 --output_type=FP16',
            },
        fileIds: [d.fileId],
      });
    }
    return out;
  },
};
