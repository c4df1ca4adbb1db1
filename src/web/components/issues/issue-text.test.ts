import { describe, expect, test } from 'vitest';
import type { ImportIssue } from '../../../core/formats/types.ts';
import { i18next } from '../../i18n/index.ts';
import { profileFile } from '../../../core/formats/test-files.ts';
import { diagnosticsText } from './diagnostics.ts';
import { issueText } from './issue-text.ts';

const schema: ImportIssue = {
  code: 'SCHEMA_MISMATCH',
  severity: 'error',
  message: 'model_baseline_performance(ms) must be a number',
  path: '/1/OPAT/model_baseline_performance(ms)',
  expected: 'number',
  found: 'string',
};
const wrong: ImportIssue = {
  code: 'WRONG_FORMAT',
  severity: 'warning',
  message: 'The name suggests an AOE result, but the content is a kernel_details table.',
  expected: 'aoe-opat',
  found: 'kernel-details',
  otherFormat: 'kernel-details',
};
const truncated: ImportIssue = {
  code: 'TRUNCATED',
  severity: 'error',
  message: 'The JSON ends early at byte 1234.',
  offset: 1234,
  line: 40,
};
const trace: ImportIssue = {
  code: 'UNKNOWN_FORMAT',
  severity: 'error',
  message: 'This is a profiler timeline.',
  found: 'trace-json',
};

describe('issueText', () => {
  test.each([
    [
      'en',
      schema,
      {
        severity: 'Error',
        message: 'A value does not have the shape this format requires.',
        location: 'at /1/OPAT/model_baseline_performance(ms)',
        detail: 'expected number, found string',
        hint: '',
      },
    ],
    [
      'zh-CN',
      schema,
      {
        severity: '错误',
        message: '某个值不符合该格式的要求。',
        location: '位置 /1/OPAT/model_baseline_performance(ms)',
        detail: '应为 数值，实际为 字符串',
        hint: '',
      },
    ],
    [
      'en',
      wrong,
      {
        severity: 'Warning',
        detail: 'expected AOE operator tuning, found torch_npu kernel_details table',
        hint: 'Recognised from its content as: torch_npu kernel_details table.',
      },
    ],
    [
      'zh-CN',
      wrong,
      {
        detail: '应为 AOE 算子调优，实际为 torch_npu kernel_details 表',
        hint: '按内容识别为：torch_npu kernel_details 表。',
      },
    ],
    [
      'zh-CN',
      { ...schema, expected: 'number,null', found: 'an array of 3' },
      { detail: '应为 数值 / 空值 (null)，实际为 含 3 项的数组' },
    ],
    [
      'zh-CN',
      { ...schema, expected: 'no such field', found: 'an object' },
      { detail: '应为 不应有此字段，实际为 一个对象' },
    ],
    // Values from the file itself are shown as they are.
    [
      'zh-CN',
      { ...schema, expected: 'present', found: '"number"' },
      { detail: '应为 存在该字段，实际为 "number"' },
    ],
    [
      'en',
      { ...schema, expected: 'number,null', found: 'nothing' },
      { detail: 'expected number / null, found nothing' },
    ],
    ['en', truncated, { location: 'line 40 · byte 1234', detail: '' }],
    ['zh-CN', truncated, { location: '第 40 行 · 第 1234 字节' }],
    ['en', trace, { hint: 'Open profiler timelines in Perfetto or MindStudio Insight.' }],
  ] as const)('%s %s', async (lang, issue, expected) => {
    await i18next.changeLanguage(lang);
    const text = issueText(i18next.t.bind(i18next), issue);
    expect(text).toMatchObject(expected);
    expect(text.original).toBe(issue.message);
  });
});

describe('diagnosticsText', () => {
  test('lists the file, its format and every issue with code, place and original message', async () => {
    await i18next.changeLanguage('en');
    const file = { ...profileFile('abc'), ok: false, issues: [truncated] };
    const text = diagnosticsText(i18next.t.bind(i18next), file, '1.2.3');
    expect(text.split('\n')).toEqual([
      'AOE Dashboard 1.2.3 — import diagnostics',
      'file: op_summary_abc.csv',
      'size: 200 bytes',
      'sha-256: abc',
      'format: op-summary (msprof op_summary table, msprof header, CANN 8.x)',
      'header set: msprof-8.x, rows: 0',
      'columns: ',
      'issues: 1',
      '1. [error] TRUNCATED: The file ends early (the tool may still be writing it); everything complete before that point was kept.',
      '   line 40 · byte 1234',
      '   The JSON ends early at byte 1234.',
      '',
    ]);
  });
});
