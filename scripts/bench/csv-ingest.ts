// Bench part `csv-ingest`: throughput and peak memory of reading a ~100 MB torch_npu
// kernel_details.csv, next to papaparse on the same file in the same run.
//
// The file is generated deterministically (seeded) into .bench/: 500,000 rows of the 2025-06
// Level1 header set with the real quirks — CRLF, a TAB after start times, literal quotes in shape
// cells (`"""32,3,224,224"""`), N/A cells and COMMUNICATION rows.
// - ours streams the file from disk in 1 MiB chunks through the kernel_details parser, as the
//   ingest worker does, and builds the columnar table and the summary;
// - papaparse reads and decodes the whole file, then parses it with `header: false`, its fastest
//   mode that still yields every cell; reading and decoding are timed, as they are for ours.
// Every run is a fresh child process parsing the file once — a user loads a file once, so both
// sides pay their start-up (JIT warm-up) alike — and the parent alternates ours and papaparse,
// so a machine busy with other work slows both alike. Figures are medians over the runs; the
// peak RSS is the largest process.resourceUsage().maxRSS of our children, ours alone. CPU time
// is reported beside wall time: it is what each parser costs whatever else the machine runs.
// A fourth peer, `ranges`, is our reading as inspect does it (parallel-csv.ts: byte ranges on the
// calling thread and a worker per further core, merged, the SHA-256 of the file beside), since
// DuckDB too reads with every core. A fifth, `byte-loop`, is the floor of any JS tokenizer on one
// thread: the file read in the same 1 MiB chunks and every byte tested the way the tokenizer's
// hot loop tests it (one comparison, a table look-up below `,`), nothing stored; DuckDB's wall
// time over its wall time is the most a single-thread JS reader could reach against DuckDB.
// Two more split ours into stages: `tokenizer`, our tokenizer alone storing the cells ours
// stores, and `sha256`, the file's hash alone; with the byte loop they give the CPU per MB of
// each stage.
// Targets: ≥ 3× papaparse, ≥ 2× DuckDB by wall time, peak RSS < 500 MB.
//
// With `--csv-1gb` (slow: a few minutes; `--csv-1gb-clean` deletes the file afterwards), the same generator writes a ~1 GB file (4,000,000
// rows) and three figures are taken on it, each a median of fresh processes alternating:
// - the parser alone, as above (target: peak RSS ≤ 300 MB);
// - DuckDB on the same 7 columns, as above;
// - the real command, `node bin/aoe-dashboard.js inspect --json FILE`, timed from spawn to exit
//   (start-up, tsx, hashing, worker threads, merge, summary, output: what a user waits), its
//   peak RSS and CPU time taken at exit by a preloaded hook (bench-rusage.mjs), the worker
//   threads included. Target: ≤ 1.3× the parser alone in time, peak RSS ≤ 400 MB. Its rows are
//   checked against the parser's.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import { unlinkSync } from 'node:fs';
import { renameSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchPart } from './run.ts';

const ROWS = 500_000;
const RUNS = 5;
const TARGET_RATIO = 3;
const TARGET_RSS_MB = 500;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const benchFile = join(root, '.bench', `kernel_details_${ROWS}_v3.csv`);
const ROWS_1GB = 4_000_000;
const RUNS_1GB = 3;
const bigFile = join(root, '.bench', `kernel_details_${ROWS_1GB}_v3.csv`);
const TARGET_1GB_RSS_MB = 300;
const TARGET_INSPECT_RATIO = 1.3;
const TARGET_INSPECT_RSS_MB = 400;

/** Wall-clock seconds and CPU seconds (all threads of the process) of one run. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

interface ChildResult {
  readonly timing: Timing;
  readonly rows: number;
  readonly maxRssMb: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function startClock(): () => Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
}

/** One read of the file through our kernel_details parser. */
async function oursOnce(file: string): Promise<[Timing, number]> {
  const { kernelDetailsFormat } = await import('../../src/core/formats/kernel-details/index.ts');
  const chunk = new Uint8Array(1 << 20);
  const stop = startClock();
  const parser = kernelDetailsFormat.createParser({ fileName: 'kernel_details.csv', id: '' });
  const fd = openSync(file, 'r');
  // The host knows the file size (inspect, the ingest worker): the columns are sized from it.
  if ('sizeHint' in parser && typeof parser.sizeHint === 'function')
    (parser as { sizeHint(n: number): void }).sizeHint(statSync(file).size);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    parser.push(chunk.subarray(0, n));
  }
  closeSync(fd);
  const result = parser.finish();
  const timing = stop();
  if (!result.ok) throw new Error(`bench file did not parse: ${result.errors[0]?.message}`);
  // The generated file is clean: any warning means the generator and the parser disagree.
  if (result.warnings.length > 0) throw new Error(`bench file: ${result.warnings[0]?.message}`);
  const value = result.value;
  return [timing, value.kind === 'profile' ? (value.profile?.table?.rowCount ?? 0) : 0];
}

