// The Run: built from workspace files and links, and turned into what compare judges by the one
// toCompareRuns. Figures are set here by hand (means of 10, 9.5 and 9 ms).
import { describe, expect, it } from 'vitest';
import type { ImportedFile } from '../formats/types.ts';
import type { Measurement } from '../measure/model.ts';
import { measurementFile, reportFile } from '../formats/test-files.ts';
import { task } from './compare.test-helpers.ts';
import { linkedMeasurements, toCompareRuns, workspaceRuns } from './run.ts';

const report = (id: string): ImportedFile => reportFile(id, [task({ name: 'resnet50' })]);
const measured = (
  id: string,
  fileName: string,
  meanMs: number,
  over: Partial<Measurement> = {},
): ImportedFile => measurementFile(id, meanMs, over, fileName);

const files = {
  r: report('r'),
  b: measured('b', 'resnet50_bs1_baseline_summary.json', 10),
  t: measured('t', 'resnet50_bs1_tuned_summary.json', 9.5),
  g: measured('g', 'resnet50_times.json', 9, { tool: 'trtexec', batchSize: null }),
};
const ws = { files, order: ['r', 'b', 't', 'g'], links: { r: ['b', 't', 'g'] } };

describe('workspace runs', () => {
  it('a run carries the measurements linked to its report, each with its role and why', () => {
    const [run] = workspaceRuns(ws);
    expect(run?.run.id).toBe('r:0');
    expect(run?.measurements?.map((l) => [l.id, l.role, l.reason.kind])).toEqual([
      ['b', 'baseline', 'word'],
      ['t', 'tuned', 'word'],
      ['g', 'gpu', 'tool'],
    ]);
  });

  it('a role set by hand wins over the file name, and the evidence is kept beside it', () => {
    const roles = linkedMeasurements(
      { ...ws, measureChoices: { b: { role: 'tuned' }, t: { role: 'baseline' } } },
      'r',
    );
    expect(roles.map((l) => [l.id, l.role, l.reason.kind, l.evidence?.role ?? null])).toEqual([
      ['b', 'tuned', 'hand', 'baseline'],
      ['t', 'baseline', 'hand', 'tuned'],
      ['g', 'gpu', 'tool', null],
    ]);
  });

  it('a batch size set by hand is the one the measurement is grouped under', () => {
    const [l] = linkedMeasurements({ ...ws, measureChoices: { b: { batchSize: 8 } } }, 'r');
    expect(l?.handBatch).toBe(8);
    expect(l?.role).toBe('baseline');
  });
});

describe('toCompareRuns', () => {
  it("judges a run on its report's tuned OM and takes the GPU baseline", () => {
    const { runs, measured: m } = toCompareRuns(workspaceRuns(ws));
    expect(runs.map((r) => r.id)).toEqual(['r:0']);
    expect(m.runs.get('r:0')?.latencyMs.mean).toBe(9.5);
    expect(m.gpu?.latencyMs.mean).toBe(9);
  });

  it('a role set by hand changes which file the run is judged on', () => {
    const m = toCompareRuns(
      workspaceRuns({ ...ws, measureChoices: { b: { role: 'tuned' }, t: { role: 'baseline' } } }),
    ).measured;
    expect(m.runs.get('r:0')?.latencyMs.mean).toBe(10);
  });

  it('the smallest batch size with a tuned OM is the one judged', () => {
    const m = toCompareRuns(
      workspaceRuns({ ...ws, measureChoices: { t: { batchSize: 16 }, b: { role: 'tuned' } } }),
    ).measured;
    // b (10 ms) is now the tuned OM at batch 1; t (9.5 ms) moved to batch 16.
    expect(m.runs.get('r:0')?.latencyMs.mean).toBe(10);
  });

  it('a report with no linked measurement gives no measured inputs', () => {
    const m = toCompareRuns(workspaceRuns({ ...ws, links: {} })).measured;
    expect(m.runs.size).toBe(0);
    expect(m.gpu).toBeNull();
  });
});
