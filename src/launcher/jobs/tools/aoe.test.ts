import { describe, expect, it } from 'vitest';
import { aoeTool, buildArgv, checkOption, frameworkFromSuffix, parseHelpOptions } from './aoe.ts';
import type { RunFacts } from './tool.ts';

const help = new Set([
  'log',
  'build_bypass',
  'progress_bar',
  'Fop_format',
  'aicore_num',
  'insert_op_conf',
]);

describe('checkOption', () => {
  it.each([
    ['log', 'info', null, { ok: true, fileOption: false }],
    ['log', 'verbose', null, { ok: false, reason: 'value' }],
    ['aicore_num', '8', help, { ok: true, fileOption: false }],
    ['aicore_num', '0', help, { ok: false, reason: 'value' }],
    ['aicore_num', '8; rm -rf /', help, { ok: false, reason: 'value' }],
    ['Fop_format', '', help, { ok: true, fileOption: false }],
    ['Fop_format', 'yes', help, { ok: false, reason: 'value' }],
    ['insert_op_conf', 'aipp.cfg', help, { ok: true, fileOption: true }],
    ['build_bypass', '; rm -rf $(whoami) `id`', help, { ok: true, fileOption: false }],
    ['build_bypass', 'a\nb', help, { ok: false, reason: 'value' }],
    ['precision_mode_v2', 'mixed_float16', null, { ok: false, reason: 'unknown' }],
    ['soc_version', 'Ascend310P3', null, { ok: false, reason: 'unknown' }],
    ['model', 'x.onnx', null, { ok: false, reason: 'field' }],
    ['buffer_optimize', 'off_optimize', help, { ok: false, reason: 'not-in-help' }],
    ['__proto__', 'x', null, { ok: false, reason: 'unknown' }],
    ['toString', 'x', null, { ok: false, reason: 'unknown' }],
  ])('%s=%j', (name, value, probed, expected) => {
    expect(checkOption(name, value, probed)).toEqual(expected);
  });
});

describe('buildArgv', () => {
  it('emits long options as --opt=value, job fields first, flags bare, values verbatim', () => {
    const argv = buildArgv({
      jobType: 2,
      model: '/models/resnet50.onnx',
      modelIsDir: false,
      framework: 5,
      device: 3,
      inputShape: 'x:1,3,224,224',
      tuneOpsFile: '/data/job/tune_ops_file.json',
      output: '/data/job/operator/output/resnet50',
      options: [
        ['Fop_format', ''],
        ['build_bypass', '$(id); `id`'],
      ],
      progressBarKnown: true,
    });
    expect(argv).toEqual([
      '--job_type=2',
      '--model=/models/resnet50.onnx',
      '--framework=5',
      '--input_shape=x:1,3,224,224',
      '--device=3',
      '--tune_ops_file=/data/job/tune_ops_file.json',
      '--output=/data/job/operator/output/resnet50',
      '--progress_bar=off',
      '--Fop_format',
      '--build_bypass=$(id); `id`',
    ]);
  });

  it('uses --model_path for a directory, keeps a user progress_bar and skips tune_ops_file for subgraph tuning', () => {
    const argv = buildArgv({
      jobType: 1,
      model: '/models/dump',
      modelIsDir: true,
      framework: null,
      device: 0,
      tuneOpsFile: '/data/job/t.json',
      options: [['progress_bar', 'on']],
      progressBarKnown: true,
    });
    expect(argv).toEqual([
      '--job_type=1',
      '--model_path=/models/dump',
      '--device=0',
      '--progress_bar=on',
    ]);
  });
});

describe('parseHelpOptions', () => {
  it('lists long options of a help text, without --help', () => {
    const text =
      'usage: aoe <args>\n  --model, -m   model\n  --job_type,-j type\n[--log LEVEL]\n  -h, --help\n';
    expect(parseHelpOptions(text)).toEqual(['job_type', 'log', 'model']);
  });
});

describe('frameworkFromSuffix', () => {
  it.each([
    ['a.onnx', 5],
    ['A.ONNX', 5],
    ['a.pb', 3],
    ['a.air', 1],
    ['a.prototxt', 0],
    ['a.om', null],
  ])('%s → %s', (name, fw) => {
    expect(frameworkFromSuffix(name)).toBe(fw);
  });
});

describe('aoeTool on the adapter interface', () => {
  it.each([
    ['[Aoe]Aoe process finished,cost time 1109s.', { kind: 'success' }],
    [
      '[ERROR] AOE(1): option --precision_mode_v2 is not supported',
      { kind: 'failure', code: 'BAD_OPTION', detail: '--precision_mode_v2' },
    ],
    ['TUNE_BANK_PATH "/x" does not exist', { kind: 'failure', code: 'BANK_PATH_INVALID' }],
    ['internal error 3001 NO_SPACE', { kind: 'failure', code: 'DISK_FULL' }],
    ['[####      ] 40%', { kind: 'progress', data: { percent: 40 } }],
  ])('%s', (line, expected) => {
    expect(aoeTool.parseLine(line)).toMatchObject(expected);
  });

  const facts = (over: Partial<RunFacts>): RunFacts => ({
    exitCode: 0,
    signal: null,
    success: true,
    failures: new Map(),
    tail: 'last lines',
    cwd: '/nonexistent',
    ...over,
  });

  it.each([
    [
      { exitCode: 2, success: false, failures: new Map([['BAD_OPTION', '--x']] as const) },
      'BAD_OPTION',
      'aoe rejected --x',
    ],
    [
      { exitCode: 1, success: false, failures: new Map([['BANK_PATH_INVALID', null]] as const) },
      'BANK_PATH_INVALID',
      'last lines',
    ],
    [
      { exitCode: 1, success: false, failures: new Map([['DISK_FULL', null]] as const) },
      'DISK_FULL',
      '20 GB',
    ],
    [
      { exitCode: null, signal: 'SIGKILL', success: false },
      'TUNER_FAILED',
      'aoe ended with signal SIGKILL',
    ],
    [{ exitCode: 0, success: false }, 'TUNER_FAILED', 'without its success line'],
    [{ exitCode: 0, success: true }, 'TUNER_FAILED', 'no result file'],
  ])('verdict %#: %s', (over, code, message) => {
    const v = aoeTool.verdict(facts(over as Partial<RunFacts>));
    expect(v).toMatchObject({ ok: false, code });
    expect(v.ok ? '' : v.message).toContain(message);
  });
});
