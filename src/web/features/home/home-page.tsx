// The workspace page: drop zone, loaded files with their format and issues, demo data.
export function HomePage() {
  return <main data-testid="home-page" />;
}
