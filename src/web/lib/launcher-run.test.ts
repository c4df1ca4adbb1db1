// Opening a launcher pipeline's Run: its stored parts become workspace files as they are, each
// measurement with the role of the step that measured it, the report linked to them; an answer
// that is not the documented shape is refused with where it is wrong.
import OPAT from '../../../e2e/fixtures/compare/aoe_result_opat_20250301100000123_pid1001.json?raw';
import SUMMARY from '../../../e2e/fixtures/acceptance/baseline_summary.json?raw';
import { describe, expect, it } from 'vitest';
import { measurementsOf, profileOf, reportOf } from '../../core/formats/content.ts';
import { importBytes } from '../../core/formats/index.ts';
import type { Measurement } from '../../core/measure/model.ts';
import { linkedMeasurements } from '../../core/model/run.ts';
import { openPipelineRun } from './launcher-run.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const ID = 'A'.repeat(24);

async function doc() {
  const report = await importBytes('aoe_result_opat_20250301100000123_pid1001.json', bytes(OPAT));
  const summary = await importBytes('measure_summary.json', bytes(SUMMARY));
  const m = measurementsOf(summary)[0] as Measurement;
  const json = { ...m, iterationsMs: m.iterationsMs ? Array.from(m.iterationsMs) : undefined };
  if (json.iterationsMs === undefined) delete json.iterationsMs;
  const measured = (step: number, role: string, sha: string) => ({
    step,
    tool: 'ais_bench',
    role,
    fileName: `${step + 1}-ais_bench/measure_summary.json`,
    sha256: sha,
    size: 100,
    format: 'ais_bench-summary',
    measurements: [json],
  });
  return {
    id: ID,
    kind: 'pipeline',
    jobId: 'B'.repeat(24),
    createdAt: '2026-12-03T10:00:00.000Z',
    model: 'resnet50.onnx',
    preset: 'full',
    reports: [
      {
        runId: 'C'.repeat(24),
        step: 3,
        fileName: report.fileName,
        sha256: report.id,
        size: report.size,
        report: reportOf(report),
      },
    ],
    measurements: [measured(1, 'baseline', '1'.repeat(64)), measured(5, 'tuned', '2'.repeat(64))],
    profile: {
      step: 6,
      fileName: 'op_summary_1.csv',
      sha256: '3'.repeat(64),
      size: 10,
      format: 'op-summary',
      headerSet: 'msprof-8.x',
      columns: ['Op Name'],
      summary: { rows: 1, totalDurationUs: 5, byType: [], topOperators: [] },
    },
    manifest: {
      host: 'h',
      device: 0,
      cannVersion: null,
      soc: 'Ascend310P3',
      model: '/models/resnet50.onnx',
      modelSha256: null,
      baselineOm: null,
      tunedOm: null,
      bankPath: null,
      steps: [],
    },
    verdict: {
      gate: 'default',
      verdict: 'insufficient',
      reasons: [],
      missing: [],
      batchMismatch: null,
      report: { runId: 'C'.repeat(24), taskIndex: 0 },
      baseline: { step: 1, index: 0 },
      tuned: { step: 5, index: 1 },
    },
  };
}

describe('openPipelineRun', () => {
  it('gives the workspace the stored report, measurements with their steps’ roles, and the profile', async () => {
    const body = await doc();
    const opened = openPipelineRun(JSON.parse(JSON.stringify(body)));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const { files, links, reportId, taskIndex } = opened.value;
    const report = files[0];
    expect(reportOf(report)?.tasks.length).toBeGreaterThan(0);
    expect(reportId).toBe(report?.id);
    expect(taskIndex).toBe(0);
    expect(links[reportId ?? '']).toEqual(['1'.repeat(64), '2'.repeat(64), '3'.repeat(64)]);
    // Same file name on both sides: the roles come from the steps.
    const ws = { files: Object.fromEntries(files.map((f) => [f.id, f])), links };
    const linked = linkedMeasurements(ws, reportId ?? '');
    expect(linked.map((l) => [l.path, l.role, l.reason])).toEqual([
      [
        '2-ais_bench/measure_summary.json',
        'baseline',
        { kind: 'step', step: 1, tool: 'ais_bench' },
      ],
      ['6-ais_bench/measure_summary.json', 'tuned', { kind: 'step', step: 5, tool: 'ais_bench' }],
    ]);
    // The samples come back as the model's Float64Array.
    expect(linked[0]?.measurement.iterationsMs).toBeInstanceOf(Float64Array);
    expect(profileOf(files[3])).toMatchObject({ table: null, summary: { rows: 1 } });
  });

  it('refuses an answer that is not the documented shape, saying where', async () => {
    const body = await doc();
    const bad = { ...body, measurements: [{ ...body.measurements[0], role: 'gpu' }] };
    const r = openPipelineRun(JSON.parse(JSON.stringify(bad)));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toMatchObject({
      code: 'SCHEMA_MISMATCH',
      path: '/measurements/0/role',
    });
    const polluted = JSON.parse(
      JSON.stringify(body).replace('"kind":"pipeline"', '"kind":"pipeline","__proto__":{"x":1}'),
    ) as unknown;
    expect(openPipelineRun(polluted).ok).toBe(false);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a stored report that is not the normalized model', async () => {
    const body = await doc();
    const bad = { ...body, reports: [{ ...body.reports[0], report: { tasks: 'none' } }] };
    const r = openPipelineRun(JSON.parse(JSON.stringify(bad)));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.path).toMatch(/^\/reports\/3\/report/);
  });
});
