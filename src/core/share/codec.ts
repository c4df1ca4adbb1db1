// Share links: bundle → column layout (link-layout.ts) → deflate against a preset dictionary →
// base64url, carried in the URL fragment (`#b=…`) so no server ever sees it. Links made before the
// column layout (bundle → JSON → deflate → base64url) still open: the first byte tells them apart.
// A link is untrusted input: decoding caps the fragment length, inflates in small steps and stops
// as soon as the output passes INFLATE_LIMIT_BYTES (a decompression bomb never gets materialised),
// reads the columns with every count checked against the bytes left, refuses content nested
// deeper than a bundle ever is, then validates against share-bundle.v1 and checks the
// cross-references. Every failure is an ImportIssue; nothing here throws.
//
// Compression is fflate's, synchronous, in the page and in Node alike: the browser's
// CompressionStream takes no preset dictionary, and without one links come out larger.
import { Inflate, deflateSync } from 'fflate';
import type { ImportIssue } from '../formats/types.ts';
import { validate } from '../validation/index.ts';
import { jsonDepthExceeds, valueDepthExceeds } from '../formats/json/depth.ts';
import { bundleConsistencyProblems } from './bundle-check.ts';
import type { ShareBundleV1 } from './bundle-types.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import {
  COLUMN_LAYOUT,
  layoutMarker,
  layoutOf,
  packColumns,
  unpackColumns,
} from './link-layout.ts';
import { DICTIONARY_V1 } from './link-dictionary.ts';

export const FRAGMENT_PREFIX = 'b=';
/** Above this the UI tells the user the link is long (chat tools may cut it). */
export const LINK_WARN_BYTES = 8 * 1024;
/** Above this no link is made: the UI offers a launcher permalink or an export instead. */
export const LINK_HARD_LIMIT_BYTES = 64 * 1024;
/** Decoding refuses longer fragments outright. */
export const MAX_FRAGMENT_CHARS = 256 * 1024;
/** Decoding stops inflating past this many bytes of JSON. */
export const INFLATE_LIMIT_BYTES = 8 * 1024 * 1024;
const INFLATE_STEP = 1024;
/**
 * A bundle nests about eight levels (runs → ops → columns). Deeper content is refused before it
 * is parsed or validated: validators recurse per level and could overflow the stack.
 */
export const MAX_BUNDLE_DEPTH = 64;

export type EncodeResult =
  | { readonly ok: true; readonly fragment: string; readonly bytes: number; readonly long: boolean }
  | { readonly ok: false; readonly code: 'TOO_LARGE'; readonly bytes: number };

/** `fragment` is what goes after `#`: `b=<base64url>`; `bytes` counts it with the `#`. */
export function encodeBundle(
  bundle: ShareBundleV1,
  hardLimit = LINK_HARD_LIMIT_BYTES,
): EncodeResult {
  const fragment = FRAGMENT_PREFIX + toBase64Url(packBundle(bundle));
  const bytes = fragment.length + 1;
  if (bytes > hardLimit) return { ok: false, code: 'TOO_LARGE', bytes };
  return { ok: true, fragment, bytes, long: bytes > LINK_WARN_BYTES };
}

/** The link's bytes: the column layout where the bundle's numbers fit it, else its JSON. */
export function packBundle(bundle: ShareBundleV1): Uint8Array {
  const payload = packColumns(bundle);
  if (payload === null) return packJson(bundle);
  // mem 4: the same bytes as mem 8 on links of 200 and 2,000 operators, in a fortieth of the time
  // (with a dictionary, fflate's larger memory levels cost milliseconds to set up).
  const packed = deflateSync(payload, { level: 9, mem: 4, dictionary: DICTIONARY_V1 });
  const out = new Uint8Array(packed.length + 1);
  out[0] = layoutMarker(COLUMN_LAYOUT);
  out.set(packed, 1);
  return out;
}

/** A link's bytes as links were made before the column layout (and still are as a fallback). */
export function packJson(bundle: ShareBundleV1): Uint8Array {
  return deflateSync(new TextEncoder().encode(JSON.stringify(bundle)), { level: 9, mem: 8 });
}

export type DecodeResult =
  | { readonly ok: true; readonly bundle: ShareBundleV1 }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] };

const fail = (
  code: ImportIssue['code'],
  message: string,
  extra: Partial<ImportIssue> = {},
): DecodeResult => ({
  ok: false,
  issues: [{ code, severity: 'error', message, ...extra }],
});

const tooDeep = (): DecodeResult =>
  fail(
    'TOO_LARGE',
    `The link's content is nested deeper than ${MAX_BUNDLE_DEPTH} levels; it was not opened.`,
    {
      expected: `at most ${MAX_BUNDLE_DEPTH} levels`,
    },
  );

type InflateOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'limit' | 'truncated' | 'corrupt' };

