// Keeps the roles and batch sizes set by hand on measurement files with the workspace: one
// IndexedDB record a file (`measure-choice:<file id>`), read back at start-up and heard by the
// other tabs (persist-keyed.ts does the keeping). A file's id is the hash of its bytes, so a file
// dropped again later finds the choice made for it.
import type { MeasureChoice } from '../../core/model/run.ts';
import { parseMeasureChoice } from './slices/measure-choices.ts';
import {
  persistKeyedRecords,
  type KeyedRecordsOptions,
  type KeyedRecordsPersistence,
  type KeyedRecordsSpec,
} from './persist-keyed.ts';

export const MEASURE_CHOICE_KEY_PREFIX = 'measure-choice:';
export const MEASURE_CHOICES_CHANNEL = 'aoe-dashboard-measure-choices';

export const measureChoiceRecords: KeyedRecordsSpec<MeasureChoice> = {
  prefix: MEASURE_CHOICE_KEY_PREFIX,
  channel: MEASURE_CHOICES_CHANNEL,
  messageType: 'measure-choices-changed',
  // File ids are sha-256 hex; anything much longer is not ours.
  maxKeyLength: 256,
  // `<html data-choices-saved>`: a reload before it is "true" would show the evidence's role again.
  savedFlag: 'choicesSaved',
  parse: parseMeasureChoice,
  toRecord: (c) => ({ ...c }),
  select: (state) => state.measureChoices,
  apply: (state, set, removed) => state.applyMeasureChoices(set, removed),
};

export function persistMeasureChoices(options: KeyedRecordsOptions = {}): KeyedRecordsPersistence {
  return persistKeyedRecords(measureChoiceRecords, options);
}
