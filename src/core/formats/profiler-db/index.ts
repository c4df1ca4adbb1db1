// The profiler database reader, not yet in the format registry: hosts call it directly, with an
// engine they initialised (engine.ts says how, in Node and in the browser worker).
import { readProfilerDb } from './read.ts';
import { sniffProfilerDb } from './sniff.ts';

export const profilerDbReader = {
  id: 'profiler-db',
  sniff: sniffProfilerDb,
  read: readProfilerDb,
} as const;
