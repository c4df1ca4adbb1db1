// Bench part `profile-ext`: the deeper profile readers on large inputs, each next to a baseline
// in the same run.
// - A generated torch_npu-style trace_view.json of 200 MB, summarised streamed in 1 MiB chunks,
//   next to a bare JSON.parse of the same text (it fits V8's string limit, about 512 MiB; the
//   figure to watch is the ratio, and that the reader's heap stays small while JSON.parse's
//   grows with the file).
// - A generated profiler .db of 1,000,000 compute tasks (TASK ⋈ COMPUTE_TASK_INFO, STRING_IDS,
//   a few COMMUNICATION_OP rows), read into the columnar table, next to sql.js's own
//   `SELECT count(*)` of the same join on the same bytes (opening the database included in both).
// Generated deterministically; median of a few runs; no targets asserted.
import initSqlJs from 'sql.js';
import { timelineReader } from '../../src/core/formats/timeline/index.ts';
import { profilerDbReader } from '../../src/core/formats/profiler-db/index.ts';
import type { BenchPart } from './run.ts';

const TRACE_BYTES = 200 * 1024 * 1024;
const CHUNK = 1 << 20;
const KERNELS = 1_000_000;
const RUNS = 3;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;
const heapMb = () => process.memoryUsage().heapUsed / 1e6;

/** trace_view.json in 1 MiB pieces: per launch a host op, a flow pair and a device kernel. */
function generateTrace(bytes: number): Uint8Array[] {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let part: string[] = [
    '[\n{"ph":"M","name":"process_name","pid":3096504,"tid":0,"args":{"name":"Python"}},',
    '{"ph":"M","name":"process_name","pid":3170820512,"tid":0,"args":{"name":"Ascend Hardware"}},',
    '{"ph":"M","name":"thread_name","pid":3170820512,"tid":2,"args":{"name":"Stream 2"}},',
    '{"ph":"M","name":"process_name","pid":3170820576,"tid":0,"args":{"name":"HCCL"}},',
  ];
  let size = 0;
  let partSize = part.reduce((s, x) => s + x.length, 0);
  let t = 1736408883700000;
  let i = 0;
  const ts = (x: number) =>
    `"${Math.floor(x)}.${String(Math.round((x % 1) * 1000)).padStart(3, '0')}"`;
  while (size + partSize < bytes - 200) {
    if (i % 5000 === 0) {
      part.push(
        `{"name":"ProfilerStep#${i / 5000}","pid":3096504,"tid":3096504,"ts":${ts(t)},"dur":${5000 * 12},"cat":"cpu_op","ph":"X","args":{"Sequence number":-1}},`,
      );
    }
    const k = t + 3.25;
    const d = 4 + (i % 7) * 1.125;
    const ev =
      `{"name":"aten::add","pid":3096504,"tid":3096504,"ts":${ts(t)},"dur":2.5,"cat":"cpu_op","ph":"X","args":{"Sequence number":${i},"Fwd thread id":0}},\n` +
      `{"ph":"s","bp":"e","name":"HostToDevice${i}","id":"${i}","pid":3096504,"tid":3096504,"ts":${ts(t + 1)},"cat":"HostToDevice"},\n` +
      `{"name":"aclnnAdd_AddAiCore_Add","pid":3170820512,"tid":2,"ts":${ts(k)},"dur":${d},"args":{"Model Id":4294967295,"Task Type":"AI_VECTOR_CORE","Physic Stream Id":2,"Task Id":${i % 65536},"Batch Id":0,"Subtask Id":4294967295,"connection_id":${i}},"ph":"X"},\n` +
      `{"ph":"f","bp":"e","name":"HostToDevice${i}","id":"${i}","pid":3170820512,"tid":2,"ts":${ts(k)},"cat":"HostToDevice"},\n` +
      (i % 1000 === 999
        ? `{"name":"hcom_allReduce__${i}_0_1","pid":3170820576,"tid":0,"ts":${ts(k)},"dur":300,"args":{"connection_id":${i},"model id":4294967295,"data_type":"FP32","alg_type":"MESH-RING","count":4097000},"ph":"X"},\n`
        : '');
    part.push(ev);
    partSize += ev.length;
    t += 12;
    i++;
    if (partSize >= CHUNK) {
      const b = enc.encode(part.join(''));
      chunks.push(b);
      size += b.length;
      part = [];
      partSize = 0;
    }
  }
  part.push(`{"name":"end","pid":3096504,"tid":3096504,"ts":${ts(t)},"dur":1,"ph":"X"}\n]\n`);
  chunks.push(enc.encode(part.join('')));
  return chunks;
}

