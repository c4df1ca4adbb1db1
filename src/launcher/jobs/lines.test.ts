import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lines.ts';

function split(chunks: readonly string[]): string[] {
  const s = new LineSplitter();
  return [...chunks.flatMap((c) => s.push(c)), ...s.flush()];
}

describe('LineSplitter', () => {
  it.each([
    ['\\n', ['a\nb\n'], ['a', 'b']],
    ['\\r (progress bar redraws)', ['\r[#  ] 33%\r[## ] 66%\n'], ['', '[#  ] 33%', '[## ] 66%']],
    ['\\r\\n once', ['a\r\nb\r\n'], ['a', 'b']],
    ['\\r\\n split across chunks', ['a\r', '\nb\n'], ['a', 'b']],
    ['\\r then text in the next chunk', ['a\r', 'b\n'], ['a', 'b']],
    ['a line across chunks', ['Aoe pro', 'cess finished\n'], ['Aoe process finished']],
    ['unterminated tail', ['a\nlast'], ['a', 'last']],
    ['empty lines kept', ['\n\n'], ['', '']],
  ])('splits on %s', (_name, chunks, expected) => {
    expect(split(chunks)).toEqual(expected);
  });
});
