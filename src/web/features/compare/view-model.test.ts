import { describe, expect, it } from 'vitest';
import { compareOperators } from '../../../core/model/compare.ts';
import { op, run } from '../../../core/model/compare.test-helpers.ts';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import { runQuery } from '../../components/data-table/engine.ts';
import { operatorColumns, renameCandidates, shortRunNames, type TableRow } from './view-model.ts';

describe('short run names', () => {
  const shared = (id: string, fileName: string, name = 'resnet50', taskIndex = 0): SharedRun => ({
    run: run(id, { name }, { fileName }),
    reportId: id.split(':')[0] ?? id,
    taskIndex,
    layout: 'array',
    incomplete: false,
    profile: null,
  });
  const r1 = shared('a:0', 'aoe_result_opat_20250301100000123_pid1001.json');
  const r2 = shared('b:0', 'aoe_result_opat_20250302100000123_pid1002.json');
  const r3 = shared('c:0', 'aoe_result_opat_20250303100000123_pid1003.json', 'bert');

  it('names a run by its model and the time in its file name', () => {
    expect([...shortRunNames([r1, r2, r3]).values()]).toEqual([
      'resnet50 03-01 10:00',
      'resnet50 03-02 10:00',
      'bert 03-03 10:00',
    ]);
  });

  it('gives a run the same name whichever other runs are listed with it', () => {
    const all = shortRunNames([r1, r2, r3]);
    for (const subset of [[r2], [r3, r2], [r2, r1]]) {
      expect(shortRunNames(subset).get('b:0')).toBe(all.get('b:0'));
    }
  });

  it('is more specific only for the runs that would share a name', () => {
    const sameMinute = shared('d:0', 'aoe_result_opat_20250301100012999_pid1004.json');
    const sameSecond = shared('e:0', 'aoe_result_opat_20250301100012000_pid1005.json');
    const names = shortRunNames([r1, sameMinute, sameSecond, r2]);
    expect([...names.values()]).toEqual([
      'resnet50 2025-03-01 10:00:00',
      'resnet50 2025-03-01 10:00:12.999',
      'resnet50 2025-03-01 10:00:12.000',
      'resnet50 03-02 10:00',
    ]);
  });

  it('falls back to the file name, the task number, and a counter', () => {
    const a = shared('f:0', 'tuned.json', 'net', 0);
    const b = shared('f:1', 'tuned.json', 'net', 1);
    const c = shared('g:0', 'other.json', 'gpt');
    const twin = shared('h:0', 'tuned.json', 'net', 0);
    expect([...shortRunNames([a, b, c]).values()]).toEqual([
      'net · tuned #1',
      'net · tuned #2',
      'gpt',
    ]);
    expect([...shortRunNames([a, twin]).values()]).toEqual([
      'net · tuned #1',
      'net · tuned #1 (2)',
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
    const result = runQuery(operatorColumns(rows, new Map()), {
      sort,
      filters: {},
      search: '',
      searchColumns: [],
      groupBy: null,
    });
    expect(Array.from(result.rows, (i) => rows[i]?.name)).toEqual(names);
  });

  it('filters by a set of buckets and searches the name the run uses', () => {
    const query = (filters: Record<string, readonly string[]>, search = '') =>
      Array.from(
        runQuery(operatorColumns(rows, new Map()), {
          sort: [{ id: 'name', desc: false }],
          filters,
          search,
          searchColumns: ['name', 'type', 'candName'],
          groupBy: null,
        }).rows,
        (i) => rows[i]?.name,
      );
    expect(query({ bucket: ['faster', 'added'] })).toEqual(['A', 'new']);
    expect(query({ bucket: [] })).toEqual(['A', 'B', 'new', 'old']);
    expect(query({}, 'NEW')).toEqual(['new']);
  });

  it('offers added and removed operators for rename pairs', () => {
    expect(renameCandidates(rows)).toEqual({ added: ['new'], removed: ['old'] });
  });
});
