// The job form's logic without rendering: which fields each preset sends, what the request schema
// (the launcher's own) says of typed values, and which host-check items make a preset impossible.
import { describe, expect, it } from 'vitest';
import type { Preflight } from '../../lib/launcher-client.ts';
import {
  blockingItems,
  buildRequest,
  modelSuits,
  PRESET_FIELDS,
  type FormValues,
} from './form-model.ts';

const t = (key: string, opts?: Record<string, unknown>) =>
  opts && Object.keys(opts).some((k) => k !== 'defaultValue')
    ? `${key} ${JSON.stringify(Object.fromEntries(Object.entries(opts).filter(([k]) => k !== 'defaultValue')))}`
    : key;

const BASE: FormValues = {
  preset: 'full',
  model: 'resnet50.onnx',
  subgraph: false,
  operator: true,
  device: '0',
  framework: '',
  inputShape: 'x:1,3,224,224',
  inputFormat: '',
  dynamicBatchSize: '1,4,8',
  soc: '',
  outputType: '',
  loop: '100',
  warmup: '5',
  batchSize: '',
  aoeMode: '',
  akg: false,
  options: 'log=info',
  bank: '',
  repeatTune: false,
  timeout: '',
  tuneOps: '',
};

describe('buildRequest', () => {
  it('sends a preset with the fields its steps read', () => {
    const { body, errors } = buildRequest(BASE, t);
    expect(errors).toEqual({});
    expect(body).toEqual({
      model: 'resnet50.onnx',
      preset: 'full',
      device: 0,
      inputShape: 'x:1,3,224,224',
      dynamicBatchSize: '1,4,8',
      loop: 100,
      warmupCount: 5,
      options: { log: 'info' },
    });
  });

  it('leaves out what the preset does not use', () => {
    const { body } = buildRequest({ ...BASE, preset: 'measure', model: 'm.om' }, t);
    expect(body).toEqual({
      model: 'm.om',
      preset: 'measure',
      device: 0,
      loop: 100,
      warmupCount: 5,
    });
    const aoe = buildRequest({ ...BASE, preset: 'aoe', subgraph: true }, t).body;
    expect(aoe).toEqual({
      model: 'resnet50.onnx',
      jobTypes: [1, 2],
      device: 0,
      inputShape: 'x:1,3,224,224',
      options: { log: 'info' },
    });
  });

  it.each([
    ['loop', { loop: '0' }, 'loop', 'hint.loop'],
    ['loop', { loop: '1.5' }, 'loop', 'hint.loop'],
    ['dynamicBatchSize', { dynamicBatchSize: '1, 4' }, 'dynamicBatchSize', 'hint.dynamicBatchSize'],
    ['soc', { soc: 'Ascend310P3; id' }, 'soc', 'hint.soc'],
    ['device', { device: '64' }, 'device', 'hint.device'],
    ['inputShape', { inputShape: 'x:1,3,$(id)' }, 'inputShape', 'hint.inputShape'],
    ['timeout', { timeout: '0' }, 'timeout', 'hint.timeout'],
  ])('checks %s with the request schema before anything is sent', (_n, change, field, message) => {
    const { errors } = buildRequest({ ...BASE, ...change }, t);
    expect(errors[field as keyof typeof errors]).toEqual([message]);
  });

  it('says when the model does not suit the preset, and when no tuning type is chosen', () => {
    expect(buildRequest({ ...BASE, preset: 'measure' }, t).errors.model).toEqual([
      'pform.measureNeedsOm',
    ]);
    expect(buildRequest({ ...BASE, model: 'm.om' }, t).errors.model).toEqual([
      'pform.convertNeedsFramework',
    ]);
    const none = buildRequest({ ...BASE, preset: 'aoe', operator: false }, t).errors;
    expect(none.jobTypes?.[0]).toBe('pform.noJobType');
  });

  it('reports bad option lines (a __proto__ name among them) and tune_ops JSON', () => {
    const { errors, body } = buildRequest(
      { ...BASE, options: 'log=info\n--bad name\n__proto__=x', tuneOps: '{oops' },
      t,
    );
    expect(errors.options).toEqual(['form.badLine {"line":2}', 'form.badLine {"line":3}']);
    expect(errors.tuneOps).toEqual(['form.badJson']);
    expect(Object.getPrototypeOf(body.options)).toBe(Object.prototype);
    expect(Object.keys(body.options as object)).toEqual(['log']);
  });
});

