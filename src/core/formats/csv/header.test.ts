import { describe, expect, test } from 'vitest';
import { validate } from '../../validation/index.ts';
import headerSetsData from './header-sets.json' with { type: 'json' };
import {
  detectHeaderSet,
  formatOfHeader,
  headerOfHead,
  mapColumns,
  missingColumns,
} from './header.ts';

const split = (line: string) => line.split(',');

describe('header sets', () => {
  test('the alias table is valid against schemas/profile-header-sets', () => {
    expect(validate('profile-header-sets', headerSetsData)).toEqual([]);
  });

  test('the schema rejects a header set without rules', () => {
    const broken = {
      ...headerSetsData,
      headerSets: [{ id: 'x', format: 'op-summary', description: 'd' }],
    };
    expect(validate('profile-header-sets', broken).map((i) => i.path)).toEqual([
      '/headerSets/0/all',
      '/headerSets/0/any',
      '/headerSets/0/none',
    ]);
  });

  test.each([
    [
      'Step Id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim',
      'torch_npu-level0',
    ],
    [
      'Step Id,Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Num,Input Shapes',
      'torch_npu-level0',
    ],
    [
      'Step Id,Model ID,Task ID,Stream ID,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim,Mix Block Dim',
      'torch_npu-level1-2023',
    ],
    [
      'Step Id,Model ID,Task ID,Stream ID,Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim',
      'torch_npu-level1-2025.01',
    ],
    [
      'Step Id,Device_id,Model ID,Task ID,Stream ID,Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim',
      'torch_npu-level1-2025.06',
    ],
    [
      'Step Id,Device_id,Model ID,Task ID,Stream ID,Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Num,Mix Block Num',
      'torch_npu-level1-block-num',
    ],
    [
      'Step Id,Model ID,Task ID,Stream ID,Op Name,OP Type,Task Type,Start Time(us),Task Duration(us),Task Wait Time(us),Block Dim',
      'torch_npu-mixed',
    ],
    [
      'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),Task Duration(us),Task Wait Time(us),Block Dim',
      'msprof-8.x',
    ],
    [
      'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),Task Duration(us),Task Wait Time(us),Block Num',
      'msprof-block-num',
    ],
    [
      'Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),Task Duration(us),Task Wait Time(us),Block Dim',
      'msprof-7.x',
    ],
    [
      'Model ID,Task ID,Stream ID,Op Name,OP Type,Task Type,Task Start Time,Task Duration(us),Task Wait Time(us),Block Dim',
      'msprof-legacy',
    ],
    [
      'Device_id,OP Type,Core Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)',
      'op_statistic-device',
    ],
    [
      'OP Type,Core Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)',
      'op_statistic-torch_npu',
    ],
    [
      'Model Name,OP Type,Core Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)',
      'op_statistic-model-name',
    ],
  ])('%s → %s', (line, id) => {
    expect(detectHeaderSet(split(line))?.id).toBe(id);
  });

  test.each([
    [
      'step_trace_time',
      'Device_id,Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble',
    ],
    ['api_statistic', 'Device_id,Level,API Name,Time(us),Count,Avg(us),Min(us),Max(us),Variance'],
    [
      'operator_details',
      'Name,Input Shapes,Call Stack,Host Self Duration(us),Host Total Duration(us),Device Self Duration(us),Device Total Duration(us)',
    ],
    [
      'operator_memory',
      'Name,Size(KB),Allocation Time(us),Release Time(us),Active Release Time(us),Duration(us),Active Duration(us)',
    ],
    [
      'communication_statistic',
      'Device_id,OP Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)',
    ],
    ['l2_cache', 'Stream Id,Task Id,Hit Rate,Victim Rate,Op Name'],
    [
      'task_time',
      'Device_id,kernel_name,kernel_type,stream_id,task_id,task_time(us),task_start(us),task_stop(us)',
    ],
    [
      'cluster_step_trace_time',
      'Step,Type,Index,Computing,Communication(Not Overlapped),Overlapped',
    ],
  ])('%s is none of ours', (_name, line) => {
    expect(detectHeaderSet(split(line))).toBeNull();
  });

  test('aliases map every header set to the same canonical columns', () => {
    const torch = mapColumns(
      split(
        'Step Id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim',
      ),
    );
    const msprof = mapColumns(
      split(
        'Op Name,OP Type,Task Type,Task Start Time,Task Duration(us),Task Wait Time(us),Block Num',
      ),
    );
    expect(Object.fromEntries(torch)).toEqual({
      step_id: 0,
      op_name: 1,
      op_type: 2,
      core_type: 3,
      start_us: 4,
      duration_us: 5,
      wait_us: 6,
      block_num: 7,
    });
    expect(Object.fromEntries(msprof)).toEqual({
      op_name: 0,
      op_type: 1,
      core_type: 2,
      start_us: 3,
      duration_us: 4,
      wait_us: 5,
      block_num: 6,
    });
  });

  test('missing required columns are named with their aliases', () => {
    const cols = mapColumns(split('Name,Type,Start Time(us),Wait Time(us)'));
    expect(missingColumns('kernel-details', cols)).toEqual([
      'Accelerator Core|Task Type|Core Type',
      'Duration(us)|Task Duration(us)',
    ]);
    expect(missingColumns('op-statistic', mapColumns(['OP Type']))).toEqual([
      'Accelerator Core|Task Type|Core Type',
      'Count',
      'Total Time(us)',
    ]);
  });

  test('a hostile header cannot reach the prototype', () => {
    const cols = mapColumns(['__proto__', 'constructor', 'Name']);
    expect(cols.get('op_name')).toBe(2);
    expect(cols.has('__proto__')).toBe(false);
  });

  test('headerOfHead reads the first line without BOM, quotes or CR', () => {
    expect(headerOfHead('\uFEFF"Name", Type ,Duration(us)\r\n1,2,3')).toEqual([
      'Name',
      'Type',
      'Duration(us)',
    ]);
  });

  test.each([
    ['Name,Type,Accelerator Core,Start Time(us),Wait Time(us)', 'kernel-details'],
    ['Op Name,OP Type,Task Type,Task Start Time(us),Task Wait Time(us)', 'op-summary'],
    ['Name,Size(KB),Allocation Time(us),Release Time(us),Duration(us)', null],
    ['Device_id,OP Type,Count,Total Time(us),Ratio(%)', null],
  ])(
    'a damaged header %s is still recognised as %s, so its missing column can be named',
    (line, format) => {
      expect(formatOfHeader(split(line))).toBe(format);
    },
  );
});
