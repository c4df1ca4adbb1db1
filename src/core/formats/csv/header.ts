// Header-set detection and the column alias map (FORMATS.md B.12). The table of aliases and
// header sets is data (header-sets.json, validated against schemas/profile-header-sets): adding a
// tool version means adding an entry there, not code.

import headerSetsData from './header-sets.json' with { type: 'json' };

export type ColumnKind = 'string' | 'shape' | 'number' | 'timestamp' | 'id';

export interface ColumnSpec {
  readonly aliases: readonly string[];
  readonly kind: string;
  readonly unit?: string;
}

export interface HeaderSetRule {
  readonly id: string;
  readonly format: string;
  readonly description: string;
  readonly all: readonly string[];
  readonly any: readonly (readonly string[])[];
  readonly none: readonly string[];
}

/** The profile formats that are CSV tables with header sets. */
export type CsvProfileFormat = 'op-summary' | 'kernel-details' | 'op-statistic';

export interface HeaderSetsTable {
  readonly version: number;
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  readonly required: Readonly<Record<CsvProfileFormat, readonly string[]>>;
  readonly headerSets: readonly HeaderSetRule[];
}

export const HEADER_SETS: HeaderSetsTable = headerSetsData;

export interface HeaderSet {
  readonly id: string;
  readonly format: CsvProfileFormat;
}

const FORMATS: readonly CsvProfileFormat[] = ['op-summary', 'kernel-details', 'op-statistic'];

function asFormat(value: string): CsvProfileFormat | null {
  return (FORMATS as readonly string[]).includes(value) ? (value as CsvProfileFormat) : null;
}

/** The first header set whose rules hold for these header names, or null. */
export function detectHeaderSet(header: readonly string[]): HeaderSet | null {
  const names = new Set(header);
  for (const rule of HEADER_SETS.headerSets) {
    if (!rule.all.every((n) => names.has(n))) continue;
    if (!rule.any.every((group) => group.some((n) => names.has(n)))) continue;
    if (rule.none.some((n) => names.has(n))) continue;
    const format = asFormat(rule.format);
    if (format) return { id: rule.id, format };
  }
  return null;
}

/**
 * Canonical key → index of the first header cell that is one of its aliases (earlier aliases
 * win when a header has two). Maps, not objects: header text is untrusted (`__proto__`).
 */
export function mapColumns(header: readonly string[]): ReadonlyMap<string, number> {
  const at = new Map<string, number>();
  header.forEach((name, i) => {
    if (!at.has(name)) at.set(name, i);
  });
  const out = new Map<string, number>();
  for (const [key, spec] of Object.entries(HEADER_SETS.columns)) {
    for (const alias of spec.aliases) {
      const i = at.get(alias);
      if (i !== undefined) {
        out.set(key, i);
        break;
      }
    }
  }
  return out;
}

/** Required canonical columns of `format` that the header lacks, spelled as `Name|Op Name`. */
export function missingColumns(
  format: CsvProfileFormat,
  columns: ReadonlyMap<string, number>,
): string[] {
  return HEADER_SETS.required[format]
    .filter((key) => !columns.has(key))
    .map((key) => HEADER_SETS.columns[key]?.aliases.join('|') ?? key);
}

const TORCH_NAMES = ['Step Id', 'Name', 'Accelerator Core', 'Start Time(us)', 'Duration(us)'];
const MSPROF_NAMES = [
  'Op Name',
  'Task Type',
  'Task Start Time(us)',
  'Task Start Time',
  'Task Duration(us)',
];

/**
 * The format a header is, by its set; or, for a kernel table that lacks a required column (no
 * set matches), the kernel format it is closest to, so that its parser can name what is missing
 * instead of the file being "unknown". Needs four of the six kernel columns: other profiler
 * tables (operator_memory: Name, Duration(us)) have at most two.
 */
export function formatOfHeader(header: readonly string[]): CsvProfileFormat | null {
  const set = detectHeaderSet(header);
  if (set) return set.format;
  const columns = mapColumns(header);
  const have = HEADER_SETS.required['kernel-details'].filter((k) => columns.has(k)).length;
  if (have < 4) return null;
  const count = (names: readonly string[]) => names.filter((n) => header.includes(n)).length;
  return count(TORCH_NAMES) >= count(MSPROF_NAMES) ? 'kernel-details' : 'op-summary';
}

/** Header cells from the first line of a sniffed head: split on commas, quotes and spaces trimmed. */
export function headerOfHead(head: string): string[] {
  const nl = head.search(/[\r\n]/);
  const line = (nl < 0 ? head : head.slice(0, nl)).replace(/^\uFEFF/, '');
  return line.split(',').map(cleanHeaderCell);
}

export function cleanHeaderCell(cell: string): string {
  let c = cell.trim();
  if (c.length >= 2 && c.startsWith('"') && c.endsWith('"')) c = c.slice(1, -1).replace(/""/g, '"');
  return c.trim();
}

/** A file-name test built from MindStudio Insight's patterns (FORMATS.md B.0). */
export function nameMatches(fileName: string, pattern: RegExp): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return pattern.test(base);
}
