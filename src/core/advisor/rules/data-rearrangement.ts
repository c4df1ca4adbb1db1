// Operators that only move data around: padding, slicing, transposing and format conversion
// (TransData between NCHW/ND and the AI Core's NC1HWC0/FRACTAL_Z). On a CPU they are almost free;
// on Ascend each one is a kernel that reads and writes the whole tensor through global memory.
// Source: FORMATS.md B.2 (Input/Output Formats), AOE-CLI.md §1.2 (`--input_format`,
// `--is_input_adjust_hw_layout`, `--insert_op_conf` AIPP, `--Fop_format` operator format tuning).
import type { AdviceRule, Finding } from '../types.ts';
import { computeUs, profilesToRead } from '../context.ts';
import { L, pct, us } from '../text.ts';

export const DATA_REARRANGEMENT_THRESHOLDS = {
  infoShare: {
    value: 0.05,
    doc: 'share of the operator time (communication excluded) in data-rearranging operators (info)',
  },
  warningShare: { value: 0.15, doc: 'share at which they cost as much as real compute (warning)' },
} as const;

/** Pad, StridedSlice, Transpose and TransData in their CANN variants (`…D`, `…V2`, RNN). */
export const REARRANGING_TYPE =
  /^(?:Pad(?:V\d)?D?|StridedSlice(?:V\d)?D?|(?:Confusion)?Transpose(?:V\d)?D?|TransData(?:RNN)?|Permute)$/i;

const TOP = 6;

export const dataRearrangementRule: AdviceRule = {
  id: 'data-rearrangement',
  scope: 'profile',
  title: L('Data-rearranging operators', '数据重排类算子'),
  thresholds: DATA_REARRANGEMENT_THRESHOLDS,
  source:
    'FORMATS.md B.2 (Input/Output Formats); AOE-CLI.md §1.2 (--input_format, --is_input_adjust_hw_layout, --insert_op_conf, --Fop_format)',
  run(ctx) {
    const out: Finding[] = [];
    for (const p of profilesToRead(ctx)) {
      const total = computeUs(p);
      if (!(total > 0)) continue;
      const hits = p.summary.byType.filter((t) => REARRANGING_TYPE.test(t.type.trim()));
      const hitUs = hits.reduce((s, t) => s + t.totalUs, 0);
      const share = hitUs / total;
      if (share < DATA_REARRANGEMENT_THRESHOLDS.infoShare.value) continue;
      const warning = share >= DATA_REARRANGEMENT_THRESHOLDS.warningShare.value;
      const transData = hits.some((t) => /^TransData/i.test(t.type.trim()));
      out.push({
        ruleId: dataRearrangementRule.id,
        severity: warning ? 'warning' : 'info',
        impact: share,
        title: L(
          `${pct(share)} of the operator time goes to Pad/StridedSlice/Transpose/TransData`,
          `${pct(share)} 的算子时间花在 Pad/StridedSlice/Transpose/TransData 等数据重排算子上`,
        ),
        evidence: hits.slice(0, TOP).map((t) => ({
          label: L(`operator type ${t.type}`, `算子类型 ${t.type}`),
          value: `${t.count} × · ${us(t.totalUs)} · ${pct(t.totalUs / total)}`,
          ref: { fileId: p.id, table: 'profile' as const, name: t.type },
        })),
        why: L(
          'These operators compute nothing: they copy the whole tensor into another layout. Cheap on a CPU, on Ascend each one is a kernel that streams the tensor through global memory, and TransData converts between the framework layout (NCHW/ND) and the AI Core layout (NC1HWC0/FRACTAL_Z).',
          '这些算子不做计算，只把整个张量拷贝成另一种排布。在 CPU 上代价很小，在昇腾上每个都是一次经过全局内存的 kernel；TransData 负责框架格式（NCHW/ND）与 AI Core 格式（NC1HWC0/FRACTAL_Z）之间的转换。',
        ),
        action: {
          text: transData
            ? L(
                'Keep one layout through the model: export it in the layout its input arrives in (`--input_format`), move image preprocessing into AIPP (`--insert_op_conf`), let the model take and return the AI Core layout (`--is_input_adjust_hw_layout=true`, `--is_output_adjust_hw_layout=true`) where the caller can, and try operator format tuning (`--Fop_format`).',
                '在整个模型中保持一种数据排布：按输入实际的排布导出模型（`--input_format`），把图像预处理放进 AIPP（`--insert_op_conf`），调用方允许时让模型直接接收/输出 AI Core 格式（`--is_input_adjust_hw_layout=true`、`--is_output_adjust_hw_layout=true`），并尝试算子格式调优（`--Fop_format`）。',
              )
            : L(
                'Remove the rearrangement from the model where it is not needed: fold Pad into the convolution padding, drop transposes that cancel out, slice once instead of per step, then convert again.',
                '在模型中去掉不必要的重排：把 Pad 合并进卷积的 padding，删除相互抵消的转置，切片只做一次而不是每步都做，然后重新转换。',
              ),
        },
        fileIds: [p.id],
      });
    }
    return out;
  },
};
