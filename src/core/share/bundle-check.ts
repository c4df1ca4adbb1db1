// Checks of a decoded bundle that its schema cannot express: string-table indices in range,
// columns of equal length, view references to runs the bundle has, and a profile comparison's
// profiles (on its own page, without runs).
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
  const profiles = bundle.profiles ?? [];
  profiles.forEach((p, pi) => {
    const at = `/profiles/${pi}/table`;
    const t = p.table;
    if (!t) return;
    const o = t.ops;
    for (const key of ['t', 'h', 'c', 'u', 'd'] as const) {
      if (o[key].length !== o.n.length) problems.push(`${at}/ops/${key}`);
    }
    const names = nameIndices(o.n).findIndex((i) => i < 0 || bad(i));
    if (names >= 0) problems.push(`${at}/ops/n/${names}`);
    for (const key of ['t', 'h'] as const) {
      const j = o[key].findIndex(bad);
      if (j >= 0) problems.push(`${at}/ops/${key}/${j}`);
    }
    const ou = o.u.findIndex((u, i) => u > (o.c[i] ?? 0));
    if (ou >= 0) problems.push(`${at}/ops/u/${ou}`);
    const y = t.types;
    for (const key of ['c', 'u', 'd'] as const) {
      if (y[key].length !== y.t.length) problems.push(`${at}/types/${key}`);
    }
    const yt = y.t.findIndex(bad);
    if (yt >= 0) problems.push(`${at}/types/t/${yt}`);
    const yu = y.u.findIndex((u, i) => u > (y.c[i] ?? 0));
    if (yu >= 0) problems.push(`${at}/types/u/${yu}`);
  });
  // A profile comparison carries its two profiles and no runs, a profile's page its one profile;
  // any other page, runs.
  const comparison = bundle.view.page === 'profiles';
  const single = bundle.view.page === 'profile';
  const profilesPage = comparison || single;
  if (profilesPage !== profiles.length > 0) problems.push('/view/page');
  if (comparison && profiles.length !== 2) problems.push('/profiles');
  if (single && profiles.length !== 1) problems.push('/profiles');
  if (comparison && profiles[0]?.id === profiles[1]?.id) problems.push('/profiles/1/id');
  if (!profilesPage && bundle.runs.length === 0) problems.push('/runs');
  if (!profilesPage && bundle.view.runs.length === 0) problems.push('/view/runs');
  const ids = new Set(bundle.runs.map((r) => r.id));
  if (ids.size !== bundle.runs.length) problems.push('/runs');
  const missing = bundle.view.runs.findIndex((id) => !ids.has(id));
  if (missing >= 0) problems.push(`/view/runs/${missing}`);
  if (bundle.view.baseline !== '' && !ids.has(bundle.view.baseline))
    problems.push('/view/baseline');
  return problems.slice(0, 20);
}