/** Runs in a child process: one parse, printed as a ChildResult in JSON. */
async function child(mode: string, file: string): Promise<void> {
  let timing: Timing;
  let rows: number;
  if (mode === 'ours') {
    [timing, rows] = await oursOnce(file);
  } else if (mode === 'ours-ranges') {
    // What `inspect` does with the file: byte ranges on one worker thread per core, merged, and
    // the SHA-256 of the file beside them (DuckDB too uses every core).
    const { importFile } = await import('../../src/launcher/cli/parallel-csv.ts');
    const stop = startClock();
    const imported = await importFile(file);
    timing = stop();
    const c = imported.content;
    rows = c?.kind === 'profile' ? (c.profile?.table?.rowCount ?? 0) : 0;
  } else if (mode === 'byte-loop') {
    const structural = new Uint8Array(256);
    for (const b of [10, 13, 34, 44]) structural[b] = 1;
    const chunk = new Uint8Array(1 << 20);
    const stop = startClock();
    const fd = openSync(file, 'r');
    let lines = 0;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const c = chunk[i] as number;
        if (c <= 44 && structural[c] === 1 && c === 10) lines++;
      }
    }
    closeSync(fd);
    timing = stop();
    rows = lines - 1;
  } else if (mode === 'tokenizer') {
    // Our tokenizer alone, storing the cells the `ours` reading stores (the 7 kept columns, the
    // utilisation columns, the precision digest's): what is left of ours without the row work.
    const { CsvTokenizer } = await import('../../src/core/formats/csv/tokenizer.ts');
    const names = HEADER.split(',');
    const kept = [
      'Name',
      'Type',
      'Accelerator Core',
      'Input Shapes',
      'Start Time(us)',
      'Duration(us)',
      'Wait Time(us)',
      'aic_mac_ratio',
      'aiv_vec_ratio',
      'cube_utilization(%)',
      'OP State',
      'Input Data Types',
    ].map((n) => names.indexOf(n));
    const chunk = new Uint8Array(1 << 20);
    const stop = startClock();
    let records = 0;
    const tokenizer: InstanceType<typeof CsvTokenizer> = new CsvTokenizer({
      record: () => {
        if (records++ === 0) tokenizer.storeColumns(kept);
        return true;
      },
    });
    const fd = openSync(file, 'r');
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      tokenizer.push(chunk.subarray(0, n));
    }
    closeSync(fd);
    tokenizer.finish();
    timing = stop();
    rows = records - 1;
  } else if (mode === 'sha256') {
    // The SHA-256 of the file (the file's id), in the same 1 MiB reads.
    const { createHash } = await import('node:crypto');
    const chunk = new Uint8Array(1 << 20);
    const stop = startClock();
    const hash = createHash('sha256');
    const fd = openSync(file, 'r');
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
    }
    closeSync(fd);
    hash.digest('hex');
    timing = stop();
    rows = ROWS;
  } else if (mode === 'duckdb') {
    // DuckDB's CSV reader materializing the same 7 columns of the same file, and their sum.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const stop = startClock();
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const path = file.replace(/'/g, "''");
    await con.run(
      `CREATE TABLE k AS SELECT "Name", "Type", "Accelerator Core", "Input Shapes", ` +
        `"Start Time(us)", "Duration(us)", "Wait Time(us)" FROM read_csv('${path}', header = true)`,
    );
    const read = await con.runAndReadAll('SELECT count(*), sum("Duration(us)") FROM k');
    timing = stop();
    rows = Number(read.getRows()[0]?.[0] ?? 0);
  } else {
    const Papa = (await import('papaparse')).default;
    // Reading and decoding are inside the timed window, as they are for ours.
    const stop = startClock();
    const text = readFileSync(file, 'utf8');
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
    timing = stop();
    rows = parsed.data.length - 1;
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const result: ChildResult = { timing, rows, maxRssMb };
  process.stdout.write(JSON.stringify(result));
}

function runChild(
  mode: 'ours' | 'ours-ranges' | 'papaparse' | 'duckdb' | 'byte-loop' | 'tokenizer' | 'sha256',
  file = benchFile,
): ChildResult {
  const out = execFileSync(
    process.execPath,
    ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), mode, file],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out) as ChildResult;
}

