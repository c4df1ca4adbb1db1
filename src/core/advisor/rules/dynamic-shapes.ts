// One operator of the graph run with many different input shapes, or operators compiled as
// dynamic (`OP State` dynamic): the model was converted with dynamic shapes. Dynamic kernels are
// compiled for a range instead of one shape (slower tiling, no fixed memory plan), AOE rejects
// operator tuning of dynamic-shape-range graphs, and TorchAir's AOE supports static shapes only.
// Source: AOE-CLI.md §1.2 (`--input_shape`, `--dynamic_batch_size`), §6 ("op tuning rejected:
// dynamic shape range"), §7 (MindSpore Lite `converter_lite --optimize=ascend_oriented`).
//
// Only msprof op_summary tables are read for shapes: their `Op Name` is the graph node, one per
// node. torch_npu kernel_details names are kernel names shared by every layer (`aclnnAdd_…`), so
// many shapes per name there are normal and would be false alarms.
import type { ProfileData } from '../../model/types.ts';
import type { AdviceRule, Evidence, Finding } from '../types.ts';
import { computeUs, profilesToRead } from '../context.ts';
import { L, pct, us } from '../text.ts';

export const DYNAMIC_SHAPE_THRESHOLDS = {
  minDistinctShapes: {
    value: 3,
    doc: 'distinct input shapes of one graph operator that mark it as run with dynamic shapes',
  },
  infoShare: { value: 0.01, doc: 'share of operator time in such operators (info)' },
  warningShare: { value: 0.05, doc: 'share at which dynamic shapes cost real time (warning)' },
  maxBatchSizes: { value: 8, doc: 'batch sizes listed for --dynamic_batch_size at most' },
  minDynamicRows: {
    value: 10,
    doc: 'rows with OP State dynamic needed before they count (a few custom kernels say nothing)',
  },
} as const;

const TOP = 5;

interface ShapeStats {
  readonly name: string;
  readonly type: string;
  readonly shapes: ReadonlySet<string>;
  readonly batches: ReadonlySet<number>;
  readonly us: number;
  readonly row: number;
}

