import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildConverterArgv,
  converterConfig,
  converterLiteTool,
  fmkFromSuffix,
  safeConfigValue,
  type AoeMode,
  type ConverterStep,
} from './converter-lite.ts';
import { alive, fixture, runWithStandIn, stopHungStep, tempDir } from './step-testing.ts';
import { checkToolOption } from './tool.ts';

const step = (over: Partial<ConverterStep> = {}): ConverterStep => ({
  model: '/models/resnet50.onnx',
  fmk: 'ONNX',
  weight: null,
  aoeMode: 'subgraph tuning, operator tuning',
  akg: false,
  options: [],
  ...over,
});

describe('buildConverterArgv', () => {
  it('emits the documented Ascend route as --name=value, then the checked options', () => {
    const argv = buildConverterArgv(
      step({ inputShape: 'x:1,3,224,224', options: [['fp16', 'on']] }),
      '/job/1/output/resnet50',
      '/job/1/converter.cfg',
    );
    expect(argv).toEqual([
      '--fmk=ONNX',
      '--modelFile=/models/resnet50.onnx',
      '--outputFile=/job/1/output/resnet50',
      '--saveType=MINDIR',
      '--optimize=ascend_oriented',
      '--device=Ascend',
      '--inputShape=x:1,3,224,224',
      '--configFile=/job/1/converter.cfg',
      '--fp16=on',
    ]);
  });

  it('passes the Caffe weight file', () => {
    const argv = buildConverterArgv(
      step({ fmk: 'CAFFE', model: '/m/a.prototxt', weight: '/m/a.caffemodel' }),
      '/o/a',
      '/o/c.cfg',
    );
    expect(argv).toContain('--weightFile=/m/a.caffemodel');
  });

  it.each([
    ['a.onnx', 'ONNX'],
    ['a.PB', 'TF'],
    ['a.tflite', 'TFLITE'],
    ['a.prototxt', 'CAFFE'],
    ['a.mindir', 'MINDIR'],
    ['a.pth', 'PYTORCH'],
    ['a.om', null],
  ])('fmk of %s is %s', (name, fmk) => {
    expect(fmkFromSuffix(name)).toBe(fmk);
  });
});

describe('converter config file', () => {
  it('writes aoe_mode under [ascend_context], and the AKG section when asked', () => {
    expect(converterConfig({ aoeMode: 'subgraph tuning, operator tuning', akg: false })).toBe(
      '[ascend_context]\naoe_mode="subgraph tuning, operator tuning"\n',
    );
    expect(converterConfig({ aoeMode: 'operator tuning', akg: true })).toBe(
      '[ascend_context]\naoe_mode="operator tuning"\n[graph_kernel_param]\nopt_level=2\n',
    );
    expect(converterConfig({ aoeMode: null, akg: false })).toBe('[ascend_context]\n');
  });

  it.each([
    'subgraph tuning"\n[graph_kernel_param]\nopt_level=2',
    'operator tuning\r\n[ascend_context]',
    'x" provider="ge',
    'subgraph tuning]',
  ])('refuses a value that could inject a line or a section: %j', (value) => {
    expect(safeConfigValue(value)).toBe(false);
    expect(converterConfig({ aoeMode: value as AoeMode, akg: false })).toBeNull();
    const inv = converterLiteTool.invocation(step({ aoeMode: value as AoeMode }), {
      cwd: '/nonexistent',
      env: {},
      help: null,
    });
    expect(inv).toMatchObject({ ok: false, code: 'BAD_OPTION' });
  });
});

describe('converter_lite options', () => {
  it.each([
    ['fp16', 'on', { ok: true, fileOption: false }],
    ['inputDataFormat', 'NCHW', { ok: true, fileOption: false }],
    ['fp16', 'on;id', { ok: false, reason: 'value' }],
    ['fp16', 'on\n--configFile=/etc/x', { ok: false, reason: 'value' }],
    ['configFile', '/etc/passwd', { ok: false, reason: 'field' }],
    ['optimize', 'none', { ok: false, reason: 'field' }],
    ['outputFile', '../../x', { ok: false, reason: 'field' }],
    ['encryptKey', 'abc', { ok: false, reason: 'unknown' }],
    ['$(id)', 'x', { ok: false, reason: 'unknown' }],
    ['__proto__', 'x', { ok: false, reason: 'unknown' }],
  ])('%s=%j', (name, value, expected) => {
    expect(checkToolOption(converterLiteTool, name, value, null)).toEqual(expected);
  });

  it('refuses a documented option this host’s converter_lite --help does not list', () => {
    const help = new Set(
      converterLiteTool.help?.parse('Usage:\n  --fmk: type\n  --modelFile: file\n  --help') ?? [],
    );
    expect([...help]).toEqual(['fmk', 'modelFile']);
    expect(checkToolOption(converterLiteTool, 'fp16', 'on', help)).toEqual({
      ok: false,
      reason: 'not-in-help',
    });
    const inv = converterLiteTool.invocation(step({ options: [['fp16', 'on']] }), {
      cwd: '/nonexistent',
      env: {},
      help,
    });
    expect(inv).toMatchObject({ ok: false, code: 'BAD_OPTION' });
  });
});

