import { describe, expect, it } from 'vitest';
import { measurementFile, reportFile } from '../test/imported-files.ts';
import { linkedMeasurements, workspaceMeasured } from './measured-runs.ts';

describe('workspaceMeasured', () => {
  const files = {
    r: reportFile('r'),
    b: { ...measurementFile('b', 10), fileName: 'resnet50_bs1_baseline_summary.json' },
    t: { ...measurementFile('t', 9.5), fileName: 'resnet50_bs1_tuned_summary.json' },
    g: measurementFile('g', 9, { tool: 'trtexec', batchSize: null }),
  };
  const ws = { files, links: { r: ['b', 't', 'g'] } };

  it("judges a run on its report's tuned OM and takes the GPU baseline", () => {
    const m = workspaceMeasured(ws, [{ reportId: 'r', run: { id: 'r:0' } }]);
    expect(m.runs.get('r:0')?.latencyMs.mean).toBe(9.5);
    expect(m.gpu?.latencyMs.mean).toBe(9);
  });

  it('a role chosen by hand wins over the file name', () => {
    const roles = linkedMeasurements({ ...ws, measureRoles: { b: 'tuned', t: 'baseline' } }, 'r');
    expect(roles.map((l) => [l.id, l.role, l.reason.kind])).toEqual([
      ['b', 'tuned', 'hand'],
      ['t', 'baseline', 'hand'],
      ['g', 'gpu', 'tool'],
    ]);
    const m = workspaceMeasured({ ...ws, measureRoles: { b: 'tuned', t: 'baseline' } }, [
      { reportId: 'r', run: { id: 'r:0' } },
    ]);
    expect(m.runs.get('r:0')?.latencyMs.mean).toBe(10);
  });

  it('a report with no linked measurement gives no measured inputs', () => {
    const m = workspaceMeasured({ files, links: {} }, [{ reportId: 'r', run: { id: 'r:0' } }]);
    expect(m.runs.size).toBe(0);
    expect(m.gpu).toBeNull();
  });
});
