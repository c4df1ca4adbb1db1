import { describe, expect, it } from 'vitest';
import { parseLine } from './progress-parser.ts';

describe('parseLine', () => {
  it.each([
    // The documented end lines (AOE-CLI.md §4.2).
    [
      'resnet50 process finished. Performance improved by 35.35%',
      { kind: 'success', improvementPct: 35.35 },
    ],
    ['Aoe process finished', { kind: 'success', improvementPct: null }],
    ['[Aoe]Aoe process finished,cost time 1109s.', { kind: 'success', improvementPct: null }],
    [
      'bert process finished. Performance improved by -1.5%',
      { kind: 'success', improvementPct: -1.5 },
    ],
    // Failures the launcher turns into codes.
    [
      '[ERROR] AOE(12): option --precision_mode_v2 is not supported',
      { kind: 'bad-option', option: '--precision_mode_v2' },
    ],
    ['unrecognized arguments: --foo', { kind: 'bad-option', option: '--foo' }],
    ['[ERROR] TUNE_BANK_PATH "/x" does not exist', { kind: 'bank-invalid' }],
    ['[ERROR] TUNING_ERROR: runner error 3001 NO_SPACE', { kind: 'no-space' }],
    ["Error: ENOSPC: no space left on device, write 'aoe_result_opat.json'", { kind: 'no-space' }],
    // Progress and phases.
    ['[####      ] 40%', { kind: 'percent', pct: 40 }],
    ['[Aoe] parse model and partition subgraphs', { kind: 'phase', phase: 'prepare' }],
    ['[Aoe] compiling graph', { kind: 'phase', phase: 'compile' }],
    ['[Aoe] operator Conv_0 tuned (1/4)', { kind: 'phase', phase: 'tune' }],
  ])('%s', (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it.each([
    '',
    'some ordinary log line',
    'Aoe process started',
    '[##########] 250%',
    'TUNE_BANK_PATH=/data/bank',
    'process finished',
  ])('ignores %j', (line) => {
    expect(parseLine(line)).toBeNull();
  });
});
