// Profile rules on small op_summary tables read through the real parser. Every table totals a
// round number of µs so that each expected share below is worked out by hand in its comment.
import { describe, expect, it } from 'vitest';
import { advise } from './advise.ts';
import { HEALTHY, opSummary, times, type Row } from './fixtures/build.ts';
import { breakdownOf } from '../model/profile-compare.ts';
import type { TimelineSummary } from '../formats/timeline/summarize.ts';
import type { Finding } from './types.ts';

const only = (findings: readonly Finding[], ruleId: string) =>
  findings.filter((f) => f.ruleId === ruleId);
const values = (f: Finding | undefined) => f?.evidence.map((e) => [e.label.en, e.value]);

async function adviseRows(rows: readonly Row[]) {
  const { profile, digest } = await opSummary(rows);
  return advise({ profiles: [profile], precision: [digest] });
}

describe('a healthy profile', () => {
  it('gives no finding at all', async () => {
    expect(await adviseRows(HEALTHY)).toEqual([]);
  });
});

describe('ai-cpu-operators', () => {
  it('is critical when a third of the time is on the AI CPU (did not really run on Ascend)', async () => {
    // 600 µs on the AI Core + 2 × 150 µs NonZero + 100 µs Gather on the AI CPU = 1000 µs:
    // AI CPU 400 µs = 40.0 % ≥ 30 %.
    const findings = await adviseRows([
      ...times(30, { name: 'Conv', type: 'Conv2D', us: 20 }),
      { name: 'NonZero_1', type: 'NonZero', core: 'AI_CPU', us: 150 },
      { name: 'NonZero_2', type: 'NonZero', core: 'AI_CPU', us: 150 },
      { name: 'Gather_1', type: 'GatherV2', core: 'AI_CPU', us: 100 },
    ]);
    const [f] = only(findings, 'ai-cpu-operators');
    expect(f?.severity).toBe('critical');
    expect(f?.impact).toBeCloseTo(0.4);
    expect(f?.title.en).toContain('did not really run on Ascend');
    expect(f?.title['zh-CN']).toContain('AI CPU');
    expect(values(f)).toEqual([
      ['AI CPU tasks', '3 · 400.000 µs · 40.0 %'],
      ['AI CPU operator type NonZero', '2 × · 300.000 µs · 30.0 %'],
      ['AI CPU operator type GatherV2', '1 × · 100.000 µs · 10.0 %'],
    ]);
    expect(f?.evidence[1]?.ref).toMatchObject({ table: 'profile', row: 30, name: 'NonZero' });
  });

  it('is a warning at 5 %, info at 1 %, and silent below', async () => {
    const at = async (cpuUs: number) =>
      only(
        await adviseRows([
          { name: 'MatMul', type: 'MatMulV2', us: 1000 - cpuUs },
          { name: 'Cast_1', type: 'Cast', core: 'AI_CPU', us: cpuUs },
        ]),
        'ai-cpu-operators',
      ).map((f) => f.severity);
    expect(await at(50)).toEqual(['warning']); // 50 / 1000 = 5 %
    expect(await at(10)).toEqual(['info']); // 1 %
    expect(await at(9)).toEqual([]); // 0.9 %
  });

  it('takes the share of operator time, without collective communication', async () => {
    // 900 µs hcom_allReduce_ (HCCL) is left out: AI CPU 50 of 50 + 50 = 50 %.
    const [f] = only(
      await adviseRows([
        { name: 'hcom_allReduce__1', type: 'hcom_allReduce_', core: 'HCCL', us: 900 },
        { name: 'MatMul', type: 'MatMulV2', us: 50 },
        { name: 'Cast_1', type: 'Cast', core: 'AI_CPU', us: 50 },
      ]),
      'ai-cpu-operators',
    );
    expect(f?.impact).toBeCloseTo(0.5);
  });
});

