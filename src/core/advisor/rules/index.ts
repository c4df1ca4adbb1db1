// The advisor's rules, as data: add a rule by writing its file and listing it here. Order does
// not matter (findings are ranked); ids are unique and stable (the CLI, the JSON output and the
// UI refer to them).
import type { AdviceRule } from '../types.ts';
import { aiCpuRule } from './ai-cpu.ts';
import { dataRearrangementRule } from './data-rearrangement.ts';
import { hostBoundRule } from './host-bound.ts';
import { fp32ComputeRule } from './fp32-compute.ts';
import { dynamicShapesRule } from './dynamic-shapes.ts';
import { littleGainRule } from './little-gain.ts';
import { knowledgeBaseNothingNewRule, knowledgeBaseUseRule } from './knowledge-base.ts';
import { failedOperatorsRule } from './failed-operators.ts';
import { tuneNextRule } from './tune-next.ts';
import { claimVsMeasuredRule } from './claim-vs-measured.ts';
import { p99RegressionRule } from './p99-regression.ts';
import { ascendVsGpuRule } from './ascend-vs-gpu.ts';

export const RULES: readonly AdviceRule[] = [
  aiCpuRule,
  dataRearrangementRule,
  hostBoundRule,
  fp32ComputeRule,
  dynamicShapesRule,
  littleGainRule,
  knowledgeBaseNothingNewRule,
  knowledgeBaseUseRule,
  failedOperatorsRule,
  tuneNextRule,
  claimVsMeasuredRule,
  p99RegressionRule,
  ascendVsGpuRule,
];
