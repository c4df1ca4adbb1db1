import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atcTool, buildAtcArgv, socOf, type AtcStep } from './atc.ts';
import { fixture, runWithStandIn, tempDir } from './step-testing.ts';
import { checkToolOption } from './tool.ts';

const step = (over: Partial<AtcStep> = {}): AtcStep => ({
  model: '/models/resnet50.onnx',
  framework: 5,
  weight: null,
  soc: 'Ascend310P3',
  options: [],
  ...over,
});

describe('buildAtcArgv', () => {
  it('emits the fields as --opt=value, then the checked options, values verbatim', () => {
    const argv = buildAtcArgv(
      step({
        inputShape: 'x:1,3,224,224',
        inputFormat: 'NCHW',
        dynamicBatchSize: '1,2,4',
        outputType: 'FP16',
        options: [
          ['precision_mode', 'allow_fp32_to_fp16'],
          ['log', 'error'],
        ],
      }),
      '/job/step/output/resnet50',
    );
    expect(argv).toEqual([
      '--framework=5',
      '--model=/models/resnet50.onnx',
      '--output=/job/step/output/resnet50',
      '--soc_version=Ascend310P3',
      '--input_shape=x:1,3,224,224',
      '--input_format=NCHW',
      '--dynamic_batch_size=1,2,4',
      '--output_type=FP16',
      '--precision_mode=allow_fp32_to_fp16',
      '--log=error',
    ]);
  });

  it('passes the Caffe weight', () => {
    const argv = buildAtcArgv(step({ framework: 0, weight: '/models/a.caffemodel' }), '/o/a');
    expect(argv).toContain('--weight=/models/a.caffemodel');
  });
});

describe('atc options', () => {
  it.each([
    ['precision_mode', 'force_fp16', { ok: true, fileOption: false }],
    ['precision_mode_v2', 'mixed_float16', { ok: true, fileOption: false }],
    ['insert_op_conf', 'aipp.cfg', { ok: true, fileOption: true }],
    ['soc_version', 'Ascend910B3', { ok: false, reason: 'field' }],
    ['output', '/etc/passwd', { ok: false, reason: 'field' }],
    ['op_bank_path', '/tmp', { ok: false, reason: 'unknown' }],
    ['mode', '3', { ok: false, reason: 'unknown' }],
    ['out_nodes', 'a;$(id)', { ok: false, reason: 'value' }],
  ])('%s=%j', (name, value, expected) => {
    expect(checkToolOption(atcTool, name, value, null)).toEqual(expected);
  });

  it('refuses a documented option this host’s atc --help does not list', () => {
    const help = new Set(atcTool.help?.parse('  --model  m\n  --log LEVEL\n  -h, --help') ?? []);
    expect([...help]).toEqual(['log', 'model']);
    expect(checkToolOption(atcTool, 'precision_mode', 'force_fp16', help)).toEqual({
      ok: false,
      reason: 'not-in-help',
    });
  });
});

describe('atc invocation', () => {
  it('refuses a planned option this host’s atc --help does not list, before atc starts', () => {
    const inv = atcTool.invocation(step({ options: [['precision_mode_v2', 'fp16']] }), {
      cwd: '/nonexistent',
      env: {},
      help: new Set(['model', 'precision_mode']),
    });
    expect(inv).toMatchObject({ ok: false, code: 'BAD_OPTION' });
  });
});

describe('atc lines', () => {
  it.each([
    ['ATC run success, welcome to the next use.', { kind: 'success' }],
    [
      'E10001: Value [x:1,3] for parameter [--input_shape] is invalid. Reason: the shape does not match.',
      { kind: 'failure', code: 'BAD_SHAPE' },
    ],
    [
      'E10016: Parameter [--precision_mode_v2] is not supported.',
      { kind: 'failure', code: 'BAD_OPTION', detail: 'precision_mode_v2' },
    ],
    [
      'E19999: Inner Error! write file failed: No space left on device',
      { kind: 'failure', code: 'DISK_FULL' },
    ],
    [
      "ATC run failed, Please check the detail log, Try 'atc --help' for more information",
      { kind: 'failure', code: 'TOOL_FAILED' },
    ],
    ['ATC start working now, please wait for a moment.', null],
  ])('%s', (line, expected) => {
    const ev = atcTool.parseLine(line);
    if (expected === null) expect(ev).toBeNull();
    else expect(ev).toMatchObject(expected);
  });
});

