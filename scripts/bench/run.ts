// `npm run bench [-- --json] [-- --only NAME,...]`: runs every benchmark part in this folder and
// prints its figures. Each part measures against a baseline in the same run (papaparse, a plain
// implementation, …) and never asserts timings: it reports them, with the target beside them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export interface BenchPartResult {
  /** Merged into the `--json` object at the top level, e.g. `{ csvIngest: {...} }`. */
  readonly figures: Record<string, unknown>;
  /** Human-readable lines for the default output. */
  readonly lines: readonly string[];
}
export type BenchPart = (opts: { readonly json: boolean }) => Promise<BenchPartResult>;

const PARTS = [
  'csv-ingest',
  'aoe',
  'measure',
  'profile-ext',
  'web',
  'web-table',
  'share',
  'launcher',
  'history',
] as const;

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;

const figures: Record<string, unknown> = {};
for (const name of PARTS) {
  if (only && !only.includes(name)) continue;
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) continue;
  const mod = (await import(file)) as { default: BenchPart };
  if (!json) console.log(`\n== ${name}`);
  const result = await mod.default({ json });
  Object.assign(figures, result.figures);
  if (!json) for (const line of result.lines) console.log(line);
}
if (json) console.log(JSON.stringify(figures));
