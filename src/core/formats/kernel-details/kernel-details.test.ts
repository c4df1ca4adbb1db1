// torch_npu kernel_details.csv: every header set, real-shaped fixtures, hand-computed numbers.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { validate } from '../../validation/index.ts';
import { kernelDetailsFormat } from './index.ts';
import { bytesOf, issuesOf, parseWith, profileOf, rowsOf, snapshot } from '../csv/test-helpers.ts';

const fixtures = import.meta.glob<string>('./fixtures/**/*.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const fixture = (path: string): Uint8Array => {
  const text = fixtures[`./fixtures/${path}`];
  if (text === undefined) throw new Error(`no fixture ${path}`);
  return bytesOf(text);
};
const parse = (path: string, sizes: readonly number[] = []) =>
  parseWith(kernelDetailsFormat, 'kernel_details.csv', fixture(path), sizes);

describe('kernel_details header sets', () => {
  test.each([
    ['torch_npu-level0/kernel_details.csv', 'torch_npu-level0', 5, 300.5],
    ['torch_npu-level1-2023/kernel_details.csv', 'torch_npu-level1-2023', 6, 840],
    ['torch_npu-level1-2025.01/kernel_details.csv', 'torch_npu-level1-2025.01', 6, 840],
    ['torch_npu-level1-2025.06/kernel_details.csv', 'torch_npu-level1-2025.06', 6, 3050.735],
    ['torch_npu-level1-block-num/kernel_details.csv', 'torch_npu-level1-block-num', 4, 360],
    ['quirks/kernel_details.csv', 'torch_npu-level0', 3, 40],
  ])('%s: %s, %d rows, %d µs in all', (path, headerSet, rows, total) => {
    const result = parse(path);
    expect(issuesOf(result)).toEqual([]);
    const p = profileOf(result);
    expect(p.format).toBe('kernel-details');
    expect(p.headerSet).toBe(headerSet);
    expect(p.table?.rowCount).toBe(rows);
    expect(p.summary.rows).toBe(rows);
    expect(p.summary.totalDurationUs).toBeCloseTo(total, 9);
  });

  test('level0 (CRLF, TAB after start, N/A types): rows, exact start offsets, missing values', () => {
    const p = profileOf(parse('torch_npu-level0/kernel_details.csv'));
    expect(p.table?.startBaseUs).toBe('1762074301000000.120');
    const rows = rowsOf(p);
    expect(rows.map((r) => r?.op_name)).toEqual([
      'trans_TransData_0',
      'Conv_0',
      'Relu_0',
      'Conv_1',
      'Conv_0',
    ]);
    expect(rows.map((r) => [r?.op_type, r?.core_type, r?.input_shapes])).toEqual(
      Array(5).fill([null, null, null]),
    );
    const starts = rows.map((r) => r?.start_offset_us ?? NaN);
    [0, 100.5, 229.88, 250.38, 1000.003].forEach((v, i) => expect(starts[i]).toBeCloseTo(v, 9));
    expect(rows.map((r) => r?.duration_us)).toEqual([50.5, 120.25, 10, null, 119.75]);
    expect(rows.map((r) => r?.wait_us)).toEqual([0, 49.5, 9.125, 10, 739.5]);
  });

  test('level0 aggregates: the unknown type holds everything; the N/A duration counts as a call', () => {
    const { summary } = profileOf(parse('torch_npu-level0/kernel_details.csv'));
    expect(summary.byType).toEqual([
      { type: '', count: 5, totalUs: 300.5, meanUs: 75.125, share: 1 },
    ]);
    expect(summary.topOperators.map((o) => [o.name, o.count, o.totalUs, o.meanUs])).toEqual([
      ['Conv_0', 2, 240, 120],
      ['trans_TransData_0', 1, 50.5, 50.5],
      ['Relu_0', 1, 10, 10],
      ['Conv_1', 1, 0, 0],
    ]);
  });

  test('2025-01 Level1 (PipeUtilization, HCCL row): per type and per operator', () => {
    const p = profileOf(parse('torch_npu-level1-2025.01/kernel_details.csv'));
    expect(p.columns).toHaveLength(46);
    expect(p.summary.byType.map((t) => [t.type, t.count, t.totalUs, t.meanUs])).toEqual([
      ['Conv2D', 3, 480, 160],
      ['hcom_allReduce_', 1, 300, 300],
      ['TransData', 1, 40, 40],
      ['Relu', 1, 20, 20],
    ]);
    expect(p.summary.byType.map((t) => t.share)).toEqual([
      480 / 840,
      300 / 840,
      40 / 840,
      20 / 840,
    ]);
    expect(p.summary.topOperators[0]).toEqual({
      name: 'Conv_0',
      type: 'Conv2D',
      count: 2,
      totalUs: 380,
      meanUs: 190,
      share: 380 / 840,
      inputShapes: '32,3,224,224;64,3,7,7;64',
    });
    const rows = rowsOf(p);
    expect(rows[4]).toEqual({
      op_name: 'hcom_allReduce__586_0_1',
      op_type: 'hcom_allReduce_',
      core_type: 'HCCL',
      start_offset_us: expect.closeTo(366.663, 9) as number,
      duration_us: 300,
      wait_us: 5,
      input_shapes: null,
    });
  });

  test('2025-11 set (Device_id, COMMUNICATION, MIX_AIC, 6-decimal wait, shapes with empty slots)', () => {
    const p = profileOf(parse('torch_npu-level1-2025.06/kernel_details.csv', [7, 64, 3]));
    expect(p.summary.byType.map((t) => [t.type, t.count])).toEqual([
      ['FlashAttentionScore', 1],
      ['hcom_batchSendRecv_', 1],
      ['Conv2D', 2],
      ['TransData', 1],
      ['Relu', 1],
    ]);
    const rows = rowsOf(p);
    expect(rows.map((r) => r?.core_type)).toEqual([
      'AI_VECTOR_CORE',
      'AI_CORE',
      'AI_VECTOR_CORE',
      'AI_CORE',
      'COMMUNICATION',
      'MIX_AIC',
    ]);
    expect(rows[4]?.wait_us).toBe(833.42);
    expect(rows[5]?.input_shapes).toBe('8192,2,640;8192,2,640;8192,2,640;;83886112;;1,1,8192,8192');
  });

  test('2023 set: integer and one-decimal start times without TAB', () => {
    const p = profileOf(parse('torch_npu-level1-2023/kernel_details.csv'));
    expect(p.table?.startBaseUs).toBe('1695115378713661');
    const starts = rowsOf(p).map((r) => r?.start_offset_us ?? NaN);
    [0, 40, 242.5, 263.8, 364, 669.2].forEach((v, i) => expect(starts[i]).toBeCloseTo(v, 9));
  });

  test('quirks: BOM, multi-line quoted name, quoted number, exponent, spaces, no final newline', () => {
    const p = profileOf(parse('quirks/kernel_details.csv'));
    expect(p.columns[0]).toBe('Step Id');
    expect(rowsOf(p)).toEqual([
      {
        op_name: 'GlobalAveragePool_0\nReduceMeanD',
        op_type: 'ReduceMeanD',
        core_type: 'AI_VECTOR_CORE',
        start_offset_us: 0,
        duration_us: 15,
        wait_us: null,
        input_shapes: '32,2048,7,7',
      },
      {
        op_name: 'Gemm_0',
        op_type: 'MatMulV2',
        core_type: 'AI_CORE',
        start_offset_us: expect.closeTo(16.499, 9) as number,
        duration_us: 20.25,
        wait_us: 0,
        input_shapes: '32,2048;2048,1000;',
      },
      {
        op_name: 'SoftmaxV2_0',
        op_type: 'SoftmaxV2',
        core_type: 'AI_VECTOR_CORE',
        start_offset_us: expect.closeTo(36.999, 9) as number,
        duration_us: 4.75,
        wait_us: 0.25,
        input_shapes: '32,1000',
      },
    ]);
  });
});