describe('socOf', () => {
  it('takes the SoC npu-smi reports for the device', () => {
    const info = {
      devices: [
        { device: 0, soc: 'Ascend310P3' },
        { device: 1, soc: 'Ascend910B3' },
      ],
    };
    expect(socOf(info, 1)).toBe('Ascend910B3');
    expect(socOf(info, 4)).toBeNull();
    expect(socOf(null, 0)).toBeNull();
  });
});

describe('atc against its stand-in', () => {
  let root: string;
  const bin = fixture('fake-atc/atc');
  beforeEach(() => {
    root = tempDir('aoe-atc-');
    mkdirSync(join(root, 'models'));
    for (const m of ['resnet50', 'badshape-resnet50', 'nospace-resnet50', 'fail-resnet50']) {
      writeFileSync(join(root, 'models', `${m}.onnx`), `onnx ${m}\n`);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const model = (name: string) => join(root, 'models', `${name}.onnx`);

  it('builds the baseline .om, with the tuned knowledge base when TUNE_BANK_PATH is given', async () => {
    const bank = join(root, 'models', 'bank');
    mkdirSync(bank);
    const run = await runWithStandIn(atcTool, step({ model: model('resnet50'), bank }), {
      bin,
      root,
      env: { TUNE_BANK_PATH: '/elsewhere' },
    });
    expect(run.outcome.ok).toBe(true);
    if (!run.outcome.ok) return;
    const om = join(run.cwd, 'output', 'resnet50.om');
    expect(run.outcome.outputs.model).toBe(om);
    expect(readFileSync(om, 'utf8')).toContain(`with bank ${bank}`);
    expect(run.outcome.env.TUNE_BANK_PATH).toBe(bank);
    expect(run.events[0]).toEqual([
      'phase',
      expect.objectContaining({ phase: 'start', tool: 'atc', step: 0 }),
    ]);
    const manifest = await atcTool.manifest(
      step({ model: model('resnet50'), bank }),
      run.outcome.outputs,
    );
    expect(manifest).toMatchObject({ soc: 'Ascend310P3', bank, om });
    expect(manifest.omSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never passes on a TUNE_BANK_PATH the step was not planned with', async () => {
    const run = await runWithStandIn(atcTool, step({ model: model('resnet50') }), {
      bin,
      root,
      env: { TUNE_BANK_PATH: '/elsewhere' },
    });
    expect(run.outcome.ok && run.outcome.env.TUNE_BANK_PATH).toBe(undefined);
  });

  it('finds the _<os>_<arch> model of a dynamic batch size', async () => {
    const run = await runWithStandIn(
      atcTool,
      step({ model: model('resnet50'), dynamicBatchSize: '1,2,4' }),
      { bin, root },
    );
    expect(run.outcome.ok && run.outcome.outputs.model).toBe(
      join(run.cwd, 'output', 'resnet50_linux_x86_64.om'),
    );
  });

  it.each([
    ['badshape-resnet50', 'BAD_SHAPE', /input_shape/],
    ['nospace-resnet50', 'DISK_FULL', /No space left/],
    ['fail-resnet50', 'TOOL_FAILED', /exit code 255/],
  ])('%s fails with %s', async (name, code, message) => {
    const run = await runWithStandIn(atcTool, step({ model: model(name) }), { bin, root });
    expect(run.outcome).toMatchObject({ ok: false, code, exitCode: 255, message });
  });

  it('BAD_OPTION for an option this CANN does not know, and without a SoC', async () => {
    const run = await runWithStandIn(
      atcTool,
      step({ model: model('resnet50'), options: [['precision_mode_v2', 'fp16']] }),
      { bin, root, env: { FAKE_ATC_UNSUPPORTED: 'precision_mode_v2' } },
    );
    expect(run.outcome).toMatchObject({ ok: false, code: 'BAD_OPTION' });
    const noSoc = await runWithStandIn(atcTool, step({ model: model('resnet50'), soc: null }), {
      bin,
      root,
    });
    expect(noSoc.outcome).toMatchObject({ ok: false, code: 'BAD_OPTION', exitCode: null });
  });

  it('stops a hanging atc when canceled', async () => {
    const ctl = { stopReason: null, stop: null } as Parameters<typeof runWithStandIn>[2]['ctl'] &
      object;
    const pending = runWithStandIn(atcTool, step({ model: model('resnet50') }), {
      bin,
      root,
      env: { FAKE_ATC_MODE: 'hang' },
      ctl,
    });
    const until = Date.now() + 10_000;
    while (ctl.stop === null && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    ctl.stopReason = 'CANCELED';
    await ctl.stop?.();
    expect((await pending).outcome).toMatchObject({ ok: false, code: 'CANCELED' });
  });
});
