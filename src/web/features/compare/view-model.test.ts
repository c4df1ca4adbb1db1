import { describe, expect, it } from 'vitest';
import type { ImportedFile } from '../../../core/formats/types.ts';
import type { TuningReport, TuningTask } from '../../../core/model/types.ts';
import { compareOperators } from '../../../core/model/compare.ts';
import { op, run, task } from '../../../core/model/compare.test-helpers.ts';
import {
  addedRunIds,
  filesFromShared,
  renameCandidates,
  sortRows,
  workspaceRuns,
  type TableRow,
} from './view-model.ts';

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
  report: r,
  profile: null,
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
    expect(files.map((f) => [f.id, f.report?.tasks.map((t) => t.name)])).toEqual([
      ['bbb', ['g2']],
      ['aaa', ['net']],
    ]);
    expect([...addedRunIds(shared)]).toEqual([
      ['bbb:1', 'bbb:0'],
      ['aaa:0', 'aaa:0'],
    ]);
  });
});

describe('operator rows', () => {
  const c = compareOperators(
    run('r1', { operators: [op('A', 100), op('B', 200), op('old', 5)] }),
    run('r2', { operators: [op('A', 80), op('B', 260), op('new', 5)] }),
  );
  const rows: TableRow[] = c.rows.map((r) => ({ ...r, runId: 'r2', runLabel: 'r2' }));

  it.each([
    [[{ id: 'deltaPct', desc: false }], ['A', 'B', 'new', 'old']], // -20 %, +30 %, then no Δ % (last)
    [[{ id: 'deltaPct', desc: true }], ['B', 'A', 'new', 'old']], // missing values stay last
    [[{ id: 'name', desc: true }], ['old', 'new', 'B', 'A']],
    [
      [
        { id: 'bucket', desc: false },
        { id: 'name', desc: false },
      ],
      ['new', 'A', 'old', 'B'],
    ],
  ] as const)('sorts by %j', (sort, names) => {
    expect(sortRows(rows, sort).map((r) => r.name)).toEqual(names);
  });

  it('offers added and removed operators for rename pairs', () => {
    expect(renameCandidates(rows)).toEqual({ added: ['new'], removed: ['old'] });
  });
});