describe('kernel_details problems', () => {
  test('a missing column is an error that names it', () => {
    const result = parse('invalid/missing-duration_kernel_details.csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'MISSING_COLUMN',
        severity: 'error',
        line: 1,
        expected: 'Duration(us)|Task Duration(us)',
      }),
    ]);
  });

  test('ragged and unreadable rows: warnings with their lines; the rest is read', () => {
    const result = parse('invalid/ragged_kernel_details.csv');
    expect(issuesOf(result)).toEqual([
      ['BAD_ROW', 3],
      ['BAD_ROW', 4],
      ['BAD_ROW', 5],
    ]);
    const p = profileOf(result);
    expect(rowsOf(p).map((r) => [r?.op_name, r?.duration_us])).toEqual([
      ['Conv_0', 10],
      ['Add_0', 3],
      ['Conv_1', null],
      ['Conv_2', 7],
    ]);
    expect(p.summary.byType.map((t) => [t.type, t.count, t.totalUs, t.meanUs])).toEqual([
      ['Conv2D', 3, 17, 8.5],
      ['Add', 1, 3, 3],
    ]);
  });

  test('bad rows are capped at 20 warnings plus one that counts the rest', () => {
    const head = 'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\n';
    const body = Array.from({ length: 30 }, (_, i) => `Op_${i},T,AI_CORE,${i},oops,0\n`).join('');
    const result = parseWith(kernelDetailsFormat, 'kernel_details.csv', bytesOf(head + body));
    const issues = issuesOf(result);
    expect(issues).toHaveLength(21);
    expect(issues[0]).toEqual(['BAD_ROW', 2]);
    expect(issues[19]).toEqual(['BAD_ROW', 21]);
    expect(issues[20]).toEqual(['BAD_ROW', undefined]);
    expect(profileOf(result).table?.rowCount).toBe(30);
  });

  test('header only: a valid, empty table', () => {
    const p = profileOf(parse('invalid/header-only_kernel_details.csv'));
    expect(p.table?.rowCount).toBe(0);
    expect(p.table?.startBaseUs).toBeNull();
    expect(p.summary).toEqual({ rows: 0, totalDurationUs: 0, byType: [], topOperators: [] });
  });

  test.each([
    ['zero bytes', new Uint8Array(0), 'EMPTY'],
    ['white space', bytesOf('  \r\n\t\n'), 'EMPTY'],
    [
      'binary junk',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'BINARY',
    ],
  ])('%s → %s', (_what, bytes, code) => {
    const result = parseWith(kernelDetailsFormat, 'kernel_details.csv', bytes);
    expect(result.ok).toBe(false);
    expect(issuesOf(result).map(([c]) => c)).toEqual([code]);
  });

  test('a NUL byte in a later chunk of the head is still caught, with its offset', () => {
    const bytes = bytesOf(
      'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\nab\u0000cd\n',
    );
    const result = parseWith(kernelDetailsFormat, 'kernel_details.csv', bytes, [4]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'BINARY', offset: 71 });
  });

  test('invalid UTF-8 in a name: replaced, with a NOT_UTF8 warning', () => {
    const head = bytesOf('Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\n');
    const row = new Uint8Array([0x43, 0xff, 0x2c, ...bytesOf('Conv2D,AI_CORE,1,2,0\n')]);
    const bytes = new Uint8Array([...head, ...row]);
    const result = parseWith(kernelDetailsFormat, 'kernel_details.csv', bytes);
    expect(issuesOf(result)).toEqual([['NOT_UTF8', undefined]]);
    expect(rowsOf(profileOf(result))[0]?.op_name).toBe('C\uFFFD');
  });
});