/**
 * `node bin/aoe-dashboard.js inspect --json FILE` as a user runs it: wall time from spawn to
 * exit; peak RSS and CPU time of the whole process (worker threads included) from a hook that
 * runs at exit. The rows it reports are returned to be checked.
 */
function runInspect(file: string): ChildResult {
  const hook = join(here, 'bench-rusage.mjs');
  const t0 = performance.now();
  const out = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(hook).href,
      join(root, 'bin/aoe-dashboard.js'),
      'inspect',
      '--json',
      file,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const wall = (performance.now() - t0) / 1000;
  if (out.status !== 0) throw new Error(`inspect exited with ${out.status}: ${out.stderr}`);
  const usage = /@@rusage (\{.*\})/.exec(out.stderr)?.[1];
  if (!usage) throw new Error(`inspect: no resource usage on stderr: ${out.stderr}`);
  const u = JSON.parse(usage) as { maxRssKb: number; cpuS: number };
  const parsed = JSON.parse(out.stdout) as {
    files: { ok: boolean; profile?: { rows: number } }[];
  };
  const f = parsed.files[0];
  if (!f?.ok) throw new Error('inspect: the bench file did not read cleanly');
  return { timing: { wall, cpu: u.cpuS }, rows: f.profile?.rows ?? 0, maxRssMb: u.maxRssKb / 1024 };
}

function ensureFile(file = benchFile, rows = ROWS): number {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    const fd = openSync(tmp, 'w');
    generateKernelDetails(rows, 20261102, (text) => writeSync(fd, text));
    closeSync(fd);
    renameSync(tmp, file);
  }
  return statSync(file).size;
}

const HEADER =
  'Step Id,Device_id,Model ID,Task ID,Stream ID,Name,Type,OP State,Accelerator Core,' +
  'Start Time(us),Duration(us),Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,' +
  'Input Shapes,Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,' +
  'Context ID,aicore_time(us),aic_total_cycles,aic_mac_time(us),aic_mac_ratio,' +
  'aic_scalar_time(us),aic_scalar_ratio,aic_mte1_time(us),aic_mte1_ratio,aic_mte2_time(us),' +
  'aic_mte2_ratio,aic_fixpipe_time(us),aic_fixpipe_ratio,aic_icache_miss_rate,aiv_time(us),' +
  'aiv_total_cycles,aiv_vec_time(us),aiv_vec_ratio,aiv_scalar_time(us),aiv_scalar_ratio,' +
  'aiv_mte2_time(us),aiv_mte2_ratio,aiv_mte3_time(us),aiv_mte3_ratio,aiv_icache_miss_rate,' +
  'cube_utilization(%)';

/** [type, core, input shapes, formats] of the operators a resnet-like step launches. */
const KINDS = [
  ['Conv2D', 'AI_CORE', '32,64,56,56;64,64,3,3', 'NC1HWC0;FRACTAL_Z'],
  ['Relu', 'AI_VECTOR_CORE', '32,64,56,56', 'NC1HWC0'],
  ['Add', 'AI_VECTOR_CORE', '32,256,56,56;32,256,56,56', 'NC1HWC0;NC1HWC0'],
  ['TransData', 'AI_VECTOR_CORE', '32,3,224,224', 'NCHW'],
  ['MatMulV2', 'AI_CORE', '32,2048;2048,1000', 'ND;ND'],
  ['MaxPoolV3', 'AI_VECTOR_CORE', '32,64,112,112', 'NC1HWC0'],
] as const;

