import { expect, test } from 'vitest';
import OP_SUMMARY from '../../../core/formats/op-summary/fixtures/msprof-8.x/op_summary_20261102094530.csv?raw';
import { collectPicked } from './collect-files.ts';

/** A File as a folder picker gives it: `webkitRelativePath` set to the path inside the folder. */
function picked(path: string, text: string): File {
  const file = new File([text], path.slice(path.lastIndexOf('/') + 1));
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

test('loose files are all loaded, whatever they are: detection by content reports on them', async () => {
  const files = [new File(['not json'], 'notes.txt'), new File([OP_SUMMARY], 'renamed.json')];
  const { load, skipped } = await collectPicked(files);
  expect(load.map((e) => e.path)).toEqual(['notes.txt', 'renamed.json']);
  expect(skipped).toEqual([]);
});

test('in a folder, only the formats the registry reads are loaded; the rest is skipped with the reason', async () => {
  const { load, skipped } = await collectPicked([
    picked('run/PROF_1/device_0/summary/op_summary_0_1.csv', OP_SUMMARY),
    picked('run/aoe.log', 'tuning…'),
    picked('run/PROF_1/device_0/data/model.om', '\u0000binary'),
    picked('run/PROF_1/timeline/trace_view.json', '[{"name":"x","ph":"X","pid":1,"tid":1,"ts":0}]'),
    picked(
      'run/PROF_1/summary/task_time_0_1.csv',
      'Device_id,kernel_name,kernel_type,stream_id,task_id\n0,a,b,1,2\n',
    ),
  ]);
  expect(load.map((e) => e.path)).toEqual([
    'run/PROF_1/device_0/summary/op_summary_0_1.csv',
    'run/PROF_1/timeline/trace_view.json',
  ]);
  expect(skipped.map((s) => [s.path, s.reason, s.issue?.found])).toEqual([
    // A .log may be a benchmark output: it is looked at, and this one is not.
    ['run/aoe.log', 'not-recognised', undefined],
    ['run/PROF_1/device_0/data/model.om', 'unsupported-type', undefined],
    ['run/PROF_1/summary/task_time_0_1.csv', 'not-recognised', 'task-time'],
  ]);
});