describe('data-rearrangement', () => {
  it('warns at 15 % and lists each type with its share', async () => {
    // 100 TransData + 50 Transpose + 50 StridedSliceD = 200 of 1000 µs = 20 %.
    const [f] = only(
      await adviseRows([
        { name: 'Conv', type: 'Conv2D', us: 800 },
        ...times(10, { name: 'td', type: 'TransData', core: 'AI_VECTOR_CORE', us: 10 }),
        { name: 'tr', type: 'Transpose', core: 'AI_VECTOR_CORE', us: 50 },
        { name: 'ss', type: 'StridedSliceD', core: 'AI_VECTOR_CORE', us: 50 },
      ]),
      'data-rearrangement',
    );
    expect(f?.severity).toBe('warning');
    expect(values(f)).toEqual([
      ['operator type TransData', '10 × · 100.000 µs · 10.0 %'],
      ['operator type StridedSliceD', '1 × · 50.000 µs · 5.0 %'],
      ['operator type Transpose', '1 × · 50.000 µs · 5.0 %'],
    ]);
    expect(f?.action.text.en).toContain('--is_input_adjust_hw_layout');
  });

  it('is info between 5 % and 15 %, and silent for Pad-like names that are other operators', async () => {
    const info = only(
      await adviseRows([
        { name: 'Conv', type: 'Conv2D', us: 940 },
        { name: 'pad', type: 'PadV3', core: 'AI_VECTOR_CORE', us: 60 },
      ]),
      'data-rearrangement',
    );
    expect(info.map((f) => [f.severity, f.impact])).toEqual([['info', 0.06]]);
    const none = await adviseRows([
      { name: 'Conv', type: 'Conv2D', us: 500 },
      { name: 'p', type: 'PadFusion', us: 300 }, // not a data-rearranging type name
      { name: 's', type: 'StridedSliceGradFused', us: 200 },
    ]);
    expect(only(none, 'data-rearrangement')).toEqual([]);
  });
});

describe('fp32-compute', () => {
  it('warns when most AI Core time has FP32 inputs', async () => {
    // AI Core: 600 FP32 Conv2D + 100 FP32 MatMul + 300 FP16 = 1000 µs: FP32 70 %.
    const [f] = only(
      await adviseRows([
        ...times(6, { name: 'c', type: 'Conv2D', us: 100, dtype: 'FLOAT;FLOAT;FLOAT' }),
        { name: 'm', type: 'MatMulV2', us: 100, dtype: 'FLOAT;FLOAT16' },
        ...times(3, { name: 'r', type: 'Relu', us: 100, dtype: 'FLOAT16' }),
      ]),
      'fp32-compute',
    );
    expect(f?.severity).toBe('warning');
    expect(values(f)).toEqual([
      ['AI Core time: FP32 / FP16·BF16', '700.000 µs / 300.000 µs of 1000.000 µs'],
      ['FP32 operator type Conv2D', '6 × · 600.000 µs · 60.0 %'],
      ['FP32 operator type MatMulV2', '1 × · 100.000 µs · 10.0 %'],
    ]);
    expect(f?.action.command).toContain('--output_type=FP16');
    expect(f?.action.command).toContain('--precision_mode=force_fp16');
  });

  it('ignores FP32 on the AI CPU, and a few FP32 vector operators of a FP16 model', async () => {
    const findings = await adviseRows([
      ...times(9, { name: 'c', type: 'Conv2D', us: 100 }),
      // FP32 Softmax kept for accuracy: 4 rows, below the 5 rows needed, 10 % of the time.
      ...times(4, { name: 's', type: 'SoftmaxV2', us: 25, dtype: 'FLOAT' }),
      { name: 'cpu', type: 'Cast', core: 'AI_CPU', us: 5, dtype: 'FLOAT' },
    ]);
    expect(only(findings, 'fp32-compute')).toEqual([]);
  });
});

