// Benchmark outputs, a timeline and a profiler .db dropped into the workspace: each gets its card
// with the figures the file states, and a reload keeps them (they are stored like other files).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import {
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  reloadWhenSaved,
  test,
} from './helpers/app.ts';

const CORE = fileURLToPath(new URL('../src/core/', import.meta.url));
const AIS_A = `${CORE}measure/fixtures/ais_bench/summary-json/2024_03_01-10_15_42_summary.json`;
const AIS_B = `${CORE}measure/fixtures/ais_bench/ait-benchmark/bs8_summary.json`;
const TRT_TIMES = `${CORE}measure/fixtures/trtexec/10.3/times.json`;
const TIMELINE = `${CORE}formats/timeline/fixtures/trace_view.json`;
const DB_SQL = `${CORE}formats/profiler-db/fixtures/torch_npu-level1.sql`;

/** The ais_bench figures, read with JSON.parse here rather than with the product's reader. */
function aisFigures(path: string) {
  const npu = (JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, number>>)
    .NPU_compute_time as Record<string, number>;
  const p99 = Object.entries(npu).find(([k]) => k.startsWith('percentile(99%'))?.[1] as number;
  return { mean: npu.mean as number, p99, count: npu.count as number };
}

const ms = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 3 });

test('ais_bench summaries, a trtexec export, a timeline and a .db load as cards and survive a reload', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-measure-'));
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(readFileSync(DB_SQL, 'utf8'));
  const count = (sql: string) => Number(db.exec(sql)[0]?.values[0]?.[0]);
  const computeTasks = count(
    'SELECT COUNT(*) FROM TASK JOIN COMPUTE_TASK_INFO ON TASK.globalTaskId = COMPUTE_TASK_INFO.globalTaskId',
  );
  const commOps = count('SELECT COUNT(*) FROM COMMUNICATION_OP');
  const dbPath = join(dir, 'ascend_pytorch_profiler_0.db');
  writeFileSync(dbPath, db.export());
  db.close();

  await openEmptyWorkspace(page);
  await dropFiles(page, [AIS_A, AIS_B, TRT_TIMES, TIMELINE, dbPath]);
  await expect(page.getByTestId('file-card')).toHaveCount(5);

  const check = async () => {
    for (const [path, name] of [
      [AIS_A, '2024_03_01-10_15_42_summary.json'],
      [AIS_B, 'bs8_summary.json'],
    ] as const) {
      const f = aisFigures(path);
      const card = fileCard(page, name);
      await expect(card.getByTestId('format-label')).toHaveText('ais_bench summary');
      const m = card.getByTestId('measurement');
      await expect(m).toHaveCount(1);
      await expect(m).toContainText('ais_bench');
      await expect(m).toContainText(`mean ${ms(f.mean)} ms`);
      await expect(m).toContainText(`P99 ${ms(f.p99)} ms`);
      await expect(m).toContainText(`${f.count} iterations`);
    }
    const trt = fileCard(page, 'times.json').getByTestId('measurement');
    await expect(trt).toContainText('TensorRT trtexec');
    await expect(trt).toContainText(/mean [\d.]+ ms/);

    const timeline = fileCard(page, 'trace_view.json');
    await expect(timeline.getByTestId('format-label')).toHaveText('profiler timeline');
    await expect(timeline).toContainText('Perfetto');
    await expect(timeline).not.toContainText('Not loaded');

    const dbCard = fileCard(page, 'ascend_pytorch_profiler_0.db');
    await expect(dbCard.getByTestId('format-label')).toContainText('profiler database (.db)');
    await expect(dbCard).toContainText(`${computeTasks + commOps} rows`);
    await expect(dbCard).toContainText(`${computeTasks} compute tasks`);
    await expect(dbCard).toContainText(`${commOps} communication ops (COMMUNICATION_OP)`);
  };
  await check();
  await reloadWhenSaved(page);
  await expect(page.getByTestId('file-card')).toHaveCount(5);
  await check();
});
