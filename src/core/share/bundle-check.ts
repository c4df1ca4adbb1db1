// Checks of a decoded bundle that its schema cannot express: string-table indices in range,
// columns of equal length, view references to runs the bundle has.
import type { ShareBundleV1 } from './bundle-types.ts';

/** Undoes the delta coding of the name column. */
export function nameIndices(n: readonly number[]): number[] {
  let at = 0;
  return n.map((d) => (at += d));
}

/**
 * Checks what the schema cannot: string-table indices in range, equal column lengths, and view
 * references to runs that exist. Returns JSON pointers of the first problems found.
 */
export function bundleConsistencyProblems(bundle: ShareBundleV1): string[] {
  const problems: string[] = [];
  const n = bundle.s.length;
  const bad = (i: number) => i >= n;
  bundle.runs.forEach((r, ri) => {
    const o = r.ops;
    const len = o.n.length;
    for (const key of ['t', 'd', 'b', 'a', 'r'] as const) {
      if (o[key].length !== len) problems.push(`/runs/${ri}/ops/${key}`);
    }
    const names = nameIndices(o.n).findIndex((i) => i < 0 || bad(i));
    if (names >= 0) problems.push(`/runs/${ri}/ops/n/${names}`);
    for (const key of ['t', 'd'] as const) {
      const j = o[key].findIndex(bad);
      if (j >= 0) problems.push(`/runs/${ri}/ops/${key}/${j}`);
    }
    const j = o.i.findIndex(([row]) => row >= len);
    if (j >= 0) problems.push(`/runs/${ri}/ops/i/${j}`);
    if (r.profile) {
      const bt = r.profile.byType.findIndex(([t]) => bad(t));
      if (bt >= 0) problems.push(`/runs/${ri}/profile/byType/${bt}`);
      const tp = r.profile.top.findIndex(([a, b, , , c]) => bad(a) || bad(b) || bad(c));
      if (tp >= 0) problems.push(`/runs/${ri}/profile/top/${tp}`);
    }
    if (r.advice) {
      const count = r.advice.findings.length;
      const d = r.advice.dismissed.findIndex(([i]) => i >= count);
      if (d >= 0) problems.push(`/runs/${ri}/advice/dismissed/${d}`);
    }
  });
  const ids = new Set(bundle.runs.map((r) => r.id));
  if (ids.size !== bundle.runs.length) problems.push('/runs');
  const missing = bundle.view.runs.findIndex((id) => !ids.has(id));
  if (missing >= 0) problems.push(`/view/runs/${missing}`);
  if (bundle.view.baseline !== '' && !ids.has(bundle.view.baseline))
    problems.push('/view/baseline');
  return problems.slice(0, 20);
}
