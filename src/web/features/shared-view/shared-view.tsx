/** Read-only view of a shared comparison (a `#b=` link or a launcher permalink). */
export function SharedView() {
  return <main data-testid="shared-view" />;
}
