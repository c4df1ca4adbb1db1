import { describe, expect, it } from 'vitest';
import { formatBytes, formatPct, numberFormats, NO_VALUE } from './number-format.ts';

describe('numberFormats', () => {
  const en = numberFormats('en');

  it('reads a missing or non-finite value as a dash in every format', () => {
    for (const format of Object.values(en)) {
      expect(format(null)).toBe(NO_VALUE);
      expect(format(undefined)).toBe(NO_VALUE);
      expect(format(Number.NaN)).toBe(NO_VALUE);
      expect(format(Number.POSITIVE_INFINITY)).toBe(NO_VALUE);
    }
  });

  it('keeps fixed decimals where columns must line up', () => {
    expect(en.ms(113.5)).toBe('113.500 ms');
    expect(en.usFixed(12.3)).toBe('12.30');
    expect(en.us(12.3)).toBe('12.3');
    expect(en.times(1.5)).toBe('1.500×');
    expect(en.pct1(35.35)).toBe('35.4%');
    expect(en.pct(-0.71)).toBe('-0.71%');
    expect(en.share(0.25)).toBe('25.0%');
    expect(en.int(1234567.4)).toBe('1,234,567');
    expect(en.signedUs(1.5)).toBe('+1.5');
    expect(en.signedUs(0)).toBe('0');
  });

  it('groups digits in the UI language', () => {
    expect(numberFormats('zh-CN').usFixed(12345.6)).toBe('12,345.60');
    expect(numberFormats('de').usFixed(12345.6)).toBe('12.345,60');
  });
});

describe('formatBytes / formatPct', () => {
  it('uses binary multiples and a sign on gains', () => {
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatPct(35.35, 'en')).toBe('+35.35%');
    expect(formatPct(-0.71, 'en')).toBe('-0.71%');
  });
});
