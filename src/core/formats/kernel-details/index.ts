import type { StreamFormatModule } from '../types.ts';
import { profileWithPrecision } from '../content.ts';
import { createKernelDetailsParser } from './parse.ts';
import { sniffKernelDetails } from './sniff.ts';

/** torch_npu kernel table, `ASCEND_PROFILER_OUTPUT/kernel_details.csv`. */
export const kernelDetailsFormat: StreamFormatModule<'kernel-details'> = {
  id: 'kernel-details',
  names: {
    en: 'torch_npu kernel_details table',
    'zh-CN': 'torch_npu kernel_details 表',
    phrase: 'a torch_npu kernel_details table',
  },
  extensions: ['.csv'],
  yields: 'profile',
  kind: 'stream',
  sniff: sniffKernelDetails,
  createParser: (ctx) => profileWithPrecision(createKernelDetailsParser(ctx), ctx),
};
