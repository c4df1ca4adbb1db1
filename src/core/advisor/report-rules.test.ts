// Report rules (and their join with a profile) on reports built in code; every expected figure
// is derived by hand in the comment next to it.
import { describe, expect, it } from 'vitest';
import { advise } from './advise.ts';
import { opSummary, times } from './fixtures/build.ts';
import { op, repo, report, task } from './fixtures/reports.ts';
import type { Finding } from './types.ts';

const only = (findings: readonly Finding[], ruleId: string) =>
  findings.filter((f) => f.ruleId === ruleId);
const values = (f: Finding | undefined) => f?.evidence.map((e) => [e.label.en, e.value]);

/** A profile of 1000 µs: Conv_0 and Conv_1 20 µs each (the tuned ones), Conv_2..Conv_9 big. */
const profileRows = [
  { name: 'Conv_0', type: 'Conv2D', us: 20 },
  { name: 'Conv_1', type: 'Conv2D', us: 20 },
  ...Array.from({ length: 8 }, (_, i) => ({ name: `Conv_${i + 2}`, type: 'Conv2D', us: 120 })),
];

describe('little-gain', () => {
  const littleTask = task({
    baselineMs: 10,
    tunedMs: 9.95, // 0.5 % saved, under the 1 % noise floor
    operators: [op('Conv_0', 'Conv2D', 20, 10), op('Conv_1', 'Conv2D', 20, 19)],
  });

  it('warns, shows the tuned share from a linked profile and suggests subgraph tuning first', async () => {
    const { profile } = await opSummary(profileRows);
    const r = report('r1', [littleTask]);
    const [f] = only(
      advise({
        reports: [r],
        profiles: [profile],
        links: [{ reportId: 'r1', profileId: profile.id }],
      }),
      'little-gain',
    );
    expect(f?.severity).toBe('warning');
    // Conv_0 gained (20 − 10) / 20 = 50 %, Conv_1 (20 − 19) / 20 = 5 %: 2 operators ≥ 5 %. Tuned share (20 + 20) / 1000 = 4 %;
    // predicted gain 20 × 0.5 + 20 × 0.05 = 11 µs of 1000 = 1.10 %.
    expect(values(f)).toEqual([
      ['AOE result file', r.fileName],
      ['model time before → after (saved)', '10.000 ms → 9.950 ms (0.50 %)'],
      ['operators that gained, best gain', '2 · Conv_0 50.0 %'],
      ['tuned operators’ share of model time', '4.0 %'],
      ['model gain those operators predict', '1.10 %'],
    ]);
    expect(f?.impact).toBeCloseTo(0.96);
    expect(f?.action.command).toContain('--job_type=1');
    expect(f?.action.config).toBe('[graph_kernel_param]\nopt_level=2');
  });

  it('does not suggest subgraph tuning when a subgraph report is there', () => {
    const [f] = only(
      advise({
        reports: [report('r1', [littleTask]), report('s1', [task({ kind: 'sgat' })], 'sgat')],
      }),
      'little-gain',
    );
    expect(f?.action.command).toBeUndefined();
    expect(f?.action.text.en).not.toContain('subgraph tuning first');
  });

  it('is silent on a real gain, and when no operator gained either', () => {
    const gained = task({
      baselineMs: 10,
      tunedMs: 9.5,
      operators: [op('Conv_0', 'Conv2D', 20, 10)],
    });
    const flat = task({
      baselineMs: 10,
      tunedMs: 9.99,
      operators: [op('Conv_0', 'Conv2D', 20, 19.5)],
    });
    expect(
      only(advise({ reports: [report('a', [gained]), report('b', [flat])] }), 'little-gain'),
    ).toEqual([]);
  });
});

describe('knowledge base', () => {
  it('warns when everything hit and nothing was added: REPEAT_TUNE=True', () => {
    const r = report('r1', [task({ repoSummary: repo({ hit: 19, total: 19, reserved: 19 }) })]);
    const findings = advise({ reports: [r] });
    const [f] = only(findings, 'knowledge-base-nothing-new');
    expect(f?.severity).toBe('warning');
    expect(values(f)).toEqual([
      ['AOE result file', r.fileName],
      ['knowledge base: hit / total', '19 / 19'],
      ['added · updated · reserved · unsatisfied', '0 · 0 · 19 · 0'],
    ]);
    expect(f?.action.command).toMatch(
      /^REPEAT_TUNE=True TUNE_BANK_PATH=<bank dir> aoe --job_type=2/,
    );
    expect(only(findings, 'knowledge-base-use')).toEqual([]);
  });

  it('reminds of TUNE_BANK_PATH (info) with the unsatisfied count when results were added', () => {
    const r = report('r1', [
      task({ repoSummary: repo({ add: 2, update: 1, hit: 17, unsatisfied: 3, total: 20 }) }),
    ]);
    const findings = advise({ reports: [r] });
    expect(only(findings, 'knowledge-base-nothing-new')).toEqual([]);
    const [f] = only(findings, 'knowledge-base-use');
    expect(f?.severity).toBe('info');
    expect(f?.title.en).toBe(
      'Task "resnet50": 2 added and 1 updated in the knowledge base, 3 unsatisfied',
    );
    expect(f?.title['zh-CN']).toContain('知识库');
    expect(f?.impact).toBeCloseTo(3 / 20);
    expect(f?.action.command).toContain('export TUNE_BANK_PATH=');
  });

  it('says nothing without a repo_summary', () => {
    expect(advise({ reports: [report('r1', [task({})])] })).toEqual([]);
  });
});

