// The migration acceptance report (迁移验收表): build once, render as Markdown or offline HTML.
export { buildAcceptanceReport, REPORT_TOP_OPERATORS } from './acceptance.ts';
export type { AcceptanceInput, AcceptanceReport, LatencySeries } from './acceptance.ts';
export { acceptanceMarkdown } from './markdown.ts';
export { acceptanceHtml, escapeHtml } from './html.ts';
