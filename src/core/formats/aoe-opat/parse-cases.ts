// Expectations for parse.test.ts, one per fixture, computed by hand: recomputed speed-up is
// (before / after − 1) × 100, time saved is before − after, saved % is saved / before × 100.
import type { OperatorTuple } from './test-helpers.ts';

export interface TaskExpectation {
  name: string;
  status: string;
  statusText: string | null;
  reportKey: string | null;
  tuningTimeS: number | null;
  model: [baselineMs: number, tunedMs: number, statedPct: number] | null;
  /** Recomputed speed-up %, saved ms, saved % (to 4 decimals). */
  recomputed: [pct: number, savedMs: number, savedPct: number] | null;
  summary:
    [add: number, hit: number, reserved: number, unsat: number, upd: number, total: number] | null;
  failed: string[];
  operators: OperatorTuple[];
}

export interface Case {
  file: string;
  ok: boolean;
  layout: string;
  generation: string;
  issues: [string, string | undefined][];
  tasks: TaskExpectation[];
}

export const CASES: Case[] = [
  {
    file: 'cann601-array-success.json',
    ok: true,
    layout: 'array',
    generation: 'cann-6.0',
    issues: [],
    tasks: [
      {
        name: 'resnet50_v1_offline',
        status: 'succeeded',
        statusText: 'tune success',
        reportKey: null,
        tuningTimeS: 1603,
        model: [9.6, 9.12, 5.26],
        recomputed: [5.2632, 0.48, 5],
        summary: [2, 4, 3, 1, 1, 7],
        failed: [],
        operators: [
          ['strided_slice_3', 'stridedsliced', null, 212, 160, 32.5, 'add'],
          ['pool5/AvgPool', 'avgpool', null, 48.6, 40.5, 20, 'add'],
          [
            'res3a_branch2b/Conv2Dres3a_branch2b/Relu',
            'conv2d',
            null,
            3120.5,
            2980.25,
            4.71,
            'update',
          ],
        ],
      },
    ],
  },
  {
    file: 'cann601-array-tune-failed.json',
    ok: true,
    layout: 'array',
    generation: 'cann-6.0',
    issues: [],
    tasks: [
      {
        name: 'detector_offline',
        status: 'failed',
        statusText: 'tune failed',
        reportKey: null,
        tuningTimeS: 842,
        model: [4.2, 4.2, 0],
        recomputed: [0, 0, 0],
        summary: [1, 0, 0, 2, 0, 3],
        failed: ['res4a_branch1x/Conv2D', 'fc_out/BiasAdd'],
        operators: [['head/MatMul', 'matmul', null, 61.5, 55.2, 11.41, 'add']],
      },
    ],
  },
  {
    file: 'cann601-singleop-report-map.json',
    ok: true,
    layout: 'report-map',
    generation: 'cann-6.0',
    issues: [],
    tasks: [
      {
        name: 'single_op_conv',
        status: 'succeeded',
        statusText: 'tune success',
        reportKey: 'report_20230105101112123_140234',
        tuningTimeS: 26,
        model: null,
        recomputed: null,
        summary: [1, 0, 0, 0, 0, 1],
        failed: [],
        operators: [['conv_single', 'conv2d', null, 4.06, 3.05, 33.11, 'add']],
      },
      {
        name: 'single_op_matmul',
        status: 'succeeded',
        statusText: 'tune success',
        reportKey: 'report_20230105101540456_140235',
        tuningTimeS: 41,
        model: null,
        recomputed: null,
        summary: [1, 1, 0, 0, 1, 2],
        failed: [],
        operators: [
          ['matmul_single', 'matmul', null, 18.5, 12.25, 51.02, 'add'],
          ['add_single', 'add', null, 2.6, 2.4, 8.33, 'update'],
        ],
      },
    ],
  },
  {
    file: 'cann62rc1-array.json',
    ok: true,
    layout: 'array',
    generation: 'cann-6.2',
    issues: [],
    tasks: [
      {
        name: 'bert_base_offline',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: null,
        tuningTimeS: 1912,
        model: [113.588725, 113.236731, 0.31],
        recomputed: [0.3108, 0.351994, 0.3099],
        summary: [2, 17, 15, 0, 2, 19],
        failed: [],
        operators: [
          ['Conv_12', 'conv2d', null, 86.42, 80.11, 7.88, 'add'],
          ['MatMul_3', 'matmul', null, 41.2, 38.5, 7.01, 'add'],
          ['Conv_30Relu_31', 'conv2d', null, 512.338, 498.002, 2.88, 'update'],
          ['Add_7', 'add', null, 12.06, 11.5, 4.87, 'update'],
        ],
      },
    ],
  },
  {
    file: 'cann63rc2-array.json',
    ok: true,
    layout: 'array',
    generation: 'cann-6.3+',
    issues: [],
    tasks: [
      {
        name: 'resnet50_om_tune',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: null,
        tuningTimeS: 2210,
        model: [12.754321, 12.401876, 2.84],
        recomputed: [2.8419, 0.352445, 2.7633],
        summary: [2, 5, 4, 1, 1, 8],
        failed: [],
        operators: [
          ['SoftmaxV2_0', 'SoftmaxV2', 'Format', 21.4, 18.9, 13.23, 'add'],
          ['Conv_7', 'Conv2D', 'Format', 88.32, 80.5, 9.71, 'add'],
          ['Conv_7', 'Conv2D', 'Schedule', 80.5, 74.01, 8.77, 'add'],
          ['Gemm_0', 'MatMulV2', 'Schedule', 36.05, 36.04, 0.03, 'update'],
        ],
      },
    ],
  },
  {
    file: 'cann8x-training-report-map.json',
    ok: true,
    layout: 'report-map',
    generation: 'cann-6.3+',
    issues: [],
    tasks: [
      {
        name: 'train_step_graph_0',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: 'report_20250312083015001_7781',
        tuningTimeS: 26,
        model: null,
        recomputed: null,
        summary: null,
        failed: [],
        operators: [
          ['dense/MatMul', 'MatMulV2', 'Schedule', 143.2, 120.7, 18.64, 'update'],
          ['encoder/LayerNorm', 'LayerNorm', 'Format', 30.5, 29.9, 2.01, 'add'],
        ],
      },
      {
        name: 'train_step_graph_1',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: 'report_20250312084502117_7790',
        tuningTimeS: 31,
        model: null,
        recomputed: null,
        summary: null,
        failed: [],
        operators: [['attention/BatchMatMul', 'BatchMatMulV2', 'Schedule', 77, 70, 10, 'add']],
      },
    ],
  },
  {
    file: 'bare-object.json',
    ok: true,
    layout: 'bare-object',
    generation: 'cann-6.3+',
    issues: [],
    tasks: [
      {
        name: 'yolo_bare',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: null,
        tuningTimeS: 615,
        model: [20.5, 20, 2.5],
        recomputed: [2.5, 0.5, 2.439],
        summary: [1, 0, 0, 0, 0, 1],
        failed: [],
        operators: [['Conv_3', 'Conv2D', 'Schedule', 250, 200, 25, 'add']],
      },
    ],
  },
  {
    file: 'chinese-name.json',
    ok: true,
    layout: 'array',
    generation: 'cann-6.3+',
    issues: [],
    tasks: [
      {
        name: '调优任务名',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: null,
        tuningTimeS: 1494,
        model: [7.5, 7.2, 4.17],
        recomputed: [4.1667, 0.3, 4],
        summary: [1, 0, 0, 0, 0, 1],
        failed: [],
        operators: [['卷积_0', 'Conv2D', 'Format', 64, 60, 6.67, 'add']],
      },
    ],
  },
  {
    file: 'bom-array.json',
    ok: true,
    layout: 'array',
    generation: 'cann-6.2',
    issues: [],
    tasks: [
      {
        name: 'bom_task',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: null,
        tuningTimeS: 90,
        model: [2, 1.6, 25],
        recomputed: [25, 0.4, 20],
        summary: [1, 0, 0, 0, 0, 1],
        failed: [],
        operators: [['Conv_9', 'conv2d', null, 30, 24, 25, 'add']],
      },
    ],
  },
  {
    file: 'crlf-report-map.json',
    ok: true,
    layout: 'report-map',
    generation: 'cann-6.3+',
    issues: [],
    tasks: [
      {
        name: 'crlf_task',
        status: 'succeeded',
        statusText: 'tuning successful',
        reportKey: 'report_20251020120000000_901',
        tuningTimeS: 12,
        model: null,
        recomputed: null,
        summary: [1, 0, 0, 0, 0, 1],
        failed: [],
        operators: [['Relu_4', 'Relu', 'Schedule', 9, 7.5, 20, 'add']],
      },
    ],
  },
];
