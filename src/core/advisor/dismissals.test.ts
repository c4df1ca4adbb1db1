import { describe, expect, it } from 'vitest';
import { cleanReason, findingKey, parseDismissal, splitDismissed } from './dismissals.ts';
import { L } from './text.ts';
import type { Finding } from './types.ts';

const finding = (ruleId: string, title: string, fileIds = ['a', 'b']): Finding => ({
  ruleId,
  severity: 'warning',
  impact: 0.2,
  title: L(title, `标题 ${title}`),
  evidence: [],
  why: L('why', '原因'),
  action: { text: L('do', '操作') },
  fileIds,
});

describe('dismissals', () => {
  it('know a finding by rule, files and title, not by its position or language', () => {
    const a = finding('ai-cpu-operators', '16.0 % on the AI CPU');
    const moved: Finding = { ...a, impact: 0.9, evidence: [] };
    expect(findingKey(a)).toBe(findingKey(moved));
    expect(findingKey(a)).not.toBe(findingKey(finding('ai-cpu-operators', '17.0 % on the AI CPU')));
    expect(findingKey(a)).not.toBe(findingKey(finding('ai-cpu-operators', a.title.en, ['a'])));
    expect(findingKey(a)).not.toBe(findingKey(finding('data-rearrangement', a.title.en)));
  });

  it('split findings into shown and dismissed, keeping the ranking, with a map or a record', () => {
    const fs = [finding('r1', 'one'), finding('r2', 'two'), finding('r3', 'three')];
    const d = { reason: 'expected for NMS', at: '2026-11-05T10:00:00.000Z' };
    const record = Object.create(null) as Record<string, typeof d>;
    record[findingKey(fs[1]!)] = d;
    const split = splitDismissed(fs, record);
    expect(split.shown.map((f) => f.ruleId)).toEqual(['r1', 'r3']);
    expect(split.hidden).toEqual([{ finding: fs[1], dismissal: d }]);
    expect(splitDismissed(fs, new Map([[findingKey(fs[0]!), d]])).shown).toHaveLength(2);
    // A key like __proto__ is data: nothing is dismissed by the prototype.
    expect(splitDismissed([finding('__proto__', 'x')], {}).hidden).toEqual([]);
  });

  it('keep a reason on one line, bounded', () => {
    expect(cleanReason('  known:\nNMS\u001b[31m runs on the CPU \t')).toBe(
      'known: NMS [31m runs on the CPU',
    );
    expect(cleanReason('x'.repeat(600))).toHaveLength(500);
  });

  it('read stored dismissals defensively', () => {
    expect(parseDismissal({ reason: 'ok', at: '2026-11-05T10:00:00.000Z' })).toEqual({
      reason: 'ok',
      at: '2026-11-05T10:00:00.000Z',
    });
    for (const bad of [null, 'x', 3, {}, { reason: 1, at: 'x' }, { reason: 'x' }])
      expect(parseDismissal(bad)).toBeNull();
  });
});
