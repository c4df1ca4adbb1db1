// The gate file: what `aoe-dashboard compare --gate FILE` and `report --gate FILE` read and what
// the compare page's Gate tab exports and imports (schemas/gate-rules.schema.json). One reader for
// both, so a file the page accepts is one the CLI accepts. Untrusted text: a size cap, JSON errors
// located by line and column, schema errors by JSON pointer; nothing is returned unless valid.
import type { ImportIssue } from '../formats/types.ts';
import { validate } from '../validation/index.ts';
import type { GateRules } from './gate.ts';
import { completeRules } from './gate.ts';

/** A gate file is a few hundred bytes; anything much larger is not one. */
export const MAX_GATE_FILE_BYTES = 64 * 1024;

export const GATE_FILE_NAME = 'aoe-gate.json';

export type GateFileResult =
  | { readonly ok: true; readonly rules: GateRules }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] };

/** The rules as a gate file: every rule written out, so the file says everything it means. */
export function gateFileText(rules: GateRules): string {
  return JSON.stringify(completeRules(rules), null, 2) + '\n';
}

export function parseGateFile(text: string): GateFileResult {
  if (text.length > MAX_GATE_FILE_BYTES) {
    return {
      ok: false,
      issues: [
        {
          code: 'TOO_LARGE',
          severity: 'error',
          message: `A gate file is at most ${MAX_GATE_FILE_BYTES} bytes; this one has ${text.length} characters.`,
        },
      ],
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      ok: false,
      issues: [{ code: 'EMPTY', severity: 'error', message: 'The file is empty.' }],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(body) as unknown;
  } catch (err) {
    return { ok: false, issues: [jsonIssue(body, err)] };
  }
  const issues = validate('gate-rules', data);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, rules: data as GateRules };
}

/** V8 says "… at position N" (or "line L column C"): turn it into a line for the reader. */
function jsonIssue(text: string, err: unknown): ImportIssue {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /at position (\d+)/.exec(message);
  const lc = /line (\d+) column (\d+)/.exec(message);
  let line: number | undefined;
  if (lc) line = Number(lc[1]);
  else if (pos) line = text.slice(0, Number(pos[1])).split('\n').length;
  else if (/Unexpected end of JSON input/.test(message)) line = text.split('\n').length;
  return {
    code: 'NOT_JSON',
    severity: 'error',
    message: `Not valid JSON: ${message}`,
    ...(line !== undefined ? { line } : {}),
  };
}