describe('dynamic-shapes', () => {
  it('warns when one graph operator runs with many shapes, and gives the batch sizes seen', async () => {
    // Conv_0 with batch 1, 4 and 8 (3 shapes): 300 of 1000 µs = 30 %.
    const [f] = only(
      await adviseRows([
        { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '1,3,224,224' },
        { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '4,3,224,224' },
        { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '8,3,224,224' },
        ...times(7, { name: 'MatMul_0', type: 'MatMulV2', us: 100, shape: '1,2048' }),
      ]),
      'dynamic-shapes',
    );
    expect(f?.severity).toBe('warning');
    expect(values(f)).toEqual([
      ['Conv_0 (Conv2D): distinct input shapes', '3 · 300.000 µs · 30.0 %'],
    ]);
    expect(f?.action.command).toContain('--dynamic_batch_size="1,4,8"');
  });

  it('suggests fixed shapes with --inputShape and ascend_oriented when batch sizes do not help', async () => {
    const [f] = only(
      await adviseRows([
        { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '1,3,224,224' },
        { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '1,3,320,320' },
        { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '1,3,640,640' },
        { name: 'MatMul_0', type: 'MatMulV2', us: 700 },
      ]),
      'dynamic-shapes',
    );
    expect(f?.action.command).toContain('--optimize=ascend_oriented');
    expect(f?.action.command).toContain('--inputShape=');
    expect(f?.action.text.en).toContain('--input_shape');
  });

  it('counts OP State dynamic only from 10 rows on, and then only as info', async () => {
    const few = await adviseRows([
      ...times(3, {
        name: 'main_kernel',
        type: 'main_kernel',
        core: 'MIX_AIC',
        us: 300,
        state: 'dynamic',
      }),
      { name: 'x', type: 'Add', us: 100 },
    ]);
    expect(only(few, 'dynamic-shapes')).toEqual([]);
    // 10 dynamic rows of 50 µs = 500 of 1000 µs.
    const [f] = only(
      await adviseRows([
        ...times(10, { name: 'Add_1', type: 'Add', us: 50, state: 'dynamic' }),
        { name: 'x', type: 'Conv2D', us: 500 },
      ]),
      'dynamic-shapes',
    );
    expect(f?.severity).toBe('info');
    expect(values(f)).toEqual([
      ['operators compiled as dynamic (OP State)', '10 rows · 500.000 µs · 50.0 %'],
    ]);
  });

  it('does not read torch_npu kernel names, which every layer shares', async () => {
    const { profile } = await opSummary([
      { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '1,3,224,224' },
      { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '4,3,224,224' },
      { name: 'Conv_0', type: 'Conv2D', us: 100, shape: '8,3,224,224' },
    ]);
    const asKernelDetails = {
      ...profile,
      format: 'kernel-details' as const,
      headerSet: 'torch_npu-level1-2025.01',
    };
    expect(only(advise({ profiles: [asKernelDetails] }), 'dynamic-shapes')).toEqual([]);
  });
});

function timeline(parts: {
  computingUs: number;
  freeUs: number;
  kernels: number;
}): TimelineSummary {
  const breakdown = breakdownOf({
    steps: 1,
    computingUs: parts.computingUs,
    communicationNotOverlappedUs: 0,
    overlappedUs: 0,
    freeUs: parts.freeUs,
  });
  return {
    id: 'tl',
    fileName: 'trace_view.json',
    events: parts.kernels,
    completeEvents: parts.kernels,
    metadataEvents: 0,
    skippedEvents: 0,
    startBaseUs: '0',
    tracks: [],
    deviceTasks: parts.kernels,
    kernels: parts.kernels,
    communicationOps: 0,
    steps: [],
    breakdown,
    gaps: { count: parts.kernels - 1, totalUs: parts.freeUs, p50Us: 8, p90Us: 40, maxUs: 900 },
    streams: [],
    overlapAnalysis: null,
  };
}

describe('host-bound', () => {
  it('warns when the device is Free over half the step between small kernels', () => {
    // 200 kernels in 1000 µs of compute (5 µs each), 3000 µs Free of 4000 µs = 75 %.
    const [f] = only(
      advise({ timelines: [timeline({ computingUs: 1000, freeUs: 3000, kernels: 200 })] }),
      'host-bound',
    );
    expect(f?.severity).toBe('warning');
    expect(f?.title.en).toContain('many small kernels');
    expect(values(f)?.slice(0, 3)).toEqual([
      ['device Free time', '3000.000 µs · 75.0 %'],
      ['Computing', '1000.000 µs · 25.0 %'],
      ['kernels, mean time', '200 · 5.000 µs'],
    ]);
  });

  it('is info from 30 % Free, silent below it and with too few kernels to judge', () => {
    const at = (free: number, kernels = 100) =>
      only(
        advise({ timelines: [timeline({ computingUs: 1000 - free, freeUs: free, kernels })] }),
        'host-bound',
      ).map((f) => f.severity);
    expect(at(300)).toEqual(['info']);
    expect(at(290)).toEqual([]);
    expect(at(900, 19)).toEqual([]);
  });
});
