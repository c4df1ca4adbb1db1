// Detection of profiler tables by content (the header set of the first line), with the file name
// as a hint. Cheap and total: a string scan of the head, never a throw.

import type { CsvProfileFormat } from './header.ts';
import type { SniffInput, SniffScore } from '../types.ts';
import { formatOfHeader, headerOfHead, nameMatches } from './header.ts';

export function sniffTable(input: SniffInput, format: CsvProfileFormat, name: RegExp): SniffScore {
  const nameFits = nameMatches(input.fileName, name);
  const content =
    !input.head.includes('\u0000') && formatOfHeader(headerOfHead(input.head)) === format;
  if (content) return nameFits ? 3 : 2;
  return nameFits ? 1 : 0;
}
