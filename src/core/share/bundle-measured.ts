// A run's linked measurements in a share bundle, compact: summary statistics as the tool stated
// them (ms, six decimals like every bundle time), the role and why (a role set by hand keeps
// what the evidence said beside it), and the per-iteration latencies — as integer ns, in file
// order — only when the file has at most MAX_SHARED_ITERATIONS of them (a thousand-iteration
// ais_bench run travels whole; a 100,000-query trtexec export travels as its statistics). Tool
// extras and MindSpore Lite's per-operator tables stay behind.
import type { LinkedMeasurement, RoleReason } from '../measure/link.ts';
import type { LatencyStats, Measurement } from '../measure/model.ts';
import { round } from '../model/stats.ts';
import type { BundleMeasurement, BundleStats } from './bundle-types.ts';

/** Per-iteration latencies travel only up to this many per measurement. */
export const MAX_SHARED_ITERATIONS = 2000;
/** At most this many measurements travel with one run (the schema's bound). */
export const MAX_SHARED_MEASUREMENTS = 32;
const MS_DIGITS = 6;

const opt = (v: number | null): number | null =>
  v === null || !Number.isFinite(v) ? null : round(v, MS_DIGITS);

function packStats(s: LatencyStats): BundleStats {
  const count = s.count !== null && Number.isInteger(s.count) && s.count >= 0 ? s.count : null;
  return [
    count,
    opt(s.min),
    opt(s.max),
    opt(s.mean),
    opt(s.median),
    opt(s.p90),
    opt(s.p95),
    opt(s.p99),
  ];
}

function unpackStats(s: BundleStats): LatencyStats {
  const [count, min, max, mean, median, p90, p95, p99] = s;
  return { count, min, max, mean, median, p90, p95, p99 };
}

/** The reason's word; a launcher step travels as "<step>/<tool>". */
const reasonWord = (r: RoleReason): string | undefined =>
  r.kind === 'tool'
    ? r.tool
    : r.kind === 'word'
      ? r.word
      : r.kind === 'step'
        ? `${r.step}/${r.tool}`
        : undefined;

const validBatch = (b: number | null | undefined): number | null =>
  b !== null && b !== undefined && Number.isInteger(b) && b >= 1 && b <= 65536 ? b : null;

export function packMeasured(linked: readonly LinkedMeasurement[]): BundleMeasurement[] {
  return linked.slice(0, MAX_SHARED_MEASUREMENTS).map((l): BundleMeasurement => {
    const m = l.measurement;
    const it = m.iterationsMs;
    const word = reasonWord(l.reason);
    const ev = l.evidence;
    const carryIt =
      it !== undefined &&
      it.length > 0 &&
      it.length <= MAX_SHARED_ITERATIONS &&
      it.every((v) => Number.isFinite(v) && v >= 0);
    const hb = validBatch(l.handBatch);
    return {
      id: l.id,
      file: l.path,
      tool: m.tool,
      source: m.source,
      ver: m.toolVersion,
      bs: validBatch(m.batchSize),
      ...(hb !== null ? { hb } : {}),
      role: l.role,
      why: l.reason.kind,
      ...(word !== undefined ? { word } : {}),
      ...(ev && ev.reason.kind !== 'hand'
        ? { ev: [ev.role, ev.reason.kind, reasonWord(ev.reason) ?? ''] as const }
        : {}),
      lat: packStats(m.latencyMs),
      ...(m.h2dMs ? { h2d: packStats(m.h2dMs) } : {}),
      ...(m.computeMs ? { cmp: packStats(m.computeMs) } : {}),
      ...(m.d2hMs ? { d2h: packStats(m.d2hMs) } : {}),
      tp: opt(m.throughputPerS),
      tpu: m.throughputUnit,
      ...(carryIt ? { it: Array.from(it, (v) => Math.round(v * 1e6)) } : {}),
      model: m.model,
      device: m.device,
      derived: [...m.derived],
    };
  });
}

function reasonOf(kind: BundleMeasurement['why'], word: string | undefined): RoleReason {
  switch (kind) {
    case 'tool':
      return { kind: 'tool', tool: word ?? '' };
    case 'word':
      return { kind: 'word', word: word ?? '' };
    case 'hand':
      return { kind: 'hand' };
    case 'none':
      return { kind: 'none' };
    case 'step': {
      const m = /^(\d{1,4})\/(.*)$/.exec(word ?? '');
      return m ? { kind: 'step', step: Number(m[1]), tool: m[2] ?? '' } : { kind: 'none' };
    }
  }
}

export function unpackMeasured(list: readonly BundleMeasurement[]): LinkedMeasurement[] {
  return list.map((b): LinkedMeasurement => {
    const measurement: Measurement = {
      tool: b.tool,
      source: b.source,
      toolVersion: b.ver ?? null,
      batchSize: b.bs ?? null,
      latencyMs: unpackStats(b.lat),
      throughputPerS: b.tp ?? null,
      throughputUnit: b.tpu ?? null,
      ...(b.h2d ? { h2dMs: unpackStats(b.h2d) } : {}),
      ...(b.cmp ? { computeMs: unpackStats(b.cmp) } : {}),
      ...(b.d2h ? { d2hMs: unpackStats(b.d2h) } : {}),
      ...(b.it ? { iterationsMs: Float64Array.from(b.it, (ns) => ns / 1e6) } : {}),
      model: b.model ?? null,
      device: b.device ?? null,
      derived: b.derived ?? [],
    };
    return {
      id: b.id,
      path: b.file,
      measurement,
      role: b.role,
      reason: reasonOf(b.why, b.word),
      ...(b.ev ? { evidence: { role: b.ev[0], reason: reasonOf(b.ev[1], b.ev[2]) } } : {}),
      ...(b.hb !== undefined && b.hb !== null ? { handBatch: b.hb } : {}),
    };
  });
}