describe('the MindSpore Lite preset', () => {
  it('sends the shape, the AOE mode, AKG and the loops, and nothing atc or ais_bench read', () => {
    const { body, errors } = buildRequest(
      { ...BASE, preset: 'mslite', aoeMode: 'operator tuning', akg: true, batchSize: '8' },
      t,
    );
    expect(errors).toEqual({});
    expect(body).toEqual({
      model: 'resnet50.onnx',
      preset: 'mslite',
      device: 0,
      inputShape: 'x:1,3,224,224',
      aoeMode: 'operator tuning',
      akg: true,
      loop: 100,
      warmupCount: 5,
    });
  });

  it('leaves aoeMode to the launcher (both) when not chosen, and refuses one it does not know', () => {
    expect(buildRequest({ ...BASE, preset: 'mslite' }, t).body).not.toHaveProperty('aoeMode');
    const bad = buildRequest(
      { ...BASE, preset: 'mslite', aoeMode: 'subgraph tuning"\n[graph_kernel_param]' },
      t,
    );
    expect(Object.keys(bad.errors)).toEqual(['aoeMode']);
  });

  it('converts a framework model, not an .om', () => {
    expect(modelSuits('m.onnx', 'mslite')).toBe(true);
    expect(modelSuits('m.om', 'mslite')).toBe(false);
  });

  it('is blocked while converter_lite, benchmark or the aoe it runs is missing', () => {
    const items: Preflight['items'] = [
      { id: 'aoe', status: 'ok', message: '' },
      { id: 'atc', status: 'warning', message: 'atc was not found' },
      { id: 'converterLite', status: 'warning', message: 'not found' },
      { id: 'msliteBenchmark', status: 'ok', message: '' },
    ];
    const pf = { ok: true, items, helpOptions: null, devices: [] };
    expect(blockingItems(pf, 'mslite').map((i) => i.id)).toEqual(['converterLite']);
    const noAoe = { ...pf, items: [{ id: 'aoe' as const, status: 'error' as const, message: '' }] };
    expect(blockingItems(noAoe, 'mslite').map((i) => i.id)).toEqual(['aoe']);
  });
});

describe('presets', () => {
  it('ask for their own fields', () => {
    expect(PRESET_FIELDS.measure.has('inputShape')).toBe(false);
    expect(PRESET_FIELDS.measure.has('loop')).toBe(true);
    expect(PRESET_FIELDS.aoe.has('loop')).toBe(false);
    expect(PRESET_FIELDS.full.has('dynamicBatchSize')).toBe(true);
    expect(PRESET_FIELDS['convert-measure'].has('options')).toBe(false);
  });

  it('pick models by kind', () => {
    expect(modelSuits('a/b.OM', 'measure')).toBe(true);
    expect(modelSuits('a/b.onnx', 'measure')).toBe(false);
    expect(modelSuits('a/b.onnx', 'full')).toBe(true);
    expect(modelSuits('a/b.om', 'convert-measure')).toBe(false);
    expect(modelSuits('a/b.om', 'profile')).toBe(true);
    expect(modelSuits('a/b.onnx', 'profile')).toBe(false);
  });
});

describe('blockingItems', () => {
  const pf = (items: Preflight['items']): Preflight => ({
    ok: !items.some((i) => i.status === 'error'),
    items,
    helpOptions: null,
    devices: [],
  });
  const ids = (p: Preflight, preset: Parameters<typeof blockingItems>[1]) =>
    blockingItems(p, preset).map((i) => i.id);

  it('blocks AOE presets while aoe is missing, not the measuring ones', () => {
    const p = pf([
      { id: 'aoe', status: 'error', message: 'aoe was not found' },
      { id: 'help', status: 'error', message: '' },
      { id: 'atc', status: 'ok', message: '' },
      { id: 'python3', status: 'ok', message: '' },
      { id: 'aisBench', status: 'ok', message: '' },
      { id: 'ram', status: 'warning', message: '' },
    ]);
    expect(ids(p, 'aoe')).toEqual(['aoe', 'help']);
    expect(ids(p, 'full')).toEqual(['aoe', 'help']);
    expect(ids(p, 'convert-measure')).toEqual([]);
    expect(ids(p, 'measure')).toEqual([]);
  });

  it('blocks a preset whose tool is missing (a warning item of its own), and on device errors', () => {
    const p = pf([
      { id: 'aoe', status: 'ok', message: '' },
      { id: 'atc', status: 'warning', message: 'atc was not found' },
      { id: 'aisBench', status: 'warning', message: 'not installed' },
      { id: 'devices', status: 'error', message: 'npu-smi info failed' },
    ]);
    expect(ids(p, 'aoe')).toEqual(['devices']);
    expect(ids(p, 'measure')).toEqual(['aisBench', 'devices']);
    expect(ids(p, 'convert-measure')).toEqual(['atc', 'aisBench', 'devices']);
  });

  it('blocks Profile only while msprof is missing, not Measure only', () => {
    const p = pf([
      { id: 'python3', status: 'ok', message: '' },
      { id: 'aisBench', status: 'ok', message: '' },
      { id: 'msprof', status: 'warning', message: 'msprof was not found' },
    ]);
    expect(ids(p, 'profile')).toEqual(['msprof']);
    expect(ids(p, 'measure')).toEqual([]);
  });

  it('blocks nothing before the check answers or for items an older launcher does not send', () => {
    expect(blockingItems(null, 'full')).toEqual([]);
    expect(ids(pf([{ id: 'aoe', status: 'ok', message: '' }]), 'full')).toEqual([]);
  });
});
