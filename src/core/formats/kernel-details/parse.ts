// torch_npu `kernel_details.csv` (FORMATS.md B.8), also written by MindSpore's profiler: msprof's
// op_summary with renamed columns (`Name, Type, Accelerator Core, Start Time(us), Duration(us),
// Wait Time(us)`), `Step Id` first. Header sets: Level0 (8 columns, Type/Accelerator Core often
// N/A), and Level1/Level2 (same header) in four generations — 2023 without OP State, 2025-01 with
// OP State, 2025-06 with Device_id, 2026-02 with Block Num — plus the mixed header of MindStudio
// Insight's test data. CRLF or LF, TAB after start times, HCCL/COMMUNICATION rows with N/A cells.
import type { ProfileData } from '../../model/types.ts';
import type { ParseContext, StreamParser } from '../types.ts';
import { KernelTableParser } from '../csv/kernel-table.ts';

export function createKernelDetailsParser(ctx: ParseContext): StreamParser<ProfileData> {
  return new KernelTableParser(ctx, 'kernel-details');
}