/** Inflates at most `limit` bytes; feeding 1 KiB at a time bounds each step's output (deflate expands ≤ 1032×). */
export function inflateLimited(
  data: Uint8Array,
  limit: number,
  dictionary?: Uint8Array,
): InflateOutcome {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let done = false;
  const inflater = new Inflate(dictionary ? { dictionary } : {}, (chunk, final) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length && !over; i += INFLATE_STEP) {
      const end = Math.min(i + INFLATE_STEP, data.length);
      inflater.push(data.subarray(i, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (over) return { ok: false, reason: 'limit' };
    const text = err instanceof Error ? err.message : '';
    return { ok: false, reason: /EOF/i.test(text) ? 'truncated' : 'corrupt' };
  }
  if (over) return { ok: false, reason: 'limit' };
  if (!done) return { ok: false, reason: 'truncated' };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes: out };
}

/** Accepts the fragment with or without the leading `#`. */
export function decodeFragment(fragment: string, inflateLimit = INFLATE_LIMIT_BYTES): DecodeResult {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!body.startsWith(FRAGMENT_PREFIX)) {
    return fail('UNKNOWN_FORMAT', 'This is not a share link (it does not start with #b=).');
  }
  const text = body.slice(FRAGMENT_PREFIX.length);
  if (text.length > MAX_FRAGMENT_CHARS) {
    return fail('TOO_LARGE', `The link is longer than ${MAX_FRAGMENT_CHARS} characters.`, {
      found: String(text.length),
    });
  }
  if (/^[A-Za-z0-9_-]*$/.test(text) && text.length % 4 === 1) {
    // One character past a whole number of bytes: the link lost its end when it was copied.
    return fail('TRUNCATED', 'The link is cut short: it was probably not copied completely.', {
      offset: Math.floor((text.length * 3) / 4),
    });
  }
  const packed = fromBase64Url(text);
  if (packed === null || packed.length === 0) {
    return fail(
      'UNREADABLE',
      'The link is corrupted: it contains characters a share link never has.',
    );
  }
  const layout = layoutOf(packed[0] ?? 0);
  if (layout === 0) {
    return fail('UNREADABLE', 'The link is corrupted: its first byte names no layout.', {
      offset: 0,
    });
  }
  if (layout !== null && layout !== COLUMN_LAYOUT) {
    return fail(
      'UNSUPPORTED_VERSION',
      `This link was made by a newer dashboard (link layout ${layout}).`,
      { offset: 0, expected: `layout ${COLUMN_LAYOUT}`, found: `layout ${layout}` },
    );
  }
  const columns = layout === COLUMN_LAYOUT;
  const inflated = columns
    ? inflateLimited(packed.subarray(1), inflateLimit, DICTIONARY_V1)
    : inflateLimited(packed, inflateLimit);
  if (!inflated.ok) {
    if (inflated.reason === 'limit') {
      return fail(
        'TOO_LARGE',
        `The link expands to more than ${inflateLimit} bytes; it was not opened.`,
      );
    }
    if (inflated.reason === 'truncated') {
      return fail('TRUNCATED', 'The link is cut short: it was probably not copied completely.', {
        offset: packed.length,
      });
    }
    return fail('UNREADABLE', 'The link is corrupted: its compressed data cannot be read.');
  }
  return columns ? decodeColumns(inflated.bytes) : decodeJson(inflated.bytes);
}

/** An inflated payload in the column layout to a validated bundle. */
function decodeColumns(payload: Uint8Array): DecodeResult {
  const r = unpackColumns(payload, MAX_BUNDLE_DEPTH);
  if (r.ok) return decodeData(r.data);
  const where = r.offset === undefined ? {} : { offset: r.offset };
  switch (r.kind) {
    case 'too-deep':
      return tooDeep();
    case 'not-json':
      return fail('NOT_JSON', `The link is corrupted: ${r.message}.`, where);
    case 'too-large':
      return fail('TOO_LARGE', `The link is too large to open: ${r.message}.`, where);
    case 'truncated':
    case 'corrupt':
      // Columns that end early in a complete deflate stream were made wrong, not cut short.
      return fail('UNREADABLE', `The link is corrupted: ${r.message}.`, where);
  }
}

/** The bundle bytes (JSON) to a validated bundle; also used for launcher permalinks. */
export function decodeJson(bytes: Uint8Array): DecodeResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('NOT_JSON', 'The link is corrupted: its content is not valid JSON.');
  }
  if (jsonDepthExceeds(text, MAX_BUNDLE_DEPTH)) return tooDeep();
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    return fail('NOT_JSON', 'The link is corrupted: its content is not valid JSON.');
  }
  return decodeData(data);
}

export function decodeData(data: unknown): DecodeResult {
  if (valueDepthExceeds(data, MAX_BUNDLE_DEPTH)) return tooDeep();
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const rec = data as Record<string, unknown>;
    if (rec['format'] === 'aoe-dashboard.share' && typeof rec['v'] === 'number' && rec['v'] !== 1) {
      return fail(
        'UNSUPPORTED_VERSION',
        `This link was made by a newer dashboard (bundle version ${rec['v']}).`,
        {
          path: '/v',
          expected: '1',
          found: String(rec['v']),
        },
      );
    }
  }
  const issues = validate('share-bundle.v1', data);
  if (issues.length > 0) return { ok: false, issues };
  const bundle = data as ShareBundleV1;
  const problems = bundleConsistencyProblems(bundle);
  if (problems.length > 0) {
    return {
      ok: false,
      issues: problems.map((path) => ({
        code: 'SCHEMA_MISMATCH' as const,
        severity: 'error' as const,
        message: `${path}: refers to something the link does not contain`,
        path,
      })),
    };
  }
  return { ok: true, bundle };
}