const clean = (shape: string): string => shape.replace(/"/g, '').trim();

function shapeStats(p: ProfileData): ShapeStats[] {
  const t = p.table;
  if (t === null) return [];
  // Rows are gathered by dictionary index (integers only in the loop over a million rows); the
  // shape strings are cleaned once per distinct index afterwards.
  const by = new Map<number, { type: number; shapes: Set<number>; us: number; row: number }>();
  for (let i = 0; i < t.rowCount; i++) {
    const d = t.durationUs[i] as number;
    if (!(d >= 0)) continue;
    const key = t.name[i] as number;
    let e = by.get(key);
    if (e === undefined) {
      e = { type: t.type[i] as number, shapes: new Set<number>(), us: 0, row: i };
      by.set(key, e);
    }
    e.us += d;
    e.shapes.add(t.inputShapes[i] as number);
  }
  const cleaned = new Map<number, string>();
  const cleanAt = (k: number): string => {
    let c = cleaned.get(k);
    if (c === undefined) {
      c = clean(t.dict[k] ?? '');
      cleaned.set(k, c);
    }
    return c;
  };
  return [...by.entries()].map(([k, e]) => {
    const shapes = new Set<string>();
    const batches = new Set<number>();
    for (const index of e.shapes) {
      const shape = cleanAt(index);
      if (shape === '' || shape.toUpperCase() === 'N/A') continue;
      shapes.add(shape);
      const batch = Number(shape.split(/[;,]/)[0]);
      if (Number.isInteger(batch) && batch > 0) batches.add(batch);
    }
    return {
      name: t.dict[k] ?? '',
      type: t.dict[e.type] ?? '',
      shapes,
      batches,
      us: e.us,
      row: e.row,
    };
  });
}

export const dynamicShapesRule: AdviceRule = {
  id: 'dynamic-shapes',
  scope: 'profile',
  title: L('Dynamic shapes', '动态 shape'),
  thresholds: DYNAMIC_SHAPE_THRESHOLDS,
  source:
    'AOE-CLI.md §1.2 (--input_shape, --dynamic_batch_size), §6 (op tuning rejected for dynamic shape ranges), §7 (converter_lite --optimize=ascend_oriented)',
  run(ctx) {
    const out: Finding[] = [];
    for (const p of profilesToRead(ctx)) {
      if (p.table === null || p.format !== 'op-summary' || !p.headerSet.startsWith('msprof'))
        continue;
      const total = computeUs(p);
      if (!(total > 0)) continue;
      const many = shapeStats(p)
        .filter((s) => s.shapes.size >= DYNAMIC_SHAPE_THRESHOLDS.minDistinctShapes.value)
        .sort((a, b) => b.us - a.us);
      const manyUs = many.reduce((s, m) => s + m.us, 0);
      const digest = ctx.precision.find((d) => d.fileId === p.id && d.hasOpState);
      const dynamicShare =
        digest &&
        digest.totalUs > 0 &&
        digest.dynamicRows >= DYNAMIC_SHAPE_THRESHOLDS.minDynamicRows.value
          ? digest.dynamicUs / digest.totalUs
          : 0;
      const shapesShare = manyUs / total;
      const share = Math.max(shapesShare, dynamicShare);
      if (share < DYNAMIC_SHAPE_THRESHOLDS.infoShare.value) continue;
      const evidence: Evidence[] = [];
      if (dynamicShare > 0 && digest)
        evidence.push({
          label: L('operators compiled as dynamic (OP State)', '以动态方式编译的算子（OP State）'),
          value: `${digest.dynamicRows} rows · ${us(digest.dynamicUs)} · ${pct(dynamicShare)}`,
          ref: { fileId: p.id, table: 'profile' },
        });
      for (const m of many.slice(0, TOP))
        evidence.push({
          label: L(
            `${m.name} (${m.type}): distinct input shapes`,
            `${m.name}（${m.type}）：不同输入 shape 数`,
          ),
          value: `${m.shapes.size} · ${us(m.us)} · ${pct(m.us / total)}`,
          ref: { fileId: p.id, table: 'profile', row: m.row, name: m.name },
        });
      const batches = [...new Set(many.flatMap((m) => [...m.batches]))].sort((a, b) => a - b);
      const fewBatches =
        batches.length >= 2 && batches.length <= DYNAMIC_SHAPE_THRESHOLDS.maxBatchSizes.value;
      out.push({
        ruleId: dynamicShapesRule.id,
        // Operators compiled as dynamic but run with one shape cost less: a warning needs shapes
        // that really vary.
        severity: shapesShare >= DYNAMIC_SHAPE_THRESHOLDS.warningShare.value ? 'warning' : 'info',
        impact: share,
        title: L(
          `${pct(share)} of the operator time runs with dynamic shapes`,
          `${pct(share)} 的算子时间以动态 shape 运行`,
        ),
        evidence,
        why: L(
          'A dynamic kernel is compiled for a range of shapes: its tiling is chosen at run time, memory cannot be planned once, and AOE rejects operator tuning (算子调优) of graphs with dynamic shape ranges. With fixed shapes every kernel is compiled and tuned for the exact shape it runs.',
          '动态 kernel 按 shape 范围编译：切分策略在运行时决定，内存无法一次规划，且 AOE 不支持对动态 shape 范围的图做算子调优。固定 shape 时，每个 kernel 都按实际运行的 shape 编译和调优。',
        ),
        action: fewBatches
          ? {
              text: L(
                `Only a few batch sizes occur (${batches.join(', ')}): convert with a fixed input shape and those batch sizes as profiles instead of a dynamic range.`,
                `实际只出现了少数几个 batch size（${batches.join(', ')}）：用固定输入 shape 并把这几个 batch size 作为档位转换，而不是使用动态范围。`,
              ),
              command: `atc --model=<model>.onnx --framework=5 --output=<model> --soc_version=<soc> --input_shape="<input>:-1,<c>,<h>,<w>" --dynamic_batch_size="${batches.join(',')}"`,
            }
          : {
              text: L(
                'Convert with fixed input shapes (`--input_shape` for ATC/AOE, `--inputShape` with `--optimize=ascend_oriented` for the MindSpore Lite converter), one model per shape you serve if there are several.',
                '使用固定输入 shape 转换（ATC/AOE 使用 `--input_shape`，MindSpore Lite 转换工具使用 `--inputShape` 加 `--optimize=ascend_oriented`），如需服务多种 shape，则每种 shape 一个模型。',
              ),
              command:
                'converter_lite --fmk=ONNX --modelFile=<model>.onnx --outputFile=<model> --saveType=MINDIR --optimize=ascend_oriented --inputShape="<input>:<n>,<c>,<h>,<w>"',
            },
        fileIds: [p.id],
      });
    }
    return out;
  },
};