async function generateDb(kernels: number): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    `
    CREATE TABLE STRING_IDS (id INTEGER PRIMARY KEY, value TEXT);
    CREATE TABLE TASK (startNs INTEGER, endNs INTEGER, deviceId INTEGER, connectionId INTEGER,
      globalTaskId INTEGER, globalPid INTEGER, taskType INTEGER, contextId INTEGER,
      streamId INTEGER, taskId INTEGER, modelId INTEGER, depth INTEGER);
    CREATE TABLE COMPUTE_TASK_INFO (name INTEGER, globalTaskId INTEGER PRIMARY KEY,
      blockDim INTEGER, mixBlockDim INTEGER, taskType INTEGER, opType INTEGER,
      inputFormats INTEGER, inputDataTypes INTEGER, inputShapes INTEGER, outputFormats INTEGER,
      outputDataTypes INTEGER, outputShapes INTEGER, attrInfo INTEGER, waitNs INTEGER);
    CREATE TABLE COMMUNICATION_OP (opName INTEGER, startNs INTEGER, endNs INTEGER,
      connectionId INTEGER, groupName INTEGER, opId INTEGER PRIMARY KEY, relay INTEGER,
      retry INTEGER, dataType INTEGER, algType INTEGER, count NUMERIC, opType INTEGER,
      waitNs INTEGER);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
      INSERT INTO STRING_IDS SELECT i, CASE
        WHEN i <= 200 THEN 'op_' || i
        WHEN i <= 250 THEN 'Type' || (i - 200)
        WHEN i <= 254 THEN (ELT_CORE)
        ELSE '"' || (i - 254) || ',16,16"' END FROM n;
    INSERT INTO STRING_IDS VALUES (401, 'hcom_allReduce_');
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${kernels})
      INSERT INTO TASK SELECT 1736410576000000000 + i * 12000, 1736410576000000000 + i * 12000
        + 4000 + (i % 7) * 1125, 0, i, i, 42, 1, 4294967295, 2, i % 65536, 4294967295, 0 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${kernels})
      INSERT INTO COMPUTE_TASK_INFO SELECT 1 + i % 200, i, 8, 0, 251 + i % 4, 201 + i % 50,
        0, 0, 255 + i % 146, 0, 0, 0, 0, (i % 3) * 500 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
      INSERT INTO COMMUNICATION_OP SELECT 401, 1736410576000000000 + i * 120000000,
        1736410576000000000 + i * 120000000 + 300000, i, 0, i, 0, 0, 4, 0, 4097000, 401, 0 FROM n;
  `.replace(
      '(ELT_CORE)',
      "CASE i WHEN 251 THEN 'AI_CORE' WHEN 252 THEN 'AI_VECTOR_CORE' WHEN 253 THEN 'MIX_AIC' ELSE 'AI_CPU' END",
    ),
  );
  const bytes = db.export();
  db.close();
  return bytes;
}

const bench: BenchPart = async () => {
  // Timeline: streamed summary vs JSON.parse of the same text.
  const chunks = generateTrace(TRACE_BYTES);
  const traceBytes = chunks.reduce((s, c) => s + c.length, 0);
  const ours: number[] = [];
  let kernels = 0;
  let events = 0;
  let readerHeapMb = 0;
  for (let run = 0; run < RUNS; run++) {
    const h0 = heapMb();
    const t0 = performance.now();
    const parser = timelineReader.createParser({ fileName: 'trace_view.json', id: 'bench' });
    for (const c of chunks) parser.push(c);
    const result = parser.finish();
    ours.push(performance.now() - t0);
    readerHeapMb = Math.max(readerHeapMb, heapMb() - h0);
    if (!result.ok) throw new Error(`bench trace did not read: ${result.errors[0]?.message}`);
    kernels = result.value.kernels;
    events = result.value.events;
  }
  const dec = new TextDecoder();
  let text: string | null = chunks.map((c) => dec.decode(c)).join('');
  const baseline: number[] = [];
  let parsedHeapMb = 0;
  for (let run = 0; run < RUNS; run++) {
    const h0 = heapMb();
    const t0 = performance.now();
    let all: unknown = JSON.parse(text);
    baseline.push(performance.now() - t0);
    parsedHeapMb = Math.max(parsedHeapMb, heapMb() - h0);
    if (!Array.isArray(all) || all.length !== events) throw new Error('JSON.parse disagrees');
    all = null;
  }
  text = null;
  chunks.length = 0;

  // Database: the reader vs SQLite's own count on the same bytes.
  const SQL = await initSqlJs();
  const db = await generateDb(KERNELS);
  const dbOurs: number[] = [];
  const dbCount: number[] = [];
  let rows = 0;
  let counted = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const r = profilerDbReader.read(db, SQL, { fileName: 'msprof_1.db', id: 'bench' });
    const t1 = performance.now();
    const d = new SQL.Database(db);
    counted = Number(
      d.exec(
        'SELECT count(*) FROM TASK t JOIN COMPUTE_TASK_INFO c ON c.globalTaskId = t.globalTaskId',
      )[0]?.values[0]?.[0],
    );
    d.close();
    const t2 = performance.now();
    if (!r.ok) throw new Error(`bench db did not read: ${r.errors[0]?.message}`);
    rows = r.value.computeTasks;
    dbOurs.push(t1 - t0);
    dbCount.push(t2 - t1);
  }
  if (rows !== counted) throw new Error(`db rows ${rows} ≠ count(*) ${counted}`);

  const mb = round(traceBytes / 1e6);
  const timeline = {
    mb,
    events,
    kernels,
    ms: round(median(ours)),
    jsonParseMs: round(median(baseline)),
    ratio: Math.round((median(ours) / median(baseline)) * 100) / 100,
    readerHeapMb: round(readerHeapMb),
    jsonParseHeapMb: round(parsedHeapMb),
  };
  const database = {
    mb: round(db.length / 1e6),
    kernels: rows,
    ms: round(median(dbOurs)),
    countMs: round(median(dbCount)),
    ratio: Math.round((median(dbOurs) / median(dbCount)) * 100) / 100,
  };
  return {
    figures: { profileExt: { timeline200mb: timeline, db1mKernels: database } },
    lines: [
      `trace_view.json ${mb} MB (${events} events, ${kernels} kernels): streamed summary ` +
        `${timeline.ms} ms, heap +${timeline.readerHeapMb} MB; JSON.parse ${timeline.jsonParseMs} ms, ` +
        `heap +${timeline.jsonParseHeapMb} MB; ratio ${timeline.ratio}× (median of ${RUNS})`,
      `profiler .db ${database.mb} MB (${rows} compute tasks): read into the table ${database.ms} ms; ` +
        `sql.js open + SELECT count(*) ${database.countMs} ms; ratio ${database.ratio}× (median of ${RUNS})`,
    ],
  };
};

export default bench;
