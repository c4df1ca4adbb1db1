// Keeps the Advice panel's dismissals with the workspace: one IndexedDB record a dismissed
// finding (`dismissal:<finding key>`), read back at start-up and heard by the other tabs, so that
// every tab shows the same findings (persist-keyed.ts does the keeping).
import { parseDismissal, type Dismissal } from '../../core/advisor/dismissals.ts';
import {
  persistKeyedRecords,
  type KeyedRecordsOptions,
  type KeyedRecordsPersistence,
  type KeyedRecordsSpec,
} from './persist-keyed.ts';

export const DISMISSAL_KEY_PREFIX = 'dismissal:';
export const DISMISSALS_CHANNEL = 'aoe-dashboard-dismissals';

export const dismissalRecords: KeyedRecordsSpec<Dismissal> = {
  prefix: DISMISSAL_KEY_PREFIX,
  channel: DISMISSALS_CHANNEL,
  messageType: 'dismissals-changed',
  // Finding keys are rule|files|title: far below this.
  maxKeyLength: 4096,
  // `<html data-dismissals-saved>`: a reload before it is "true" would show the finding again.
  savedFlag: 'dismissalsSaved',
  parse: parseDismissal,
  toRecord: (d) => ({ reason: d.reason, at: d.at }),
  select: (state) => state.dismissals,
  apply: (state, set, removed) => state.applyDismissals(set, removed),
};

export function persistDismissals(options: KeyedRecordsOptions = {}): KeyedRecordsPersistence {
  return persistKeyedRecords(dismissalRecords, options);
}
