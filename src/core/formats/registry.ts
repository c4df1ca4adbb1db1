// Every format the dashboard reads. Adding a format = a new folder and one line here.
import type { FormatModule } from './types.ts';
import { aoeOpatFormat } from './aoe-opat/index.ts';
import { aoeSgatFormat } from './aoe-sgat/index.ts';
import { opSummaryFormat } from './op-summary/index.ts';
import { kernelDetailsFormat } from './kernel-details/index.ts';
import { opStatisticFormat } from './op-statistic/index.ts';

export const FORMATS: readonly FormatModule[] = [
  aoeOpatFormat,
  aoeSgatFormat,
  opSummaryFormat,
  kernelDetailsFormat,
  opStatisticFormat,
];
