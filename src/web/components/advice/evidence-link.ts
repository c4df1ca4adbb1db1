// Where an evidence figure leads: the row it rests on in the run's or the profile's table, found
// by the table's search (its URL state), or the measurement file's row in the run's Measured view,
// so the link also works opened later or in a new tab.
import type { EvidenceRef } from '../../../core/advisor/types.ts';
import { profilePath, runPath } from '../paths.ts';

export interface EvidenceContext {
  /** The run the panel is on (null on a profile page). */
  readonly run: {
    readonly reportId: string;
    readonly taskIndex: number;
    readonly taskName: string;
  } | null;
  /**
   * Profiles and measurement files can be opened (not in a shared session, which carries neither
   * profile rows nor measurement files).
   */
  readonly profiles: boolean;
}

export interface EvidenceTarget {
  readonly pathname: string;
  readonly search: string;
  /** Selector of the table (or panel) to bring into view once the page shows it. */
  readonly focus: string;
}

export function evidenceTarget(
  ref: EvidenceRef | undefined,
  ctx: EvidenceContext,
): EvidenceTarget | null {
  if (!ref || ref.fileId === undefined) return null;
  if (ref.table === 'operators') {
    const run = ctx.run;
    if (!run || ref.fileId !== run.reportId) return null;
    const pathname = runPath(run.reportId, run.taskIndex);
    if (ref.name === undefined || ref.name === run.taskName) {
      return { pathname, search: '?tab=summary', focus: '#run-panel-summary' };
    }
    const p = new URLSearchParams({ tab: 'operators', 'ops.q': ref.name });
    return { pathname, search: `?${p.toString()}`, focus: '[data-testid="operators-table"]' };
  }
  if (ref.table === 'profile') {
    if (!ctx.profiles) return null;
    const p = new URLSearchParams();
    if (ref.name !== undefined) p.set('ops.q', ref.name);
    const search = p.size > 0 ? `?${p.toString()}` : '';
    return {
      pathname: profilePath(ref.fileId),
      search,
      focus:
        ref.name !== undefined ? '[data-testid="profile-operators"]' : '[data-testid="type-table"]',
    };
  }
  if (ref.table === 'measurements') {
    // The run's Measured view (not in a shared session, which carries no measurement files),
    // scrolled to the file's row.
    const run = ctx.run;
    if (!run || !ctx.profiles) return null;
    return {
      pathname: runPath(run.reportId, run.taskIndex),
      search: '?tab=measured',
      focus: `[data-testid="measured-panel"] tr[data-file="${cssString(ref.fileId)}"]`,
    };
  }
  return null;
}

/** A value for a quoted CSS attribute selector: quotes and backslashes escaped, newlines dropped. */
function cssString(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, '');
}

/** Brings the target table into view and focuses it once it is on the page (up to ~2 s). */
export function focusWhenShown(selector: string, tries = 120): void {
  if (typeof document === 'undefined') return;
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) {
    if (tries > 0) requestAnimationFrame(() => focusWhenShown(selector, tries - 1));
    return;
  }
  el.scrollIntoView({ block: 'start' });
  const focusable = el.matches('[tabindex]') ? el : el.querySelector<HTMLElement>('[tabindex="0"]');
  (focusable ?? el).focus({ preventScroll: true });
}
