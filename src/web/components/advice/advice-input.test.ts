import { describe, expect, it } from 'vitest';
import { findingKey } from '../../../core/advisor/dismissals.ts';
import type { Finding } from '../../../core/advisor/types.ts';
import { evidenceTarget } from './evidence-link.ts';
import { profileAdviceInput, runAdviceInput, runFindings, sharedAdvice } from './advice-input.ts';
import { importBytes } from '../../../core/formats/index.ts';
import type { ImportedFile } from '../../../core/formats/types.ts';

const run = { reportId: 'r1', taskIndex: 2, taskName: 'yolov5s' };

describe('evidence links', () => {
  it('lead to the run summary for the task, to the filtered operators for an operator', () => {
    expect(
      evidenceTarget(
        { fileId: 'r1', table: 'operators', name: 'yolov5s' },
        { run, profiles: true },
      ),
    ).toEqual({
      pathname: '/run/r1/2',
      search: '?tab=summary',
      focus: '#run-panel-summary',
    });
    const op = evidenceTarget(
      { fileId: 'r1', table: 'operators', name: 'Conv_7 & <x>' },
      { run, profiles: true },
    );
    expect(op?.pathname).toBe('/run/r1/2');
    expect(new URLSearchParams(op?.search).get('ops.q')).toBe('Conv_7 & <x>');
    expect(new URLSearchParams(op?.search).get('tab')).toBe('operators');
  });

  it('lead to the profile kernel rows of a name, or its type table; nowhere when not reachable', () => {
    const p = evidenceTarget(
      { fileId: 'p/1', table: 'profile', row: 3, name: 'NonMaxSuppressionV3' },
      { run, profiles: true },
    );
    expect(p).toEqual({
      pathname: '/profile/p%2F1',
      search: '?ops.q=NonMaxSuppressionV3',
      focus: '[data-testid="profile-operators"]',
    });
    expect(evidenceTarget({ fileId: 'p', table: 'profile' }, { run, profiles: true })?.search).toBe(
      '',
    );
    // A shared session carries no profile rows; another report is not on this page.
    expect(
      evidenceTarget({ fileId: 'p', table: 'profile', name: 'x' }, { run, profiles: false }),
    ).toBeNull();
    expect(
      evidenceTarget({ fileId: 'r9', table: 'operators', name: 'x' }, { run, profiles: true }),
    ).toBeNull();
    expect(evidenceTarget(undefined, { run, profiles: true })).toBeNull();
  });

  it('lead to the measurement file row of the run Measured view, not in a shared session', () => {
    expect(
      evidenceTarget({ fileId: 'm"]x', table: 'measurements', row: 0 }, { run, profiles: true }),
    ).toEqual({
      pathname: '/run/r1/2',
      search: '?tab=measured',
      focus: '[data-testid="measured-panel"] tr[data-file="m\\"]x"]',
    });
    expect(
      evidenceTarget({ fileId: 'm', table: 'measurements', row: 0 }, { run, profiles: false }),
    ).toBeNull();
    expect(
      evidenceTarget({ fileId: 'm', table: 'measurements', row: 0 }, { run: null, profiles: true }),
    ).toBeNull();
    expect(evidenceTarget(undefined, { run, profiles: true })).toBeNull();
  });
});

describe('shared advice', () => {
  it('names the dismissed findings by their index, with the reason', () => {
    const f = (ruleId: string): Finding => ({
      ruleId,
      severity: 'info',
      impact: 0,
      title: { en: ruleId, 'zh-CN': ruleId },
      evidence: [],
      why: { en: '', 'zh-CN': '' },
      action: { text: { en: '', 'zh-CN': '' } },
      fileIds: ['r1'],
    });
    const findings = [f('a'), f('b'), f('c')];
    const dismissals = Object.create(null) as Record<string, { reason: string; at: string }>;
    dismissals[findingKey(findings[2]!)] = { reason: 'known', at: 'now' };
    dismissals['gone|x|y'] = { reason: 'a finding no longer there', at: 'now' };
    expect(sharedAdvice(findings, dismissals)).toEqual({ findings, dismissed: [[2, 'known']] });
  });
});

// A workspace made of real-shaped files read by the real readers: an AOE result that states 10 %
// saved, an op_summary whose AI Core rows compute on FP32, a trace_view.json of many small
// kernels with the device idle between them, and ais_bench summaries before and after tuning
// plus a trtexec --exportTimes of the GPU model, all linked to the report.
const enc = (text: string) => new TextEncoder().encode(text);

