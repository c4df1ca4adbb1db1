import type { TableFormatModule } from '../types.ts';
import { createKernelDetailsParser } from './parse.ts';
import { sniffKernelDetails } from './sniff.ts';

/** torch_npu kernel table, `ASCEND_PROFILER_OUTPUT/kernel_details.csv`. */
export const kernelDetailsFormat: TableFormatModule = {
  id: 'kernel-details',
  kind: 'profile',
  sniff: sniffKernelDetails,
  createParser: createKernelDetailsParser,
};
