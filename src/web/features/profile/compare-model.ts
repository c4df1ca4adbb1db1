// Two profile files → what the profile comparison page shows: the comparison itself (operators
// and types from the tables; the step split when both files carry one), and the diverging bars'
// items. A file with only a timeline or a step_trace still compares its step split.
import type { ProfileContent } from '../../../core/formats/types.ts';
import {
  compareBreakdowns,
  compareProfiles,
  type BreakdownChange,
  type ProfileSide,
  type ProfileComparison,
} from '../../../core/model/profile-compare.ts';
import { profileChangeLabel } from '../../../core/export/profile-compare.ts';
import type { DivergingItem } from '../../components/charts/layout.ts';

export interface ProfilePair {
  /** Null when either file has no operator table (a timeline against a CSV). */
  readonly comparison: ProfileComparison | null;
  readonly breakdown: BreakdownChange | null;
}

const sideOf = (c: ProfileContent, p: NonNullable<ProfileContent['profile']>): ProfileSide => ({
  summary: p.summary,
  table: p.table,
  operators: c.operators ?? null,
  breakdown: c.breakdown ?? null,
});

export function compareContents(base: ProfileContent, other: ProfileContent): ProfilePair {
  if (base.profile && other.profile) {
    const comparison = compareProfiles(sideOf(base, base.profile), sideOf(other, other.profile));
    return { comparison, breakdown: comparison.breakdown };
  }
  return {
    comparison: null,
    breakdown: compareBreakdowns(base.breakdown ?? null, other.breakdown ?? null),
  };
}

/** Operators as bars: time saved is positive (drawn right, ▼ faster). */
export function operatorBars(c: ProfileComparison, noType: string): DivergingItem[] {
  return c.operators
    .filter((o) => o.deltaUs !== 0)
    .map((o, i) => ({
      id: String(i),
      label: `${o.name}${o.shape ? ` [${o.shape}]` : ''} · ${o.type || noType}`,
      value: -o.deltaUs,
      kind: profileChangeLabel(o.deltaUs),
    }));
}