describe('converter_lite lines', () => {
  it.each([
    ['CONVERT RESULT SUCCESS:0', { kind: 'success' }],
    ['CONVERT RESULT FAILED:-500 Failed to infer shape.', { kind: 'failure', code: 'BAD_SHAPE' }],
    [
      'CONVERT RESULT FAILED:-600 Invalid input param by user. inputShape is invalid',
      { kind: 'failure', code: 'BAD_SHAPE' },
    ],
    [
      'FMKTYPE: ONNX, OP TYPE: GridSample',
      { kind: 'failure', code: 'UNSUPPORTED_OP', detail: 'GridSample' },
    ],
    [
      'CONVERT RESULT FAILED:-300 Failed to find operator.',
      { kind: 'failure', code: 'UNSUPPORTED_OP' },
    ],
    ['CONVERT RESULT FAILED:-1 Common error code.', { kind: 'failure', code: 'TOOL_FAILED' }],
    ['sh: 1: aoe: not found', { kind: 'failure', code: 'TUNER_NOT_FOUND' }],
    ['[ERROR] write model failed: No space left on device', { kind: 'failure', code: 'DISK_FULL' }],
    ['Start converting', null],
  ])('%s', (line, expected) => {
    const ev = converterLiteTool.parseLine(line);
    if (expected === null) expect(ev).toBeNull();
    else expect(ev).toMatchObject(expected);
  });
});

describe('converter_lite against its stand-in', () => {
  let root: string;
  const bin = fixture('fake-converter-lite/converter_lite');
  // converter_lite runs `aoe` from the PATH, as MindSpore Lite does.
  const env = () => ({ PATH: `${fixture('fake-aoe')}:${process.env.PATH ?? '/usr/bin:/bin'}` });
  beforeEach(() => {
    root = tempDir('aoe-converter-');
    mkdirSync(join(root, 'models'));
    for (const m of ['resnet50', 'badshape-resnet50', 'unsupported-resnet50', 'nospace-resnet50']) {
      writeFileSync(join(root, 'models', `${m}.onnx`), `onnx ${m}\n`);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const model = (name: string) => join(root, 'models', `${name}.onnx`);

  it('converts to .mindir with AOE and collects the aoe_result files it leaves', async () => {
    const s = step({ model: model('resnet50'), akg: true });
    const run = await runWithStandIn(converterLiteTool, s, { bin, root, env: env() });
    expect(run.outcome).toMatchObject({ ok: true });
    if (!run.outcome.ok) return;
    const mindir = join(run.cwd, 'output', 'resnet50.mindir');
    expect(run.outcome.outputs.model).toBe(mindir);
    expect(run.outcome.outputs.runFiles.length).toBeGreaterThanOrEqual(1);
    for (const f of run.outcome.outputs.runFiles) expect(f).toMatch(/aoe_result_[a-z]+_.*\.json$/);
    expect(readFileSync(join(run.cwd, 'converter.cfg'), 'utf8')).toBe(
      '[ascend_context]\naoe_mode="subgraph tuning, operator tuning"\n[graph_kernel_param]\nopt_level=2\n',
    );
    const argv = JSON.parse(readFileSync(join(run.cwd, 'fake_converter_argv.json'), 'utf8'));
    expect(argv).toContain('--optimize=ascend_oriented');
    const manifest = await converterLiteTool.manifest(s, run.outcome.outputs);
    expect(manifest).toMatchObject({ fmk: 'ONNX', aoeMode: s.aoeMode, akg: true, mindir });
    expect(manifest.mindirSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('converts without tuning when no aoe_mode is asked for', async () => {
    const s = step({ model: model('resnet50'), aoeMode: null });
    const run = await runWithStandIn(converterLiteTool, s, { bin, root, env: env() });
    expect(run.outcome).toMatchObject({ ok: true });
    expect(run.outcome.ok && run.outcome.outputs.runFiles).toEqual([]);
  });

  it('TUNER_NOT_FOUND when aoe is not on the PATH it runs with', async () => {
    const s = step({ model: model('resnet50') });
    const run = await runWithStandIn(converterLiteTool, s, {
      bin,
      root,
      env: { PATH: dirname(process.execPath) },
    });
    expect(run.outcome).toMatchObject({ ok: false, code: 'TUNER_NOT_FOUND' });
  });

  it.each([
    ['badshape-resnet50', 'BAD_SHAPE', /input shape/],
    ['unsupported-resnet50', 'UNSUPPORTED_OP', /GridSample/],
    ['nospace-resnet50', 'DISK_FULL', /No space left/],
  ])('%s fails with %s', async (name, code, message) => {
    const run = await runWithStandIn(converterLiteTool, step({ model: model(name) }), {
      bin,
      root,
      env: env(),
    });
    expect(run.outcome).toMatchObject({ ok: false, code, exitCode: 1, message });
  });

  it.each(['CANCELED', 'TIMEOUT'] as const)(
    'a hung conversion is stopped (%s) with its whole process group, the aoe it runs included',
    async (reason) => {
      const s = step({ model: model('resnet50') });
      const stopped = await stopHungStep(
        converterLiteTool,
        s,
        { bin, root, env: { ...env(), FAKE_CONVERTER_MODE: 'hang' } },
        reason,
      );
      expect(stopped.bothRan).toBe(true);
      expect(stopped.run.outcome).toMatchObject({ ok: false, code: reason });
      // The child ignores SIGINT and SIGTERM: only the group's SIGKILL ends it.
      expect(alive(stopped.parent)).toBe(false);
      expect(alive(stopped.child)).toBe(false);
    },
  );

  it('a refused input shape the converter reports is BAD_SHAPE', async () => {
    const s = step({ model: model('resnet50'), inputShape: 'x:1,3,abc' });
    const run = await runWithStandIn(converterLiteTool, s, { bin, root, env: env() });
    expect(run.outcome).toMatchObject({ ok: false, code: 'BAD_SHAPE' });
  });
});
