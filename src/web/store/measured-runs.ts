// The workspace's measurements by run: the measurement files linked to a report (the same links
// as profiles), each with its role (core/measure/link.ts), and the gate's measured inputs for the
// compare page: each run's tuned-OM measurement and the GPU baseline, so the P95/P99 and GPU
// rules are judged whenever measurements exist.
import { measurementsOf } from '../../core/formats/content.ts';
import type { ImportedFile } from '../../core/formats/types.ts';
import {
  measureRole,
  measuredBatches,
  type LinkedMeasurement,
  type MeasureRole,
} from '../../core/measure/link.ts';
import type { Measurement } from '../../core/measure/model.ts';
import type { MeasuredInputs } from '../../core/model/gate.ts';

export interface WorkspaceLinks {
  readonly files: Readonly<Record<string, ImportedFile | undefined>>;
  readonly links: Readonly<Record<string, readonly string[]>>;
  /** Roles chosen by hand, by measurement file id. */
  readonly measureRoles?: Readonly<Record<string, MeasureRole>>;
}

/** The measurements of the files linked to a report, each with its role and why. */
export function linkedMeasurements(ws: WorkspaceLinks, reportId: string): LinkedMeasurement[] {
  const out: LinkedMeasurement[] = [];
  for (const id of ws.links[reportId] ?? []) {
    const file = ws.files[id];
    const hand = ws.measureRoles?.[id];
    // A launcher pipeline's measurement: the step that measured it says baseline or tuned.
    const origin = file?.content?.kind === 'measurement' ? file.content.origin : undefined;
    for (const m of measurementsOf(file)) {
      const path = file?.fileName ?? id;
      const auto = origin
        ? {
            role: origin.role,
            reason: { kind: 'step' as const, step: origin.step, tool: origin.tool },
          }
        : measureRole(path, m);
      out.push({
        id,
        path,
        measurement: m,
        ...(hand ? { role: hand, reason: { kind: 'hand' as const } } : auto),
      });
    }
  }
  return out;
}

/**
 * The gate's measured inputs for runs `<reportId>:<task>`: a run is judged on its report's tuned
 * OM of the smallest measured batch; the GPU baseline is the first one linked to any of the runs.
 */
export function workspaceMeasured(
  ws: WorkspaceLinks,
  runs: readonly { readonly reportId: string; readonly run: { readonly id: string } }[],
): MeasuredInputs {
  const byRun = new Map<string, Measurement>();
  let gpu: Measurement | null = null;
  for (const { reportId, run } of runs) {
    const batch = measuredBatches(linkedMeasurements(ws, reportId)).find((b) => b.tuned);
    if (batch?.tuned) byRun.set(run.id, batch.tuned.measurement);
    gpu ??= batch?.gpu?.measurement ?? null;
  }
  return { runs: byRun, gpu };
}
