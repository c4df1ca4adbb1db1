import { describe, expect, it } from 'vitest';
import { findingKey } from '../../../core/advisor/dismissals.ts';
import type { Finding } from '../../../core/advisor/types.ts';
import { evidenceTarget } from './evidence-link.ts';
import { sharedAdvice } from './advice-input.ts';

const run = { reportId: 'r1', taskIndex: 2, taskName: 'yolov5s' };

describe('evidence links', () => {
  it('lead to the run summary for the task, to the filtered operators for an operator', () => {
    expect(
      evidenceTarget(
        { fileId: 'r1', table: 'operators', name: 'yolov5s' },
        { run, profiles: true },
      ),
    ).toEqual({
      pathname: '/run/r1/2',
      search: '?tab=summary',
      focus: '#run-panel-summary',
    });
    const op = evidenceTarget(
      { fileId: 'r1', table: 'operators', name: 'Conv_7 & <x>' },
      { run, profiles: true },
    );
    expect(op?.pathname).toBe('/run/r1/2');
    expect(new URLSearchParams(op?.search).get('ops.q')).toBe('Conv_7 & <x>');
    expect(new URLSearchParams(op?.search).get('tab')).toBe('operators');
  });

  it('lead to the profile kernel rows of a name, or its type table; nowhere when not reachable', () => {
    const p = evidenceTarget(
      { fileId: 'p/1', table: 'profile', row: 3, name: 'NonMaxSuppressionV3' },
      { run, profiles: true },
    );
    expect(p).toEqual({
      pathname: '/profile/p%2F1',
      search: '?ops.q=NonMaxSuppressionV3',
      focus: '[data-testid="profile-operators"]',
    });
    expect(evidenceTarget({ fileId: 'p', table: 'profile' }, { run, profiles: true })?.search).toBe(
      '',
    );
    // A shared session carries no profile rows; another report is not on this page.
    expect(
      evidenceTarget({ fileId: 'p', table: 'profile', name: 'x' }, { run, profiles: false }),
    ).toBeNull();
    expect(
      evidenceTarget({ fileId: 'r9', table: 'operators', name: 'x' }, { run, profiles: true }),
    ).toBeNull();
    expect(
      evidenceTarget({ fileId: 'm', table: 'measurements', row: 0 }, { run, profiles: true }),
    ).toBeNull();
    expect(evidenceTarget(undefined, { run, profiles: true })).toBeNull();
  });
});

describe('shared advice', () => {
  it('names the dismissed findings by their index, with the reason', () => {
    const f = (ruleId: string): Finding => ({
      ruleId,
      severity: 'info',
      impact: 0,
      title: { en: ruleId, 'zh-CN': ruleId },
      evidence: [],
      why: { en: '', 'zh-CN': '' },
      action: { text: { en: '', 'zh-CN': '' } },
      fileIds: ['r1'],
    });
    const findings = [f('a'), f('b'), f('c')];
    const dismissals = Object.create(null) as Record<string, { reason: string; at: string }>;
    dismissals[findingKey(findings[2]!)] = { reason: 'known', at: 'now' };
    dismissals['gone|x|y'] = { reason: 'a finding no longer there', at: 'now' };
    expect(sharedAdvice(findings, dismissals)).toEqual({ findings, dismissed: [[2, 'known']] });
  });
});
