import { describe, expect, it } from 'vitest';
import { changeSize, changeSizeText, changeTextEn, DIFF_GLYPH } from './change-words.ts';
import { diffValues, labelDiff } from './compare.ts';

const NO_FLOOR = { pct: 0, abs: 0 };

describe('change words', () => {
  it('reads ▼ for faster and ▲ for slower, always with the word', () => {
    const faster = labelDiff(diffValues(100, 53.51), NO_FLOOR);
    const slower = labelDiff(diffValues(10, 95.138), NO_FLOOR);
    expect(changeTextEn(faster, '46.49 µs')).toBe('▼ 46.49 µs faster');
    expect(changeTextEn(slower, '9.51×')).toBe('▲ 9.51× slower');
    expect(changeTextEn('neutral', '')).toBe('= unchanged');
    expect(changeTextEn('regression', '', 'quality')).toBe('▲ worse');
    expect(DIFF_GLYPH).toEqual({ improvement: '▼', regression: '▲', neutral: '=' });
  });

  it('gives a percentage of the baseline below 2× and a factor from 2× on', () => {
    expect(changeSize(113.589, 113.237)).toEqual({ kind: 'pct', value: expect.closeTo(0.31, 2) });
    expect(changeSize(100, 199)).toEqual({ kind: 'pct', value: expect.closeTo(99, 6) });
    // AOE stated "-851.38%" for 10 → 95.138 µs: the time grew 9.51-fold.
    expect(changeSizeText(changeSize(10, 95.138))).toBe('9.51×');
    expect(changeSizeText(changeSize(124, 14))).toBe('8.86×');
    expect(changeSizeText(changeSize(100, 51))).toBe('49.00%');
    expect(changeSizeText(changeSize(100, 50))).toBe('2.00×');
  });

  it('has no size without two usable times', () => {
    expect(changeSize(null, 1)).toBeNull();
    expect(changeSize(0, 1)).toBeNull();
    expect(changeSize(1, Number.NaN)).toBeNull();
    expect(changeSize(-1, 1)).toBeNull();
    expect(changeSizeText(null)).toBe('—');
    // Down to nothing is all of the time saved.
    expect(changeSizeText(changeSize(5, 0))).toBe('100.00%');
  });
});
