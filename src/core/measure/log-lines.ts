// Line-level helpers for the tools' text output (stdout logs and the legacy benchmark's result
// file): lines with their numbers, the log prefixes the tools put in front, and numbers as C++
// streams and Python print them.

export interface LogLine {
  /** 1-based line number in the file. */
  readonly no: number;
  /** The line without its log prefixes and surrounding white space. */
  readonly text: string;
}

/**
 * Prefixes put before a message: Python logging `[INFO] ` (ais_bench), the TensorRT sample
 * logger's `[05/27/2023-12:05:31] [I] `, and both together when ais_bench runs trtexec.
 */
const PREFIX =
  /^(?:\s*\[(?:INFO|WARNING|WARN|ERROR|DEBUG|I|W|E|V|\d\d\/\d\d\/\d{4}-\d\d:\d\d:\d\d)\])+\s*/;

export function logLines(raw: string): LogLine[] {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const parts = text.split('\n');
  const out: LogLine[] = [];
  for (let i = 0; i < parts.length; i++) {
    let line = parts[i] as string;
    // A progress bar redraws with CR: what a terminal shows is the text after the last one.
    const cr = line.lastIndexOf('\r', line.length - 2);
    if (cr !== -1) line = line.slice(cr + 1);
    line = line.replace(PREFIX, '').trim();
    out.push({ no: i + 1, text: line });
  }
  return out;
}

/** A decimal number as printf, iostream and Python print them (no inf / nan). */
export const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const WHOLE_NUMBER = new RegExp(`^${NUMBER}$`);

/** The number the text spells, or null when it spells none (or a non-finite one). */
export function toNumber(s: string): number | null {
  const t = s.trim();
  if (!WHOLE_NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * `min = 1.2 ms, max = 3 ms, percentile(99%) = 2.9 ms` → [["min", "1.2"], …]: the pairs of
 * ais_bench and trtexec statistics lines, units dropped. Null when a part is not `key = value`.
 */
export function statPairs(s: string): [string, string][] | null {
  const out: [string, string][] = [];
  for (const part of s.split(/,\s*/)) {
    const m = /^([A-Za-z]+(?:\(\s*[\d.]+\s*%\s*\))?)\s*=\s*(\S+)(?:\s*ms)?$/.exec(part.trim());
    if (!m) return null;
    out.push([m[1] as string, m[2] as string]);
  }
  return out;
}

/** `percentile(99%)` → 99; null for other keys. */
export function percentileKey(key: string): number | null {
  const m = /^percentile\(\s*(\d+(?:\.\d+)?)\s*%\s*\)$/.exec(key);
  return m ? Number(m[1]) : null;
}