const AOE = JSON.stringify([
  { basic: { tuning_name: 'resnet50_om_tune', 'tuning_time(s)': 100 } },
  {
    OPAT: {
      'model_baseline_performance(ms)': 10,
      model_performance_improvement: '10.00%',
      'model_result_performance(ms)': 9,
      opat_tuning_result: 'tuning successful',
      repo_modified_operators: [
        {
          op_name: 'Conv_1',
          op_type: 'Conv2D',
          tune_performance: {
            Schedule: {
              'performance_after_tune(us)': 80,
              'performance_before_tune(us)': 100,
              performance_improvement: '20.00%',
              update_mode: 'add',
            },
          },
        },
      ],
    },
  },
]);

// Six Conv2D rows of 100 µs on FLOAT inputs and two MatMul rows of 50 µs on FLOAT16: FP32 share
// of AI Core time 600 / 700 = 85.7 %.
const OP_SUMMARY = [
  'Op Name,OP Type,OP State,Task Type,Task Start Time(us),Task Duration(us),Task Wait Time(us),Block Dim,Input Shapes,Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats',
  ...Array.from(
    { length: 6 },
    (_, i) =>
      `Conv_${i},Conv2D,static,AI_CORE,${1000 + i * 200},100,0,8,"""1,64,56,56""",FLOAT,NCHW,"""1,64,56,56""",FLOAT,NCHW`,
  ),
  ...Array.from(
    { length: 2 },
    (_, i) =>
      `MatMul_${i},MatMulV2,static,AI_CORE,${3000 + i * 200},50,0,8,"""1,2048""",FLOAT16,ND,"""1,1000""",FLOAT16,ND`,
  ),
].join('\n');

// One 1000 µs step with 40 kernels of 5 µs, one every 25 µs: Computing 200 µs, Free 800 µs.
const TRACE_VIEW = JSON.stringify([
  { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'Python' } },
  { ph: 'M', name: 'process_name', pid: 2, tid: 0, args: { name: 'Ascend Hardware' } },
  { ph: 'M', name: 'thread_name', pid: 2, tid: 2, args: { name: 'Stream 2' } },
  { name: 'ProfilerStep#1', pid: 1, tid: 1, ts: '1000000.000', dur: 1000, cat: 'cpu_op', ph: 'X' },
  ...Array.from({ length: 40 }, (_, i) => ({
    name: `Add_${i}`,
    pid: 2,
    tid: 2,
    ts: (1000000 + i * 25).toFixed(3),
    dur: 5,
    ph: 'X',
    args: {
      'Model Id': 4294967295,
      'Task Type': 'AI_VECTOR_CORE',
      'Physic Stream Id': 2,
      'Task Id': 100 + i,
    },
  })),
]);

const aisSummary = (model: string, mean: number, p99: number) =>
  JSON.stringify({
    args: ['ais_bench/infer/__main__.py', '--model', model, '--loop', '100'],
    NPU_compute_time: {
      min: mean - 0.2,
      max: p99 + 0.1,
      mean,
      median: mean,
      'percentile(99%)': p99,
      count: 100,
    },
    throughput: 1000 / mean,
  });

// trtexec --exportTimes of the GPU model: compute 5 ms each time (no batch size stated).
const TRT_TIMES = JSON.stringify(
  Array.from({ length: 10 }, (_, i) => ({
    startEnqMs: i * 10,
    endEnqMs: i * 10 + 0.1,
    startH2dMs: i * 10,
    endH2dMs: i * 10 + 0.5,
    startComputeMs: i * 10 + 0.5,
    endComputeMs: i * 10 + 5.5,
    startD2hMs: i * 10 + 5.5,
    endD2hMs: i * 10 + 5.6,
    h2dMs: 0.5,
    computeMs: 5,
    d2hMs: 0.1,
    latencyMs: 5.6,
  })),
);

