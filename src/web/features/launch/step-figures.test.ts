// What a measuring step's line says it measured: a figure the tool did not print (MindSpore Lite's
// benchmark prints no percentiles) is "not reported", never "P99 — ms".
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../i18n/index.ts';
import { figuresText } from './job-detail.tsx';
import './pipeline-strings.ts';
import { LAUNCH_NS } from './strings.ts';

const t = (key: string, o?: Record<string, unknown>) => i18next.t(key, { ns: LAUNCH_NS, ...o });

afterEach(async () => {
  await i18next.changeLanguage('en');
});

describe('figuresText', () => {
  it('says the mean, P99 and throughput a tool measured', async () => {
    await i18next.changeLanguage('en');
    expect(figuresText({ mean: 3.21, p99: 3.9 }, 311.46, t)).toBe(
      'Mean 3.210 ms · P99 3.900 ms · 311.5 /s',
    );
  });

  it('says "not reported" for a P99 the tool did not print, and leaves out a missing throughput', async () => {
    await i18next.changeLanguage('en');
    expect(figuresText({ mean: 1.5, p99: null }, null, t)).toBe('Mean 1.500 ms · P99 not reported');
    expect(figuresText({ mean: null, p99: null }, undefined, t)).toBe(
      'Mean not reported · P99 not reported',
    );
  });

  it('speaks zh-CN', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(figuresText({ mean: 1.5, p99: null }, 666.7, t)).toBe(
      '平均 1.500 ms · 未报告 P99 · 666.7 /s',
    );
  });
});
