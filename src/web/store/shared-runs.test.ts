import { describe, expect, it } from 'vitest';
import type { ImportedFile } from '../../core/formats/types.ts';
import type { TuningReport, TuningTask } from '../../core/model/types.ts';
import { task } from '../../core/model/compare.test-helpers.ts';
import { addedRunIds, filesFromShared, sharedReportFile, workspaceRuns } from './shared-runs.ts';
import { reportOf } from '../../core/formats/content.ts';

const report = (id: string, tasks: TuningTask[]): TuningReport => ({
  id,
  fileName: `${id}.json`,
  kind: 'opat',
  layout: 'report-map',
  generation: 'cann-6.3+',
  incomplete: false,
  tasks,
});
const file = (r: TuningReport): ImportedFile => ({
  id: r.id,
  fileName: r.fileName,
  size: 1,
  format: 'aoe-opat',
  ok: true,
  issues: [],
  content: { kind: 'report', report: r },
});

describe('workspace runs', () => {
  const a = report('aaa', [task({ name: 'net' })]);
  const b = report('bbb', [task({ name: 'g1' }), task({ name: 'g2' })]);
  const runs = workspaceRuns({
    files: { aaa: file(a), bbb: file(b) },
    order: ['bbb', 'aaa'],
    links: {},
  });

  it('lists every task in workspace order, addressed as <file id>:<task index>', () => {
    expect(runs.map((r) => [r.run.id, r.run.label])).toEqual([
      ['bbb:0', 'bbb.json · g1 #1'],
      ['bbb:1', 'bbb.json · g2 #2'],
      ['aaa:0', 'aaa.json · net'],
    ]);
  });

  it('turns shared runs back into files, renumbering the tasks a partial report keeps', () => {
    const shared = [runs[1], runs[2]].filter((r) => r !== undefined);
    const files = filesFromShared(shared);
    expect(files.map((f) => [f.id, reportOf(f)?.tasks.map((t) => t.name)])).toEqual([
      ['bbb', ['g2']],
      ['aaa', ['net']],
    ]);
    expect([...addedRunIds(shared)]).toEqual([
      ['bbb:1', 'bbb:0'],
      ['aaa:0', 'aaa:0'],
    ]);
  });

  it('shows the shared tasks of a report under their own task numbers', () => {
    const only = runs.filter((r) => r.run.id === 'bbb:1');
    const shown = sharedReportFile(only, 'bbb');
    expect(reportOf(shown?.file)?.tasks.map((t) => t.name)).toEqual(['g2']);
    expect(shown?.taskIndices).toEqual([1]);
    expect(sharedReportFile(only, 'aaa')).toBeNull();
  });
});