async function workspace() {
  const files = Object.create(null) as Record<string, ImportedFile>;
  const add = async (name: string, text: string) => {
    const f = await importBytes(name, enc(text));
    files[f.id] = f;
    return f.id;
  };
  const report = await add('aoe_result_opat_20260101_pid1.json', AOE);
  const profile = await add('op_summary_20260101.csv', OP_SUMMARY);
  const timeline = await add('trace_view.json', TRACE_VIEW);
  // ais_bench before and after tuning at batch 1 (the path says so); measured 1 % saved.
  const base = await add(
    'resnet50_bs1_baseline_summary.json',
    aisSummary('resnet50_bs1.om', 10, 11),
  );
  const tuned = await add(
    'resnet50_bs1_tuned_summary.json',
    aisSummary('resnet50_bs1_tuned.om', 9.9, 12.1),
  );
  const gpu = await add('resnet50_gpu_times.json', TRT_TIMES);
  const links = { [report]: [profile, timeline, base, tuned, gpu] };
  return { ws: { files, links }, ids: { report, profile, timeline, base, tuned, gpu } };
}

describe('the run panel input', () => {
  it('holds the linked measurements in their roles and batch, the timeline and the precision digest', async () => {
    const { ws, ids } = await workspace();
    const input = runAdviceInput(ws, ids.report, 0);
    expect(input?.profiles?.map((p) => p.id)).toEqual([ids.profile]);
    expect(input?.timelines?.map((t) => t.id)).toEqual([ids.timeline]);
    expect(input?.precision?.map((d) => [d.fileId, d.fp32Us, d.halfUs, d.aiCoreUs])).toEqual([
      [ids.profile, 600, 100, 700],
    ]);
    // The trtexec export names no batch: it takes batch 1, the only one the others state.
    expect(
      input?.measurements?.map((m) => [m.fileId, m.role, m.measurement.batchSize, m.index]),
    ).toEqual([
      [ids.base, 'baseline', 1, 0],
      [ids.tuned, 'tuned', 1, 0],
      [ids.gpu, 'gpu', 1, 0],
    ]);
  });

  it('gives the measurement, timeline and precision findings', async () => {
    const { ws, ids } = await workspace();
    const findings = runFindings(ws, ids.report, 0) ?? [];
    const rules = findings.map((f) => f.ruleId);
    // Measured (10 − 9.9) / 10 = 1 % saved against AOE's 10 %; P99 11 → 12.1 ms is 10 % worse;
    // Ascend 9.9 ms against the GPU's 5 ms compute is +98 %.
    expect(rules).toEqual(
      expect.arrayContaining([
        'claim-vs-measured',
        'p99-regression',
        'ascend-vs-gpu',
        'host-bound',
        'fp32-compute',
      ]),
    );
    const claim = findings.find((f) => f.ruleId === 'claim-vs-measured');
    expect(claim?.title.en).toBe('batch 1: measured 1.00 % saved, AOE stated 10.00 %');
    expect(claim?.title['zh-CN']).toBe('Batch 大小 1：实测节省 1.00 %，AOE 声称 10.00 %');
    expect(claim?.evidence.map((e) => e.ref)).toEqual([
      { fileId: ids.report, table: 'operators', name: 'resnet50_om_tune' },
      { fileId: ids.base, table: 'measurements', row: 0 },
      { fileId: ids.tuned, table: 'measurements', row: 0 },
    ]);
    const fp32 = findings.find((f) => f.ruleId === 'fp32-compute');
    expect(fp32?.title.en).toBe('85.7 % of the AI Core time computes on FP32 inputs');
  });

  it('has none of them when nothing but the report is linked', async () => {
    const { ws, ids } = await workspace();
    const bare = { files: ws.files, links: { [ids.report]: [] } };
    const input = runAdviceInput(bare, ids.report, 0);
    expect(input?.measurements).toEqual([]);
    expect(input?.timelines).toEqual([]);
    expect(input?.precision).toEqual([]);
    const rules = (runFindings(bare, ids.report, 0) ?? []).map((f) => f.ruleId);
    for (const r of ['claim-vs-measured', 'p99-regression', 'ascend-vs-gpu', 'host-bound'])
      expect(rules).not.toContain(r);
  });

  it('a profile page takes its own digest and the timeline linked beside it', async () => {
    const { ws, ids } = await workspace();
    const input = profileAdviceInput(ws, ids.profile);
    expect(input?.precision?.map((d) => d.fileId)).toEqual([ids.profile]);
    expect(input?.timelines?.map((t) => t.id)).toEqual([ids.timeline]);
    expect(input?.measurements ?? []).toEqual([]);
    expect(profileAdviceInput(ws, ids.base)).toBeNull();
  });
});
