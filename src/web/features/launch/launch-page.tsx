/** Launch page: starts AOE jobs on the launcher that serves this dashboard. */
export function LaunchPage() {
  return <main data-page="launch" />;
}
