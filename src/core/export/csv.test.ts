import { describe, expect, it } from 'vitest';
import {
  csvCell,
  defaultBom,
  modelComparisonCsv,
  operatorComparisonCsv,
  runOperatorsCsv,
  toCsv,
} from './csv.ts';
import { compareModels, compareOperators } from '../model/compare.ts';
import { op, run, task } from '../model/compare.test-helpers.ts';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    [' padded ', '" padded "'],
    ['卷积_1', '卷积_1'],
    [-5.5, '-5.5'],
    [0, '0'],
    [NaN, ''],
    [null, ''],
  ] as const)('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes CRLF lines, with a BOM only when asked', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']], { bom: false })).toBe('a,b\r\n1,x\r\n');
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
  });
  it.each([
    ['zh-CN', true],
    ['zh', true],
    ['en', false],
    ['en-US', false],
  ])('BOM default for %s is %s', (lang, bom) => {
    expect(defaultBom(lang)).toBe(bom);
  });
});

describe('exports of the tables', () => {
  it('writes the operators of a run with Δ and speed-up', () => {
    const t = task({
      operators: [
        { ...op('Conv_0', 80, 'Conv2D', 'Schedule', 100), improvementPct: 25, repoAction: 'add' },
      ],
    });
    expect(runOperatorsCsv(t, { bom: false }).split('\r\n')[1]).toBe(
      'Conv_0,Conv2D,Schedule,100,80,-20,25,1.25,add',
    );
  });

  it('writes one comparison row per operator and run', () => {
    const base = run('r1', { operators: [op('A', 100), op('D', 10)] });
    const cand = run('r2', { operators: [op('A', 80), op('=evil', 5)] });
    const lines = operatorComparisonCsv(
      [compareOperators(base, cand)],
      { r2: 'second run' },
      { bom: false },
    ).split('\r\n');
    expect(lines.slice(1, 4)).toEqual([
      'second run,A,Conv2D,Schedule,faster,improvement,100,80,-20,-20,1.25,name',
      "second run,'=evil,Conv2D,Schedule,added,neutral,,5,,,,",
      'second run,D,Conv2D,Schedule,removed,neutral,10,,,,,',
    ]);
  });

  it('writes the model table', () => {
    const r1 = run('r1', { baselineMs: 110, tunedMs: 100 });
    const r2 = run('r2', { baselineMs: 110, tunedMs: 94 });
    const lines = modelComparisonCsv(compareModels([r1, r2], r1), { bom: false }).split('\r\n');
    expect(lines.slice(1, 3)).toEqual([
      'r1,yes,110,100,0,0,neutral',
      'r2,no,110,94,-6,-6,improvement',
    ]);
  });
});
