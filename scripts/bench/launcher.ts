// Bench part `launcher`: the launcher under load on this machine, loopback only and bounded in
// time. A launcher (fastify `build()` + listen on 127.0.0.1:0) with a stored run produced by the
// stand-in aoe; then, at the same time, 100 SSE subscribers follow a running (slow) job and
// autocannon (its own process) requests `GET /api/runs/:id` with the token over 200 concurrent connections for a few seconds.
// Reports p50/p99 latency and errors; target: no errors, p99 < 50 ms. Then a permalink load: 200
// connections reading a stored 1.9 MiB share bundle without the token, while /api/health is
// requested alongside; target: health p99 ≤ 200 ms (the readers are rate-limited per client, so
// most of them get 429 and the launcher stays responsive). Never asserts.
import { execa } from 'execa';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../src/launcher/server/app.ts';
import type { BenchPart } from './run.ts';

const CONNECTIONS = 200;
const DURATION_S = 5;
const SSE_SUBSCRIBERS = 100;
const TARGET_P99_MS = 50;
const BUNDLE_BYTES = 1.9 * 1024 * 1024;
const HEALTH_CONNECTIONS = 2;
const TARGET_HEALTH_P99_MS = 200;
const TOKEN = 'bench-token-0123456789abcdef0123456789';
const FAKE_AOE = fileURLToPath(new URL('../../e2e/fixtures/fake-aoe/aoe', import.meta.url));

interface AutocannonResult {
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number };
  readonly requests: { readonly average: number; readonly total: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats?: Readonly<Record<string, { readonly count: number }>>;
}
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** autocannon in its own process, so the load generator does not share the launcher's event loop. */
async function autocannon(
  url: string,
  connections = CONNECTIONS,
  headers: readonly string[] = [],
): Promise<AutocannonResult> {
  const r = await execa(
    process.execPath,
    [
      AUTOCANNON,
      '--json',
      '-c',
      String(connections),
      '-d',
      String(DURATION_S),
      ...headers.flatMap((h) => ['-H', h]),
      url,
    ],
    { reject: false, timeout: (DURATION_S + 30) * 1000 },
  );
  return JSON.parse(String(r.stdout)) as AutocannonResult;
}

interface SseOutcome {
  readonly ok: boolean;
  readonly events: number;
}

/** One SSE subscriber: counts `id:` frames until the stream ends; ok when it saw the final state. */
function subscribe(base: string, jobId: string): Promise<SseOutcome> {
  return new Promise((resolve) => {
    const req = request(
      `${base}/api/jobs/${jobId}/events`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
      (res) => {
        let events = 0;
        let tail = '';
        let final = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const text = tail + chunk;
          events += (text.match(/^id: /gm) ?? []).length - (tail.match(/^id: /gm) ?? []).length;
          if (/"state":"(succeeded|failed|canceled|interrupted)"/.test(text)) final = true;
          tail = text.slice(-200);
        });
        res.on('end', () => resolve({ ok: res.statusCode === 200 && final, events }));
        res.on('error', () => resolve({ ok: false, events }));
      },
    );
    req.on('error', () => resolve({ ok: false, events: 0 }));
    req.setTimeout(60_000, () => req.destroy());
    req.end();
  });
}