/** Writes the bench table in pieces; deterministic for a given seed. */
function generateKernelDetails(rows: number, seed: number, write: (text: string) => void): void {
  let state = seed >>> 0;
  const rand = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const f = (x: number) => x.toFixed(3);
  const g = (x: number) => x.toFixed(1);
  const w = (x: number) => (x === 0 ? '0' : x.toFixed(3));
  write(HEADER + '\r\n');
  // The start time in whole µs plus ns: an epoch in ns does not fit a float64 exactly.
  let us = 1764246877073569;
  let ns = 640;
  let out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const step = 1 + Math.floor(r / 5000);
    const k = KINDS[Math.floor(rand() * KINDS.length)] ?? KINDS[0];
    const dur = 2 + rand() * (k[1] === 'AI_CORE' ? 400 : 60);
    const wait = rand() < 0.7 ? 0 : rand() * 20;
    ns += Math.round((dur + wait) * 1000);
    us += Math.floor(ns / 1000);
    ns %= 1000;
    const start = `${us}.${String(ns).padStart(3, '0')}\t`;
    if (r % 997 === 996) {
      // An HCCL operator: N/A everywhere but name, type, core, times and block.
      const na = Array(34).fill('N/A').join(',');
      out.push(
        `${step},0,4294967295,N/A,N/A,hcom_allReduce__${r}_1,hcom_allReduce_,N/A,` +
          `COMMUNICATION,${start},${f(dur * 20)},${f(wait)},0,${na}`,
      );
    } else {
      const cube = k[1] !== 'AI_VECTOR_CORE';
      const t = g(dur * 0.9);
      const cycles = Math.floor(dur * 180);
      const a = cube
        ? `${t},${cycles},${g(dur * 0.6)},0.6,${g(dur * 0.1)},0.1,0,0,${g(dur * 0.2)},0.2,0,0,0`
        : '0,0,0,0,0,0,0,0,0,0,0,0,0';
      const v = cube
        ? '0,0,0,0,0,0,0,0,0,0,0'
        : `${t},${cycles},${g(dur * 0.5)},0.5,${g(dur * 0.1)},0.1,${g(dur * 0.3)},0.3,0,0,0`;
      out.push(
        `${step},0,4294967295,${r % 65536},2,${k[0]}_${r % 53},${k[0]},dynamic,${k[1]},` +
          `${start},${f(dur)},${w(wait)},${cube ? 24 : 48},0,NO,"""${k[2]}""",FLOAT16,${k[3]},` +
          `"""${k[2].split(';')[0]}""",FLOAT16,NC1HWC0,N/A,${a},${v},${cube ? '0.4' : '0'}`,
      );
    }
    if (out.length === 10_000) {
      write(out.join('\r\n') + '\r\n');
      out = [];
    }
  }
  if (out.length > 0) write(out.join('\r\n') + '\r\n');
}

