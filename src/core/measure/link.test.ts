import { describe, expect, it } from 'vitest';
import { task } from '../model/compare.test-helpers.ts';
import type { TuningReport } from '../model/types.ts';
import type { Measurement } from './model.ts';
import { NO_STATS } from './model.ts';
import {
  measureLinkEvidence,
  measureRole,
  measuredBatches,
  batchInPath,
  type LinkedMeasurement,
} from './link.ts';

function meas(over: Partial<Measurement> = {}): Measurement {
  return {
    tool: 'ais_bench',
    source: 'ais_bench-summary-json',
    toolVersion: null,
    batchSize: 1,
    latencyMs: { ...NO_STATS, mean: 2 },
    throughputPerS: null,
    throughputUnit: null,
    model: null,
    device: null,
    derived: [],
    ...over,
  };
}

const report = (taskName: string): TuningReport =>
  ({ tasks: [task({ name: taskName })] }) as unknown as TuningReport;

describe('measureLinkEvidence', () => {
  it('links a summary whose folder names the model of the report', () => {
    const e = measureLinkEvidence(
      { path: 'resnet50_opat.json', report: report('resnet50') },
      { path: 'resnet50_bs8/2024_05_01-10_11_12_summary.json', measurement: meas() },
    );
    expect(e.verdict).toBe('match');
    expect(e.names).toEqual({ kind: 'agree', name: 'resnet50' });
  });

  it('reads the model the tool names (trtexec --onnx)', () => {
    const e = measureLinkEvidence(
      { path: 'r.json', report: report('resnet50') },
      {
        path: 'times.json',
        measurement: meas({ tool: 'trtexec', model: '/models/resnet50.onnx' }),
      },
    );
    expect(e.verdict).toBe('match');
  });

  it('refuses a measurement of another model', () => {
    const e = measureLinkEvidence(
      { path: 'r.json', report: report('resnet50') },
      { path: 'yolov5s/tuned/x_summary.json', measurement: meas() },
    );
    expect(e.verdict).toBe('mismatch');
    expect(e.names).toMatchObject({ kind: 'disagree', measureNames: ['yolov5s'] });
  });

  it('says unknown when a timestamped summary names nothing', () => {
    const e = measureLinkEvidence(
      { path: 'r.json', report: report('resnet50') },
      { path: '2024_05_01-10_11_12_summary.json', measurement: meas() },
    );
    expect(e.verdict).toBe('unknown');
  });
});

describe('measureRole', () => {
  it('takes a trtexec measurement as the GPU baseline', () => {
    expect(measureRole('x.json', meas({ tool: 'trtexec' })).role).toBe('gpu');
  });
  it('reads the role from the last role word of the path', () => {
    expect(measureRole('resnet50/baseline/a_summary.json', meas())).toEqual({
      role: 'baseline',
      reason: { kind: 'word', word: 'baseline' },
    });
    expect(measureRole('resnet50_tuned_summary.json', meas()).role).toBe('tuned');
    expect(measureRole('baseline/after_kb/s.json', meas()).role).toBe('tuned');
  });
  it('leaves the role open when nothing says', () => {
    expect(measureRole('resnet50/2024_summary.json', meas())).toEqual({
      role: null,
      reason: { kind: 'none' },
    });
  });
});

describe('measuredBatches', () => {
  const l = (
    id: string,
    role: LinkedMeasurement['role'],
    bs: number | null,
  ): LinkedMeasurement => ({
    id,
    path: id,
    measurement: meas({ batchSize: bs }),
    role,
    reason: { kind: 'none' },
  });
  it('groups by batch size, unknown batch last, and fills open roles tuned first', () => {
    const out = measuredBatches([
      l('g8', 'gpu', 8),
      l('t1', 'tuned', 1),
      l('x', null, null),
      l('b1', 'baseline', 1),
      l('n8', null, 8),
      l('n8b', null, 8),
    ]);
    expect(
      out.map((b) => [b.batchSize, b.baseline?.id ?? null, b.tuned?.id ?? null, b.gpu?.id ?? null]),
    ).toEqual([
      [1, 'b1', 't1', null],
      [8, 'n8b', 'n8', 'g8'],
      [null, null, 'x', null],
    ]);
  });

  it('takes the batch the path names, and a lone unknown batch joins the only known one', () => {
    const gpu: LinkedMeasurement = { ...l('times.json', 'gpu', null) };
    const out = measuredBatches([
      l('resnet50_bs4_baseline', 'baseline', null),
      l('t', 'tuned', 4),
      gpu,
    ]);
    expect(out.map((b) => [b.batchSize, b.baseline?.id, b.tuned?.id, b.gpu?.id])).toEqual([
      [4, 'resnet50_bs4_baseline', 't', 'times.json'],
    ]);
    expect(batchInPath('perf_vision_batchsize_16_device_0.txt')).toBe(16);
    expect(batchInPath('2024_05_01-10_11_12_summary.json')).toBeNull();
  });
});
