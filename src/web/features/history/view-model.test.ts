import { describe, expect, it } from 'vitest';
import {
  cannChanges,
  chartRows,
  compareAddress,
  keyOf,
  parseKey,
  pointsQuery,
  toCsv,
  type HistoryPoint,
} from './view-model.ts';

const point = (over: Partial<HistoryPoint>): HistoryPoint => ({
  id: 'r',
  model: 'resnet50',
  soc: 'Ascend910B3',
  batchSize: 1,
  host: 'h',
  user: 'u',
  cannVersion: '8.0.RC1',
  baselineMs: 10,
  tunedMs: 8,
  measuredMs: null,
  verdict: null,
  fileName: 'f.json',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('history view model', () => {
  it('marks each change of CANN version, in time order, unknown versions skipped', () => {
    const rows = chartRows([
      point({ id: 'c', createdAt: '2026-01-03T00:00:00.000Z', cannVersion: '8.1.RC1' }),
      point({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z' }),
      point({ id: 'b', createdAt: '2026-01-02T00:00:00.000Z', cannVersion: null }),
      point({ id: 'd', createdAt: '2026-01-04T00:00:00.000Z', cannVersion: '8.1.RC1' }),
      point({ id: 'bad', createdAt: 'not a date' }),
    ]);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(cannChanges(rows).map((c) => c.version)).toEqual(['8.0.RC1', '8.1.RC1']);
    expect(cannChanges(rows)[1]?.t).toBe(Date.parse('2026-01-03T00:00:00.000Z'));
  });

  it('exports CSV that a spreadsheet reads as text (quotes, commas, formulas)', () => {
    const csv = toCsv([point({ host: '=HYPERLINK("x")', user: 'a,b', fileName: 'line\nbreak' })]);
    const [head, row] = csv.split('\r\n');
    expect(head).toBe(
      'createdAt,model,soc,batchSize,host,user,cannVersion,baselineMs,tunedMs,measuredMs,verdict,fileName,id',
    );
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('"a,b"');
    expect(csv).toContain('"line\nbreak"');
    expect(row).toContain(',10,8,,,');
  });

  it('keeps a model key with nulls apart from one with the text "null"', () => {
    const k = keyOf({ model: 'm', soc: null, batchSize: null });
    expect(parseKey(k)).toEqual({ model: 'm', soc: null, batchSize: null });
    expect(keyOf({ model: 'm', soc: 'null', batchSize: null })).not.toBe(k);
    expect(parseKey('{"__proto__":1}')).toBeNull();
    expect(parseKey('nope')).toBeNull();
    expect(pointsQuery({ model: 'a&b', soc: null, batchSize: 8 }, ['h1', 'h 2'], [])).toBe(
      'model=a%26b&soc=-&batch=8&host=h1&host=h+2',
    );
  });

  it('compares with the older run as the baseline', () => {
    const addr = compareAddress(
      { fileId: 'new', createdAt: '2026-02-01T00:00:00.000Z' },
      { fileId: 'old', createdAt: '2026-01-01T00:00:00.000Z' },
    );
    const q = new URLSearchParams(addr.split('?')[1]);
    expect(q.get('runs')).toBe('old:0,new:0');
    expect(q.get('base')).toBe('old:0');
  });
});