describe('normalized rows', () => {
  const readable = Object.keys(fixtures)
    .map((k) => k.slice('./fixtures/'.length))
    .filter((p) => !p.includes('missing-duration'));

  test.each(readable)('%s: every row is valid against schemas/profile-row', (path) => {
    for (const row of rowsOf(profileOf(parse(path)))) {
      expect(validate('profile-row', row)).toEqual([]);
    }
  });

  test('the schema refuses a row with a negative duration', () => {
    const row = rowsOf(profileOf(parse('torch_npu-level0/kernel_details.csv')))[0];
    expect(validate('profile-row', { ...row, duration_us: -1 }).map((i) => i.path)).toEqual([
      '/duration_us',
    ]);
  });
});

describe('hardware utilisation columns', () => {
  test('a PipeUtilization table keeps its ratio, miss-rate and utilisation columns, N/A as NaN', () => {
    const table = profileOf(parse('torch_npu-level1-2025.06/kernel_details.csv')).table;
    const metrics = table?.metrics ?? [];
    // The cube and vector ones; the other ratio columns are not kept (ingest speed).
    expect(metrics.map((m) => m.column)).toEqual([
      'aic_mac_ratio',
      'aiv_vec_ratio',
      'cube_utilization(%)',
    ]);
    const col = (name: string) => Array.from(metrics.find((m) => m.column === name)?.values ?? []);
    const f32 = (values: readonly number[]) => values.map((v) => Math.fround(v));
    for (const sizes of [[1], [3, 1, 4, 1, 5, 9, 2, 6]]) {
      const chunked = profileOf(parse('torch_npu-level1-2025.06/kernel_details.csv', sizes)).table;
      expect(chunked?.metrics).toEqual(metrics);
    }
    // Rows: TransData (vector), Conv_0 (cube), Relu_0, Conv_1, an HCCL row of N/A, FlashAttention.
    expect(col('aic_mac_ratio')).toEqual(f32([0, 0.667, 0, 0.667, NaN, 0.667]));
    expect(col('aiv_vec_ratio')).toEqual(f32([0.556, 0, 0.556, 0, NaN, 0.556]));
    expect(col('cube_utilization(%)')).toEqual(f32([0, 41.2, 0, 41.2, NaN, 41.2]));
    // Utilisation cells that are not numbers are not problems of the file.
    expect(issuesOf(parse('torch_npu-level1-2025.06/kernel_details.csv'))).toEqual([]);
  });

  test('a table without such columns has none, and a ragged row gets NaN', () => {
    expect(profileOf(parse('torch_npu-level0/kernel_details.csv')).table?.metrics).toBeUndefined();
    const text =
      'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),aic_mac_ratio,__proto__\n' +
      'Conv_0,Conv2D,AI_CORE,1762074301000000.000\t,5,0,0.5,0.25\n' +
      'Conv_1,Conv2D,AI_CORE,1762074301000010.000\t,5,0\n';
    for (const sizes of [[], [7], [1]]) {
      const table = profileOf(parseWith(kernelDetailsFormat, 'k.csv', bytesOf(text), sizes)).table;
      // Only the known utilisation columns are taken.
      expect(table?.metrics?.map((m) => [m.column, Array.from(m.values)])).toEqual([
        ['aic_mac_ratio', [0.5, NaN]],
      ]);
    }
  });
});

