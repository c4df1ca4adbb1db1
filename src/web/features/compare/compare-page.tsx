/** Compare page: a pinned baseline against N runs, the gate verdict and the share link. */
export function ComparePage() {
  return <main data-testid="compare-page" />;
}
