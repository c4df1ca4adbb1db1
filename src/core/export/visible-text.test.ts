import { describe, expect, test } from 'vitest';
import { showControls, terminalJson, terminalLines } from './visible-text.ts';

describe('showControls', () => {
  test.each([
    ['plain text and CJK 算子 stay as they are', 'Conv2D_1 算子 µs', 'Conv2D_1 算子 µs'],
    ['ESC and BEL (OSC retitle)', '\u001b]0;x\u0007', '\\x1b]0;x\\x07'],
    ['CR and LF', 'a\r\nb', 'a\\x0d\\x0ab'],
    ['TAB, NUL and DEL', '\t\u0000\u007f', '\\x09\\x00\\x7f'],
    ['C1 CSI', '\u009b2J', '\\x9b2J'],
    ['bidi override and isolate', '\u202egnp\u2066', '\\u202egnp\\u2066'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
  ])('%s', (_what, input, shown) => {
    expect(showControls(input)).toBe(shown);
  });

  test('terminal lines: a value cannot add a line', () => {
    expect(terminalLines(['OK  a\nOK  b', 'x'])).toBe('OK  a\\x0aOK  b\nx\n');
  });

  test('terminal JSON: the same data, with C1 and bidi characters escaped', () => {
    const value = { name: '\u009b\u202e\u001b' };
    const json = terminalJson(JSON.stringify(value));
    expect(json).toBe('{"name":"\\u009b\\u202e\\u001b"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