describe('chunk boundaries', () => {
  const paths = Object.keys(fixtures).map((k) => k.slice('./fixtures/'.length));

  test.each(paths)('%s: byte by byte and in odd chunks, the same result', (path) => {
    const whole = snapshot(parse(path));
    expect(snapshot(parse(path, [1]))).toEqual(whole);
    expect(snapshot(parse(path, [3, 1, 4, 1, 5, 9, 2, 6]))).toEqual(whole);
    expect(snapshot(parse(path, [4096]))).toEqual(whole);
  });

  test.each(['quirks/kernel_details.csv', 'torch_npu-level1-2025.06/kernel_details.csv'])(
    '%s: random chunk sizes give the same result (property)',
    (path) => {
      const whole = snapshot(parse(path));
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 10 }),
          (sizes) => {
            expect(snapshot(parse(path, sizes))).toEqual(whole);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  test('a multi-byte name split across chunks decodes whole', () => {
    const text =
      'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\n' +
      '卷积_0,Conv2D,AI_CORE,1762074301000000.000\t,5,0\n';
    for (const sizes of [[1], [2], [70, 1, 1, 1]]) {
      const p = profileOf(parseWith(kernelDetailsFormat, 'k.csv', bytesOf(text), sizes));
      expect(rowsOf(p)[0]?.op_name).toBe('卷积_0');
    }
  });
});
