// msprof `op_summary_*.csv` (FORMATS.md B.2): `Op Name, OP Type, Task Type, Task Start Time(us),
// Task Duration(us), Task Wait Time(us)` plus launch, tensor and PMU columns. Header sets: CANN 8.x
// with Device_id, 2026+ with Block Num, older without Device_id, and the legacy `Task Start Time`
// without a unit; PMU metrics with `aic_`/`aiv_` prefixes or plain. All of them are read by the
// shared kernel-table parser through the column aliases.
import type { ProfileData } from '../../model/types.ts';
import type { ParseContext, StreamParser } from '../types.ts';
import { KernelTableParser } from '../csv/kernel-table.ts';

export function createOpSummaryParser(ctx: ParseContext): StreamParser<ProfileData> {
  return new KernelTableParser(ctx, 'op-summary');
}