const csvIngest: BenchPart = async () => {
  const loadBefore = loadavg()[0] ?? NaN;
  const bytes = ensureFile();
  const fileMb = bytes / 1e6;
  const ours: ChildResult[] = [];
  const papa: ChildResult[] = [];
  const duck: ChildResult[] = [];
  const ranges: ChildResult[] = [];
  const loop: ChildResult[] = [];
  const tok: ChildResult[] = [];
  const sha: ChildResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(runChild('ours'));
    papa.push(runChild('papaparse'));
    duck.push(runChild('duckdb'));
    ranges.push(runChild('ours-ranges'));
    loop.push(runChild('byte-loop'));
    tok.push(runChild('tokenizer'));
    sha.push(runChild('sha256'));
  }
  const both = {
    ours: ours.map((r) => r.timing),
    papaparse: papa.map((r) => r.timing),
    rows: ours[0]?.rows ?? 0,
    papaparseRows: papa[0]?.rows ?? 0,
  };
  const peakRss = Math.max(...ours.map((r) => r.maxRssMb));
  const wall = (ts: readonly Timing[]) => median(ts.map((t) => t.wall));
  const cpu = (ts: readonly Timing[]) => median(ts.map((t) => t.cpu));
  const mbPerS = fileMb / wall(both.ours);
  const papaparseMbPerS = fileMb / wall(both.papaparse);
  const ratio = mbPerS / papaparseMbPerS;
  // CPU time is what each parser costs, whatever else the machine is doing; wall time is what a
  // user waits. On an idle machine the two ratios agree.
  const cpuRatio = cpu(both.papaparse) / cpu(both.ours);
  const duckdbWall = wall(duck.map((r) => r.timing));
  const duckdbRatio = duckdbWall / wall(both.ours);
  const duckdbCpuRatio = cpu(duck.map((r) => r.timing)) / cpu(both.ours);
  const figures = {
    mbPerS: round(mbPerS),
    papaparseMbPerS: round(papaparseMbPerS),
    ratio: round(ratio),
    peakRssMb: round(peakRss),
    rows: both.rows,
    fileMb: round(fileMb),
    cpuRatio: round(cpuRatio),
    duckdbMbPerS: round(fileMb / duckdbWall),
    duckdbRatio: round(duckdbRatio),
    duckdbCpuRatio: round(duckdbCpuRatio),
    duckdbRows: duck[0]?.rows ?? 0,
    rangesMbPerS: round(fileMb / wall(ranges.map((r) => r.timing))),
    rangesCpuS: round2(cpu(ranges.map((r) => r.timing))),
    rangesPeakRssMb: round(Math.max(...ranges.map((r) => r.maxRssMb))),
    rangesDuckdbRatio: round(duckdbWall / wall(ranges.map((r) => r.timing))),
    rangesRows: ranges[0]?.rows ?? 0,
    byteLoopMbPerS: round(fileMb / wall(loop.map((r) => r.timing))),
    byteLoopCpuS: round2(cpu(loop.map((r) => r.timing))),
    byteLoopDuckdbRatio: round(duckdbWall / wall(loop.map((r) => r.timing))),
    byteLoopRows: loop[0]?.rows ?? 0,
    tokenizerMbPerS: round(fileMb / wall(tok.map((r) => r.timing))),
    tokenizerCpuS: round2(cpu(tok.map((r) => r.timing))),
    tokenizerRows: tok[0]?.rows ?? 0,
    oursCpuS: round2(cpu(both.ours)),
    sha256CpuS: round2(cpu(sha.map((r) => r.timing))),
    duckdbCpuS: round2(cpu(duck.map((r) => r.timing))),
    loadAverage: round(loadavg()[0] ?? NaN),
    loadAverageBefore: round(loadBefore),
  };
  // CPU ms per MB of each stage (medians of fresh processes): where a reading's time goes.
  const perMb = (s: number) => round((s * 1000) / fileMb);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = [
    `file: ${figures.fileMb} MB, ${figures.rows} rows (papaparse counted ${both.papaparseRows})`,
    `ours:      ${figures.mbPerS} MB/s (median of ${RUNS} fresh processes)`,
    `papaparse: ${figures.papaparseMbPerS} MB/s (median of ${RUNS}, alternating with ours)`,
    `ratio:     ${figures.ratio}×   target ≥ ${TARGET_RATIO}×  ${met(ratio >= TARGET_RATIO)}`,
    `           ${figures.cpuRatio}× by CPU time; load average ${figures.loadAverage} on ${availableParallelism()} CPUs`,
    `duckdb:    ${figures.duckdbMbPerS} MB/s, same 7 columns (${figures.duckdbRows} rows); ours ${figures.duckdbRatio}× by wall time (target ≥ 2×  ${met(duckdbRatio >= 2)}), ${figures.duckdbCpuRatio}× by CPU time`,
    `ranges:    ${figures.rangesMbPerS} MB/s as inspect reads it (${figures.rangesRows} rows; worker threads, SHA-256 beside), ${figures.rangesCpuS} s CPU, peak ${figures.rangesPeakRssMb} MB; ${figures.rangesDuckdbRatio}× DuckDB by wall time (target ≥ 2×  ${met(figures.rangesDuckdbRatio >= 2)})`,
    `byte loop: ${figures.byteLoopMbPerS} MB/s, ${figures.byteLoopCpuS} s CPU (${figures.byteLoopRows} lines): the floor of a one-thread JS scan, ${figures.byteLoopDuckdbRatio}× DuckDB by wall time`,
    `tokenizer: ${figures.tokenizerMbPerS} MB/s alone, same cells stored (${figures.tokenizerRows} rows)`,
    `CPU per MB: byte loop ${perMb(figures.byteLoopCpuS)} ms, tokenizer ${perMb(figures.tokenizerCpuS)} ms, ours ${perMb(figures.oursCpuS)} ms (row work and summary ${perMb(figures.oursCpuS - figures.tokenizerCpuS)} ms), SHA-256 ${perMb(figures.sha256CpuS)} ms, ranges ${perMb(figures.rangesCpuS)} ms; DuckDB ${perMb(figures.duckdbCpuS)} ms`,
    `peak RSS:  ${figures.peakRssMb} MB   target < ${TARGET_RSS_MB} MB  ${met(peakRss < TARGET_RSS_MB)}`,
  ];
  if (!process.argv.includes('--csv-1gb')) {
    lines.push('1 GB file and inspect: not run (pass --csv-1gb)');
    return { figures: { csvIngest: figures }, lines };
  }
  const big = bigFigures();
  lines.push(...big.lines);
  // `--csv-1gb-clean`: the ~1 GB file is deleted afterwards (else it is kept for the next run).
  if (process.argv.includes('--csv-1gb-clean') && existsSync(bigFile)) unlinkSync(bigFile);
  return { figures: { csvIngest: { ...figures, big: big.figures } }, lines };
};

