// Every fixture of every format, speedscope style: imported by its name and again as `unknown`
// (detection by content alone must agree), checked against the model schema, round-tripped
// through a share bundle, and summarised in one snapshot. A new format's fixtures are picked up
// here without a line of test code. Profiler databases are built from their SQL fixtures.
import { beforeAll, describe, expect, test } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import initSqlJs from 'sql.js';
import modelSchema from '../../../schemas/model.v1.schema.json' with { type: 'json' };
import inspectSchema from '../../../schemas/inspect-output.v1.schema.json' with { type: 'json' };
import { importBytes } from './index.ts';
import { measurementsOf, profileContentOf, profileOf, reportOf } from './content.ts';
import type { FormatHost, ImportedFile } from './types.ts';
import { validate } from '../validation/index.ts';
import { fromBundle, toBundle } from '../share/bundle.ts';
import { decodeFragment, encodeBundle } from '../share/codec.ts';
import { sampleSharedRun } from '../share/sample-runs.ts';
import { DEFAULT_VIEW } from '../share/view-state.ts';
import type { SqlEngine } from './profiler-db/engine.ts';

// Fixtures as text (every fixture is text; a BOM stays in the string and is encoded back).
const FILES = import.meta.glob<string>(
  ['./*/fixtures/**/*', '../measure/fixtures/**/*', '!**/*.md'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

function fixtures(): string[] {
  return Object.keys(FILES)
    .map((k) => k.replace(/^\.\.\//, '').replace(/^\.\//, 'formats/'))
    .sort();
}

function textOf(path: string): string {
  const key = path.startsWith('formats/') ? `./${path.slice('formats/'.length)}` : `../${path}`;
  const text = FILES[key];
  if (text === undefined) throw new Error(`no fixture ${path}`);
  return text;
}

let engine: SqlEngine;
let host: FormatHost;
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(modelSchema);
ajv.addSchema(inspectSchema);
const profileSummaryValid = ajv.getSchema(`${modelSchema.$id}#/$defs/profileSummary`);
const measurementValid = ajv.getSchema(`${inspectSchema.$id}#/$defs/measurement`);

beforeAll(async () => {
  engine = await initSqlJs();
  host = { sqlEngine: () => Promise.resolve(engine) };
});

/** The bytes of a fixture; an SQL script becomes the database it builds (named `.db`). */
function load(path: string): { name: string; bytes: Uint8Array } {
  const text = textOf(path);
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!base.endsWith('.sql')) return { name: base, bytes: new TextEncoder().encode(text) };
  const db = new (
    engine as unknown as {
      Database: new () => { run(s: string): void; export(): Uint8Array; close(): void };
    }
  ).Database();
  db.run(text);
  const bytes = db.export();
  db.close();
  return { name: 'ascend_pytorch_profiler_0.db', bytes };
}

/** A compact, stable dump of what a file gave. */
function summary(file: ImportedFile) {
  const report = reportOf(file);
  const profile = profileOf(file);
  const extra = profileContentOf(file);
  const measurements = measurementsOf(file);
  return {
    format: file.format,
    ok: file.ok,
    issues: file.issues.map(
      (i) => `${i.severity}:${i.code}${i.path ? `@${i.path}` : ''}${i.line ? `@L${i.line}` : ''}`,
    ),
    content: file.content?.kind ?? null,
    ...(report ? { tasks: report.tasks.map((t) => `${t.name}:${t.operators.length} ops`) } : {}),
    ...(profile
      ? {
          profile: `${profile.headerSet}: ${profile.summary.rows} rows, ${profile.summary.byType.length} types`,
        }
      : {}),
    ...(extra?.breakdown ? { steps: extra.breakdown.steps } : {}),
    ...(extra?.timeline ? { kernels: extra.timeline.kernels } : {}),
    ...(measurements.length > 0
      ? {
          measurements: measurements.map(
            (m) => `${m.tool} bs=${m.batchSize} n=${m.latencyMs.count} mean=${m.latencyMs.mean}`,
          ),
        }
      : {}),
  };
}

const all = fixtures();

describe('every fixture of every format', () => {
  test('there are fixtures of every kind', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  test.each(all)('%s', async (path) => {
    const { name, bytes } = load(path);
    const named = await importBytes(name, bytes, { host });
    const unknown = await importBytes('unknown', bytes, { host });

    // Content decides: without its name a file is read as the same format, unless only its name
    // said what it was (then the unnamed one is not read, and says so).
    if (!named.issues.some((i) => i.code === 'WRONG_FORMAT') && unknown.format !== 'unknown')
      expect(unknown.format).toBe(named.format);
    expect(unknown.content?.kind ?? null).toBe(
      unknown.format === 'unknown' ? null : (named.content?.kind ?? null),
    );

    const report = reportOf(named);
    if (report) expect(validate('model.v1', report)).toEqual([]);
    const profile = profileOf(named);
    if (profile) expect(profileSummaryValid?.(profile.summary), path).toBe(true);
    for (const m of measurementsOf(named)) {
      const shape = {
        tool: m.tool,
        batchSize: m.batchSize,
        latencyMs: { ...m.latencyMs },
        throughputPerS: m.throughputPerS,
      };
      expect(measurementValid?.(shape), path).toBe(true);
    }

    // Share: a report's runs, or a sample run with this profile linked, survive the link.
    const runs = report
      ? report.tasks.map((task, i) => ({
          ...sampleSharedRun(`r${i}`, 0),
          run: { ...sampleSharedRun(`r${i}`, 0).run, task, generation: report.generation },
        }))
      : profile
        ? [
            {
              ...sampleSharedRun('p', 3),
              run: { ...sampleSharedRun('p', 3).run, profile: profile.summary },
              profile: {
                id: profile.id,
                fileName: profile.fileName,
                format: profile.format,
                headerSet: profile.headerSet,
                summary: profile.summary,
              },
            },
          ]
        : [];
    if (runs.length > 0 && runs.length <= 64) {
      const ids = runs.map((r) => r.run.id);
      const encoded = encodeBundle(
        toBundle(runs, { ...DEFAULT_VIEW, runs: ids, baseline: ids[0] ?? '' }),
      );
      expect(encoded.ok).toBe(true);
      if (encoded.ok) {
        const decoded = decodeFragment(encoded.fragment);
        expect(decoded.ok ? [] : decoded.issues).toEqual([]);
        if (decoded.ok) {
          const back = fromBundle(decoded.bundle).runs;
          expect(back.map((r) => r.run.task.name)).toEqual(runs.map((r) => r.run.task.name));
          expect(back.map((r) => r.profile?.format ?? null)).toEqual(
            runs.map((r) => r.profile?.format ?? null),
          );
        }
      }
    }

    expect(summary(named)).toMatchSnapshot();
  });
});