async function waitJob(
  base: string,
  id: string,
  done: (state: string) => boolean,
): Promise<string> {
  const end = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${base}/api/jobs/${id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const job = (await res.json()) as { state: string; runIds: string[] };
    if (done(job.state) || Date.now() > end) return job.runIds[0] ?? job.state;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function postJob(base: string, model: string): Promise<string> {
  const res = await fetch(`${base}/api/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, jobTypes: [2] }),
  });
  return ((await res.json()) as { id: string }).id;
}

/** A share bundle of about `bytes` bytes: runs with operator rows, as the dashboard packs them. */
function bigBundle(bytes: number): string {
  const ops: { name: string; type: string; beforeUs: number; afterUs: number }[] = [];
  const bundle = { version: 1, view: { page: 'compare' }, runs: [{ name: 'bench', ops }] };
  let size = JSON.stringify(bundle).length;
  for (let i = 0; size < bytes; i += 1) {
    const op = { name: `model/layer${i}/Conv2D`, type: 'Conv2D', beforeUs: i * 1.5, afterUs: i };
    ops.push(op);
    size += JSON.stringify(op).length + 1;
  }
  return JSON.stringify(bundle);
}

const count = (r: AutocannonResult, code: string) => r.statusCodeStats?.[code]?.count ?? 0;

const launcher: BenchPart = async () => {
  const root = mkdtempSync(join(tmpdir(), 'aoe-bench-launcher-'));
  const modelsRoot = join(root, 'models');
  mkdirSync(modelsRoot);
  writeFileSync(join(modelsRoot, 'resnet50.onnx'), 'bench model\n');
  writeFileSync(join(modelsRoot, 'slow-resnet50.onnx'), 'bench model\n');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? root,
    FAKE_AOE_OPS: '20',
  };
  const app = await build({
    dataDir: join(root, 'data'),
    modelsRoot,
    aoeBin: FAKE_AOE,
    env,
    setEnvFile: null,
    token: TOKEN,
    distDir: null,
    demo: false,
    pollMs: 200,
  });
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    // The stored run: a job of the stand-in in its fast mode (20 operators, ~15 ms each).
    const fastJob = await postJob(address, 'resnet50.onnx');
    const runId = await waitJob(address, fastJob, (s) => s !== 'running' && s !== 'queued');
    // The followed job: slow mode, 20 operators at ~400 ms, so it outlasts the load below.
    const slowJob = await postJob(address, 'slow-resnet50.onnx');
    await waitJob(address, slowJob, (s) => s === 'running');
    const subscribers = Array.from({ length: SSE_SUBSCRIBERS }, () => subscribe(address, slowJob));
    // With the token: the serving path itself, which anonymous readers reach only up to their
    // rate limit (measured below).
    const load = await autocannon(`${address}/api/runs/${runId}`, CONNECTIONS, [
      `authorization=Bearer ${TOKEN}`,
    ]);
    const outcomes = await Promise.all(subscribers);
    // A late viewer replays the stored log: every live subscriber must have seen exactly as many.
    const stored = await subscribe(address, slowJob);

    // Permalink readers and, at the same time, health probes.
    const bundleText = bigBundle(BUNDLE_BYTES);
    const created = await fetch(`${address}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: bundleText,
    });
    const bundleId = ((await created.json()) as { id: string }).id;
    const [permalink, health] = await Promise.all([
      autocannon(`${address}/api/runs/${bundleId}`),
      autocannon(`${address}/api/health`, HEALTH_CONNECTIONS),
    ]);
    const sseErrors = outcomes.filter((o) => !o.ok || o.events !== stored.events).length;
    const events = outcomes.map((o) => o.events);
    const figures = {
      runsP50Ms: load.latency.p50,
      runsP99Ms: load.latency.p99,
      runsAvgMs: load.latency.average,
      runsReqPerS: load.requests.average,
      runsErrors: load.errors + load.timeouts + load.non2xx,
      connections: CONNECTIONS,
      durationS: DURATION_S,
      sseSubscribers: SSE_SUBSCRIBERS,
      sseErrors,
      sseEventsStored: stored.events,
      sseEventsMin: Math.min(...events),
      sseEventsMax: Math.max(...events),
      targetP99Ms: TARGET_P99_MS,
      permalinkBytes: Buffer.byteLength(bundleText),
      permalinkP50Ms: permalink.latency.p50,
      permalinkP99Ms: permalink.latency.p99,
      permalinkOk: count(permalink, '200'),
      permalinkRateLimited: count(permalink, '429'),
      permalinkErrors: permalink.errors + permalink.timeouts,
      healthUnderPermalinkP50Ms: health.latency.p50,
      healthUnderPermalinkP99Ms: health.latency.p99,
      healthUnderPermalinkErrors: health.errors + health.timeouts + health.non2xx,
      targetHealthP99Ms: TARGET_HEALTH_P99_MS,
      // Shared machines: the load from other processes while measuring, to read the figures by.
      loadAverage1m: Math.round(loadavg()[0] ?? 0),
      cpus: availableParallelism(),
    };
    return {
      figures: { launcher: figures },
      lines: [
        `GET /api/runs/:id, ${CONNECTIONS} connections, ${DURATION_S} s: p50 ${figures.runsP50Ms} ms, p99 ${figures.runsP99Ms} ms (target < ${TARGET_P99_MS} ms), ${Math.round(figures.runsReqPerS)} req/s, errors ${figures.runsErrors} (target 0)`,
        `machine: ${figures.cpus} CPUs, load average ${figures.loadAverage1m} during the run`,
        `GET /api/runs/:id of a ${(figures.permalinkBytes / 1024 / 1024).toFixed(1)} MiB bundle, ${CONNECTIONS} connections, no token: p99 ${figures.permalinkP99Ms} ms, ${figures.permalinkOk} served, ${figures.permalinkRateLimited} rate-limited (429), errors ${figures.permalinkErrors}`,
        `GET /api/health alongside (${HEALTH_CONNECTIONS} connections): p50 ${figures.healthUnderPermalinkP50Ms} ms, p99 ${figures.healthUnderPermalinkP99Ms} ms (target ≤ ${TARGET_HEALTH_P99_MS} ms), errors ${figures.healthUnderPermalinkErrors}`,
        `SSE: ${SSE_SUBSCRIBERS} subscribers on a running job, errors ${sseErrors} (target 0), events per subscriber ${figures.sseEventsMin}–${figures.sseEventsMax} of ${stored.events} stored`,
      ],
    };
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
};

export default launcher;