/** The ~1 GB figures: the parser alone, DuckDB and `inspect` on the same file, alternating. */
function bigFigures(): { figures: Record<string, number>; lines: string[] } {
  const loadBefore = loadavg()[0] ?? NaN;
  const bytes = ensureFile(bigFile, ROWS_1GB);
  const parser: ChildResult[] = [];
  const duck: ChildResult[] = [];
  const inspect: ChildResult[] = [];
  for (let run = 0; run < RUNS_1GB; run++) {
    parser.push(runChild('ours', bigFile));
    duck.push(runChild('duckdb', bigFile));
    inspect.push(runInspect(bigFile));
  }
  for (const r of [...duck, ...inspect]) {
    if (r.rows !== parser[0]?.rows)
      throw new Error(`1 GB: ${r.rows} rows, the parser read ${parser[0]?.rows}`);
  }
  const wall = (rs: readonly ChildResult[]) => median(rs.map((r) => r.timing.wall));
  const cpu = (rs: readonly ChildResult[]) => median(rs.map((r) => r.timing.cpu));
  const peak = (rs: readonly ChildResult[]) => Math.max(...rs.map((r) => r.maxRssMb));
  // Each inspect run against the parser run just before it: the pair saw the same machine load.
  const pairRatios = inspect.map((r, k) => r.timing.wall / (parser[k]?.timing.wall ?? NaN));
  const f = {
    fileMb: round(bytes / 1e6),
    rows: parser[0]?.rows ?? 0,
    parserS: round2(wall(parser)),
    parserCpuS: round2(cpu(parser)),
    parserPeakRssMb: round(peak(parser)),
    duckdbS: round2(wall(duck)),
    duckdbCpuS: round2(cpu(duck)),
    duckdbPeakRssMb: round(peak(duck)),
    duckdbRatio: round2(wall(duck) / wall(parser)),
    inspectS: round2(wall(inspect)),
    inspectCpuS: round2(cpu(inspect)),
    inspectPeakRssMb: round(peak(inspect)),
    inspectRatio: round2(wall(inspect) / wall(parser)),
    inspectPairRatio: round2(median(pairRatios)),
    loadAverageBefore: round(loadBefore),
    loadAverage: round(loadavg()[0] ?? NaN),
  };
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = [
    `1 GB file: ${f.fileMb} MB, ${f.rows} rows; medians of ${RUNS_1GB} fresh processes, alternating; load average ${f.loadAverageBefore} → ${f.loadAverage}`,
    `  parser alone: ${f.parserS} s (${f.parserCpuS} s CPU), peak RSS ${f.parserPeakRssMb} MB   target ≤ ${TARGET_1GB_RSS_MB} MB  ${met(f.parserPeakRssMb <= TARGET_1GB_RSS_MB)}`,
    `  duckdb, same 7 columns: ${f.duckdbS} s (${f.duckdbCpuS} s CPU), peak RSS ${f.duckdbPeakRssMb} MB; ours ${f.duckdbRatio}× by wall time`,
    `  inspect --json (spawn → exit): ${f.inspectS} s (${f.inspectCpuS} s CPU), peak RSS ${f.inspectPeakRssMb} MB   target ≤ ${TARGET_INSPECT_RSS_MB} MB  ${met(f.inspectPeakRssMb <= TARGET_INSPECT_RSS_MB)}`,
    `  inspect ÷ parser alone: ${f.inspectRatio} (medians), ${f.inspectPairRatio} (median of run pairs)   target ≤ ${TARGET_INSPECT_RATIO}  ${met(f.inspectRatio <= TARGET_INSPECT_RATIO)}`,
  ];
  return { figures: f, lines };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export default csvIngest;

const [, entry, mode, file] = process.argv;
if (entry && import.meta.url === pathToFileURL(entry).href && mode && file) await child(mode, file);
