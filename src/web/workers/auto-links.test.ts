import { describe, expect, test } from 'vitest';
import type { ImportedFile } from '../../core/formats/types.ts';
import type { OperatorAggregate } from '../../core/model/types.ts';
import { measurementFile, profileFile, reportFile, task } from '../../core/formats/test-files.ts';
import { autoLinks, dropGroup } from './auto-links.ts';
import { profileOf } from '../../core/formats/content.ts';

/** A report whose one task (named `name`) tuned the operators `ops`. */
function report(id: string, name: string, ops: readonly string[]): ImportedFile {
  const operators = ops.map((op) => ({
    name: op,
    type: 'Conv2D',
    dimension: null,
    beforeUs: 10,
    afterUs: 9,
    improvementPct: null,
    repoAction: null,
  }));
  return reportFile(id, [{ ...task(name), operators }]);
}

/** A profile listing the operators `ops`. */
function profile(id: string, ops: readonly string[]): ImportedFile {
  const file = profileFile(id);
  const topOperators: OperatorAggregate[] = ops.map((name) => ({
    name,
    type: 'Conv2D',
    count: 1,
    totalUs: 1,
    meanUs: 1,
    share: 1 / ops.length,
    inputShapes: null,
  }));
  const p = profileOf(file);
  if (!p) throw new Error('profileFile builds a profile');
  return {
    ...file,
    content: { kind: 'profile', profile: { ...p, summary: { ...p.summary, topOperators } } },
  };
}

const RESNET = ['Conv_0', 'Conv_1', 'Gemm_0', 'SoftmaxV2_0'];

describe('dropGroup', () => {
  test.each([
    ['aoe_result_opat_1.json', ''],
    ['PROF_1/device_0/summary/op_summary_0_1.csv', 'PROF_1'],
    ['run_a/aoe_result_opat_1.json', 'run_a'],
  ])('%s → %j', (path, group) => expect(dropGroup(path)).toBe(group));
});

describe('autoLinks', () => {
  test('links a report to the profiles of its folder that contain its tuned operators', () => {
    const pairs = autoLinks([
      { path: 'a/aoe_result_opat_1.json', file: report('ra', 'resnet50', RESNET) },
      { path: 'a/PROF_1/device_0/summary/op_summary.csv', file: profile('pa', RESNET) },
      { path: 'b/aoe_result_opat_2.json', file: report('rb', 'bert', ['MatMul_3', 'Gelu_1']) },
      { path: 'b/kernel_details.csv', file: profile('pb1', ['MatMul_3', 'Gelu_1', 'Add_9']) },
      { path: 'b/op_summary.csv', file: profile('pb2', ['Conv_0']) },
      { path: 'loose.json', file: report('rl', 'yolo', ['Conv_0', 'Conv_1']) },
      { path: 'loose.csv', file: profile('pl', ['Conv_0', 'Conv_1', 'Sigmoid_0']) },
    ]);
    expect(pairs).toEqual([
      ['ra', 'pa'],
      ['rb', 'pb1'],
      ['rl', 'pl'],
    ]);
  });

  test('a one-row table dropped with three unrelated runs is linked to none of them', () => {
    const pairs = autoLinks([
      { path: 'aoe_result_opat_1.json', file: report('r1', 'resnet50', RESNET) },
      { path: 'aoe_result_opat_2.json', file: report('r2', 'bert', ['MatMul_3', 'Gelu_1']) },
      {
        path: 'aoe_result_opat_3.json',
        file: report('r3', 'yolo', ['Conv_0', 'Sigmoid_4', 'Mul_2']),
      },
      { path: 'aoe_result_opat_4_kernel_details.csv', file: profile('one-row', ['Conv_0']) },
    ]);
    expect(pairs).toEqual([]);
  });

  test('a profile of another model is not linked even when it arrived with the report', () => {
    const llama = ['model.layers.0.self_attn.q_proj', 'model.layers.0.mlp.down_proj'];
    expect(
      autoLinks([
        { path: 'aoe_result_opat_1.json', file: report('r', 'resnet50', RESNET) },
        { path: 'op_summary_llama.csv', file: profile('p', llama) },
      ]),
    ).toEqual([]);
  });

  test('links nothing across drop groups', () => {
    expect(
      autoLinks([
        { path: 'a/x.json', file: report('r', 'resnet50', RESNET) },
        { path: 'b/y.csv', file: profile('p', RESNET) },
      ]),
    ).toEqual([]);
  });

  test('links measurements that name the report model or name nothing, not another model', () => {
    expect(
      autoLinks([
        { path: 'aoe_result_opat_1.json', file: report('r', 'resnet50', RESNET) },
        { path: 'resnet50_baseline_summary.json', file: measurementFile('m1', 2) },
        { path: '2024_05_01-10_11_12_summary.json', file: measurementFile('m2', 2) },
        { path: 'yolov5s_tuned_summary.json', file: measurementFile('m3', 2) },
      ]),
    ).toEqual([
      ['r', 'm1'],
      ['r', 'm2'],
    ]);
  });

  test('a measurement naming no model is left unlinked when two reports arrived with it', () => {
    expect(
      autoLinks([
        { path: 'a.json', file: report('r1', 'resnet50', RESNET) },
        { path: 'b.json', file: report('r2', 'bert', ['x']) },
        { path: '2024_05_01-10_11_12_summary.json', file: measurementFile('m', 2) },
      ]),
    ).toEqual([]);
  });
});
