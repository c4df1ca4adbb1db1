import { describe as group, expect, it } from 'vitest';
import { validate, MAX_SCHEMA_ISSUES } from './index.ts';

const goodFile = {
  file: 'a.json',
  format: 'aoe-opat',
  ok: true,
  issues: [],
  tasks: [
    {
      name: 'resnet50',
      kind: 'opat',
      status: 'succeeded',
      tuningTimeS: 10,
      baselineMs: 2,
      tunedMs: 1,
      improvementPct: 100,
      repoSummary: null,
      operators: [],
      failedOperators: [],
    },
  ],
};

group('validate', () => {
  it('accepts a valid document', () => {
    expect(validate('inspect-output.v1', { files: [goodFile] })).toEqual([]);
  });

  it('points at the offending value and says what was expected and found', () => {
    const bad = { files: [{ ...goodFile, tasks: [{ ...goodFile.tasks[0], baselineMs: '2 ms' }] }] };
    const issues = validate('inspect-output.v1', bad);
    expect(issues[0]).toMatchObject({
      code: 'SCHEMA_MISMATCH',
      severity: 'error',
      path: '/files/0/tasks/0/baselineMs',
      expected: 'number,null',
      found: '"2 ms"',
    });
  });

  it('names a missing field by its own pointer', () => {
    const issues = validate('inspect-output.v1', {
      files: [{ file: 'x', format: 'unknown', ok: true }],
    });
    expect(issues.map((i) => i.path)).toContain('/files/0/issues');
  });

  it('caps the list of problems', () => {
    const files = Array.from({ length: 50 }, () => ({ file: 1, format: 'x', ok: 'no', issues: 3 }));
    const issues = validate('inspect-output.v1', { files });
    expect(issues).toHaveLength(MAX_SCHEMA_ISSUES + 1);
    expect(issues.at(-1)?.message).toMatch(/more schema problems/);
  });
});