describe('failed-operators', () => {
  it('lists the failed operators with a tune_ops_file to retry them', () => {
    const r = report('r1', [
      task({
        statusText: 'tune failed',
        status: 'failed',
        failedOperators: ['res4a_branch1', 'res4a_branch1', 'fc'],
        operators: [op('a', 'Add', 2, 1)],
      }),
    ]);
    const [f] = only(advise({ reports: [r] }), 'failed-operators');
    expect(f?.severity).toBe('warning');
    expect(values(f)).toEqual([
      ['AOE result file', r.fileName],
      ['task status', 'tune failed'],
      ['failed operator', 'res4a_branch1'],
      ['failed operator', 'fc'],
    ]);
    expect(JSON.parse(f?.action.config ?? '')).toEqual({
      tune_ops_name: ['res4a_branch1', 'fc'],
      tune_ops_type: [],
    });
    expect(f?.action.command).toBe(
      'aoe --model=<model> --job_type=2 --tune_ops_file=tune_ops.json --log=info',
    );
  });

  it('is critical when the task failed with nothing tuned, silent when all went well', () => {
    const failed = advise({
      reports: [report('r1', [task({ status: 'failed', statusText: 'tune failed' })])],
    });
    expect(only(failed, 'failed-operators').map((f) => f.severity)).toEqual(['critical']);
    expect(
      advise({
        reports: [
          report('r2', [task({ baselineMs: 10, tunedMs: 9, operators: [op('a', 'Add', 2, 1)] })]),
        ],
      }),
    ).toEqual([]);
  });
});

describe('tune-next', () => {
  it('lists the untuned operators with the most time as a tune_ops_file', async () => {
    // Conv_2..Conv_9 take 120 µs each of 1000 = 12 % each; none was tuned.
    const { profile } = await opSummary(profileRows);
    const t = task({
      baselineMs: 10,
      tunedMs: 9,
      operators: [op('Conv_0', 'Conv2D', 20, 10), op('Conv_1', 'Conv2D', 20, 10)],
    });
    const [f] = only(
      advise({
        reports: [report('r1', [t])],
        profiles: [profile],
        links: [{ reportId: 'r1', profileId: profile.id }],
      }),
      'tune-next',
    );
    expect(f?.severity).toBe('info');
    expect(f?.impact).toBeCloseTo(0.96);
    expect(f?.evidence[1]?.label.en).toBe('Conv_2 (Conv2D), not tuned');
    expect(f?.evidence[1]?.value).toBe('120.000 µs · 12.0 %');
    const file = JSON.parse(f?.action.config ?? '') as { tune_ops_name: string[] };
    expect(file.tune_ops_name).toEqual([
      'Conv_2',
      'Conv_3',
      'Conv_4',
      'Conv_5',
      'Conv_6',
      'Conv_7',
      'Conv_8',
      'Conv_9',
    ]);
    expect(f?.action.command).toBe(
      'aoe --framework=5 --model=<model>.onnx --job_type=2 --tune_ops_file=tune_ops.json',
    );
  });

  it('leaves out operators that run on the AI CPU: AOE cannot tune them', async () => {
    // NMS on the AI CPU takes 200 µs of 1200 (16.7 %), more than any Conv; Conv_2..Conv_9 take
    // 120 µs each (10.0 %). Only the Convs may be listed.
    const { profile } = await opSummary([
      ...profileRows,
      { name: 'NonMaxSuppression_0', type: 'NonMaxSuppressionV3', core: 'AI_CPU', us: 200 },
    ]);
    const t = task({ operators: [op('Conv_0', 'Conv2D', 20, 10), op('Conv_1', 'Conv2D', 20, 10)] });
    const [f] = only(
      advise({
        reports: [report('r1', [t])],
        profiles: [profile],
        links: [{ reportId: 'r1', profileId: profile.id }],
      }),
      'tune-next',
    );
    const file = JSON.parse(f?.action.config ?? '') as { tune_ops_name: string[] };
    expect(file.tune_ops_name).not.toContain('NonMaxSuppression_0');
    expect(file.tune_ops_name).toHaveLength(8);
    expect(f?.evidence[1]?.label.en).toBe('Conv_2 (Conv2D), not tuned');
    expect(f?.evidence[1]?.value).toBe('120.000 µs · 10.0 %');
    // 8 × 10.0 % = 80.0 %
    expect(f?.impact).toBeCloseTo(0.8);
  });

  it('is silent without a profile of the same model, and when the untuned rest is small', async () => {
    const t = task({ operators: [op('Conv_0', 'Conv2D', 20, 10)] });
    expect(only(advise({ reports: [report('r1', [t])] }), 'tune-next')).toEqual([]);
    // Everything but 40 µs (4 %) of the model was tuned.
    const { profile } = await opSummary([
      { name: 'Big', type: 'Conv2D', us: 960 },
      ...times(2, { name: 'Small', type: 'Add', us: 20 }),
    ]);
    const all = task({ operators: [op('Big', 'Conv2D', 1000, 900)] });
    expect(
      only(
        advise({
          reports: [report('r1', [all])],
          profiles: [profile],
          links: [{ reportId: 'r1', profileId: profile.id }],
        }),
        'tune-next',
      ),
    ).toEqual([]);
  });
});
