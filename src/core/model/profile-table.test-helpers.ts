// Small profile tables for unit tests, built from rows written by hand: [name, type, µs] or
// [name, type, input shapes, µs]. Strings go through one dictionary as the parsers' do.
import { summarizeTable } from './profile-aggregate.ts';
import type { ProfileTable } from './types.ts';

export type TestRow =
  | readonly [name: string, type: string, us: number]
  | readonly [name: string, type: string, shape: string, us: number];

export function tableOf(rows: readonly TestRow[]): ProfileTable {
  const dict = [''];
  const id = (s: string) => {
    const i = dict.indexOf(s);
    return i >= 0 ? i : dict.push(s) - 1;
  };
  const shape = (r: TestRow) => (r.length === 4 ? r[2] : '');
  const us = (r: TestRow) => (r.length === 4 ? r[3] : r[2]);
  return {
    rowCount: rows.length,
    dict,
    name: Uint32Array.from(rows.map((r) => id(r[0]))),
    type: Uint32Array.from(rows.map((r) => id(r[1]))),
    coreType: new Uint32Array(rows.length),
    inputShapes: Uint32Array.from(rows.map((r) => id(shape(r)))),
    durationUs: Float64Array.from(rows.map(us)),
    waitUs: new Float64Array(rows.length).fill(NaN),
    startUs: new Float64Array(rows.length),
    startBaseUs: null,
  };
}

/** A table with its summary, as a profile holds them. */
export function sideOf(rows: readonly TestRow[]) {
  const table = tableOf(rows);
  return { table, summary: summarizeTable(table) };
}
