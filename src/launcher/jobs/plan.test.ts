// TUNE_BANK_PATH is confined like every other path a job request names: a directory inside the
// models root, after symlinks are resolved.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planJob } from './plan.ts';

let root: string;
let models: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'aoe-plan-'));
  models = join(root, 'models');
  mkdirSync(join(models, 'banks', 'team'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(models, 'resnet50.onnx'), 'onnx\n');
  writeFileSync(join(models, 'banks', 'file'), 'not a dir\n');
  symlinkSync(join(root, 'elsewhere'), join(models, 'banks', 'link-out'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const plan = (bank: string) =>
  planJob({ model: 'resnet50.onnx', jobTypes: [2], env: { TUNE_BANK_PATH: bank } }, models, null);

describe('TUNE_BANK_PATH', () => {
  it('is accepted inside the models root, resolved', () => {
    const p = plan(join(models, 'banks', 'team'));
    expect(p.ok && p.plan.bank).toBe(realpathSync(join(models, 'banks', 'team')));
  });

  it.each([
    ['outside the models root', () => join(root, 'elsewhere')],
    ['a link inside that points out', () => join(models, 'banks', 'link-out')],
    ['a path that climbs out', () => join(models, '..', 'elsewhere')],
    ['missing', () => join(models, 'banks', 'nope')],
    ['a file', () => join(models, 'banks', 'file')],
  ])('is refused when %s', (_name, bank) => {
    const p = plan(bank());
    expect(p.ok).toBe(false);
    expect(p.ok ? [] : p.errors).toContainEqual(
      expect.objectContaining({ code: 'BAD_PATH', field: '/env/TUNE_BANK_PATH' }),
    );
  });

  it('leaves a job without one alone', () => {
    const p = planJob({ model: 'resnet50.onnx', jobTypes: [2] }, models, null);
    expect(p.ok && p.plan.bank).toBeNull();
  });
});
