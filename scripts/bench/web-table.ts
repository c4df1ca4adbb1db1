// Bench part `web-table`: sorting the 1,000,000-row operator table, in headless Chromium (the
// browser the dashboard runs in), with the table's radix sort over columnar data against, in the
// same page and on the same rows, TanStack Table's own sorted row model over row objects.
// The module under test (src/web/components/data-table/bench-sort.ts) is bundled by Vite into
// one script and run in a blank page. Target: < 300 ms.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { build, type Rollup } from 'vite';
import { chromium } from '@playwright/test';
import type { BenchPart } from './run.ts';
import type { TableSortFigures } from '../../src/web/components/data-table/bench-sort.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    // Library mode leaves process.env in place; the app's own build replaces it like this.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    root,
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(root, 'src/web/components/data-table/bench-sort.ts'),
        formats: ['iife'],
        name: 'tableBench',
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk')
    throw new Error('web-table: the bench module did not bundle');
  return chunk.code;
}

const webTable: BenchPart = async () => {
  const code = await bundle();
  const browser = await chromium.launch({
    executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>table sort bench</title>');
    await page.addScriptTag({ content: code });
    const figures = await page.evaluate(() =>
      (
        window as unknown as { tableBench: { benchTableSort: () => TableSortFigures } }
      ).tableBench.benchTableSort(),
    );
    const t = figures.tableSort1M;
    return {
      figures: {
        tableSort1M: {
          ms: t.ms,
          baselineMs: t.baselineMs,
          rows: t.rows,
          ratio: Math.round((t.baselineMs / t.ms) * 10) / 10,
        },
      },
      lines: [
        `sort ${t.rows.toLocaleString('en')} rows by duration in Chromium: ${t.ms} ms (median of 5; target < ${t.targetMs} ms)`,
        `baseline, TanStack Table's sorted row model on the same rows: ${t.baselineMs} ms`,
      ],
    };
  } finally {
    await browser.close();
  }
};

export default webTable;
