// Which measurement is of what: a trtexec run is the GPU baseline; an Ascend run (ais_bench,
// benchmark, MindSpore Lite) is of the tuned model when its model path says so (AOE names its
// output `<model>_tune.om`, users add `tuned`/`aoe`), else of the untuned baseline. A host that
// knows better passes `role`. Runs are compared at equal batch size only.
import type { LatencyStats } from '../measure/model.ts';
import type { MeasurementInput, MeasurementRole } from './types.ts';

const TUNED_NAME = /(?:^|[^a-z])(?:tune|tuned|aoe|opat|sgat)(?:[^a-z]|$)/i;

export function inferRole(m: MeasurementInput): MeasurementRole {
  if (m.role) return m.role;
  if (m.measurement.tool === 'trtexec') return 'gpu';
  const base = (m.measurement.model ?? '').split(/[\\/]/).pop() ?? '';
  return TUNED_NAME.test(base) ? 'tuned' : 'baseline';
}

/** The central latency of a series: the mean, else the median. */
export const centre = (s: LatencyStats | undefined): number | null => s?.mean ?? s?.median ?? null;

export interface RolePair {
  readonly batchSize: number | null;
  readonly a: MeasurementInput;
  readonly b: MeasurementInput;
}

/** The first measurement of role `a` and of role `b` at each batch size both have. */
export function pairsByBatch(
  ms: readonly MeasurementInput[],
  a: MeasurementRole,
  b: MeasurementRole,
): RolePair[] {
  const first = (role: MeasurementRole) => {
    const by = new Map<number | null, MeasurementInput>();
    for (const m of ms)
      if (inferRole(m) === role && !by.has(m.measurement.batchSize))
        by.set(m.measurement.batchSize, m);
    return by;
  };
  const as = first(a);
  const bs = first(b);
  const out: RolePair[] = [];
  for (const [batch, ma] of as) {
    const mb = bs.get(batch);
    if (mb) out.push({ batchSize: batch, a: ma, b: mb });
  }
  return out.sort((x, y) => (x.batchSize ?? 0) - (y.batchSize ?? 0));
}

export const batchLabel = (b: number | null): string => (b === null ? 'batch ?' : `batch ${b}`);

/** The same in Chinese, as the Measured view words it (Batch 大小). */
export const batchLabelZh = (b: number | null): string =>
  b === null ? '未标明 Batch 大小' : `Batch 大小 ${b}`;
