// Shared set-up for the launcher's tests: a fresh data dir and models root per test, the stand-in
// `aoe` from e2e/fixtures, and helpers that wait for a job to reach a state through the API.
import type { FastifyInstance } from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '../../core/validation/index.ts';
import { build } from './app.ts';

export const FAKE_AOE = fileURLToPath(
  new URL('../../../e2e/fixtures/fake-aoe/aoe', import.meta.url),
);
/** An AOE result file (resnet50, baseline 120 ms, tuned 100 ms). */
export const AOE_FILE = fileURLToPath(
  new URL(
    '../../../e2e/fixtures/compare/aoe_result_opat_20250301100000123_pid1001.json',
    import.meta.url,
  ),
);
export const TOKEN = 'test-token-0123456789abcdef0123456789abcdef';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export interface Sandbox {
  readonly root: string;
  readonly dataDir: string;
  readonly modelsRoot: string;
  /** A file outside the models root that a symlink inside points to. */
  readonly outside: string;
  cleanup(): void;
}

/** Models named after the stand-in's modes: `slow-resnet50.onnx` runs slowly, and so on. */
export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'aoe-launcher-test-'));
  const dataDir = join(root, 'data');
  const modelsRoot = join(root, 'models');
  mkdirSync(join(modelsRoot, 'sub'), { recursive: true });
  for (const m of [
    'resnet50',
    'slow-resnet50',
    'fail-resnet50',
    'hang-resnet50',
    'crash-resnet50',
  ]) {
    writeFileSync(join(modelsRoot, `${m}.onnx`), `onnx model ${m}\n`);
  }
  writeFileSync(join(modelsRoot, 'sub', 'bert.onnx'), 'onnx model bert\n');
  writeFileSync(join(modelsRoot, 'weird.bin'), 'unknown suffix\n');
  const outside = join(root, 'secret.onnx');
  writeFileSync(outside, 'not a model\n');
  symlinkSync(outside, join(modelsRoot, 'link-out.onnx'));
  symlinkSync(root, join(modelsRoot, 'dir-out'));
  return {
    root,
    dataDir,
    modelsRoot,
    outside,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function fakeEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...extra };
}

export async function testApp(
  box: Sandbox,
  opts: {
    aoeBin?: string;
    env?: Record<string, string>;
    distDir?: string | null;
    allowedHosts?: readonly string[];
    db?: string;
    publishTo?: { url: string; token: string };
  } = {},
): Promise<FastifyInstance> {
  return build({
    dataDir: box.dataDir,
    modelsRoot: box.modelsRoot,
    aoeBin: opts.aoeBin ?? FAKE_AOE,
    env: opts.env ?? fakeEnv(),
    setEnvFile: null,
    token: TOKEN,
    distDir: opts.distDir ?? null,
    allowedHosts: opts.allowedHosts ?? [],
    demo: false,
    graceMs: 300,
    pollMs: 30,
    publishPollMs: 30,
    ...(opts.db !== undefined && { db: opts.db }),
    ...(opts.publishTo && { publishTo: opts.publishTo }),
  });
}

export interface JobJson {
  readonly id: string;
  readonly state: string;
  readonly errorCode: string | null;
  readonly exitCode: number | null;
  readonly errorMessage: string | null;
  readonly runIds: readonly string[];
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export async function postJob(app: FastifyInstance, body: unknown): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/jobs',
    headers: AUTH,
    payload: body as object,
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/jobs: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export async function getJob(app: FastifyInstance, id: string): Promise<JobJson> {
  const res = await app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: AUTH });
  const job: unknown = res.json();
  // Every job the API returns honours its published contract.
  const issues = validate('launcher-job', job);
  if (issues.length > 0)
    throw new Error(`job does not match launcher-job: ${JSON.stringify(issues)}`);
  return job as JobJson;
}

/** Polls the job until `until` holds (bounded: a stuck job fails the test instead of hanging it). */
export async function waitJob(
  app: FastifyInstance,
  id: string,
  until: (job: JobJson) => boolean,
  timeoutMs = 15_000,
): Promise<JobJson> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(app, id);
    if (until(job)) return job;
    if (Date.now() > end) throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const isFinal = (j: JobJson) =>
  ['succeeded', 'failed', 'canceled', 'interrupted'].includes(j.state);

/**
 * Whether a process with this pid still runs. A killed process whose parent is gone waits as a
 * zombie until init reaps it; it runs nothing, so it counts as gone.
 */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

const BIN = fileURLToPath(new URL('../../../bin/aoe-dashboard.js', import.meta.url));

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
}

/** Starts `aoe-dashboard serve ARGS --port 0` and resolves with its URL once it prints it. */
export function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      out += chunk;
      // The last of its start-up lines: by then the URL and the token are printed too.
      const m = /launcher at (http:\/\/\S+?)\/\n[\s\S]*models root: .*\n/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child, output: () => out });
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

/** A dashboard build of two files, so the static routes and the SPA fallback exist. */
export function fakeDist(box: Sandbox): string {
  const dist = join(box.root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dist, '.env'), 'SECRET=1\n');
  return dist;
}

/** Listens on 127.0.0.1 with any free port and returns the port. */
export async function listenLocal(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return address.port;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Writes `head` (request line and headers, CRLF-separated, without the blank line) and `body`
 * byte for byte on a fresh TCP connection, so nothing normalizes the request line on the way, and
 * resolves with the first response as soon as it is complete, even if the server has not read the
 * whole body (`contentLength` may announce more than `body` holds).
 */
export function rawHttp(port: number, head: string, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (res: RawResponse | Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (res instanceof Error) reject(res);
      else resolve(res);
    };
    const tryParse = (ended: boolean) => {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        if (ended) finish(new Error(`connection closed without a response: ${String(data)}`));
        return;
      }
      const lines = data.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const rest = data.subarray(end + 4);
      const length = headers['content-length'];
      if (length !== undefined && rest.length >= Number(length)) {
        finish({ status, headers, body: rest.subarray(0, Number(length)).toString('utf8') });
      } else if (ended) {
        finish({ status, headers, body: rest.toString('utf8') });
      }
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('close', () => tryParse(true));
    // The server may answer and close while the body is still being written: that is fine.
    socket.on('error', (err) => (data.length > 0 ? tryParse(true) : finish(err)));
    socket.write(`${head}\r\n\r\n`);
    if (body) socket.write(body);
  });
}

/** The stand-in tools of e2e/fixtures (one folder each, the program named as the real one). */
export type StandIn =
  | 'fake-aoe'
  | 'fake-atc'
  | 'fake-ais-bench'
  | 'fake-msprof'
  | 'fake-npu-smi'
  | 'fake-converter-lite'
  | 'fake-mslite-benchmark';

/** A job environment with the given stand-ins first on its PATH, in that order. */
export function standInEnv(
  tools: readonly StandIn[],
  extra: Record<string, string> = {},
): Record<string, string> {
  const dirs = tools.map((t) =>
    fileURLToPath(new URL(`../../../e2e/fixtures/${t}`, import.meta.url)),
  );
  return fakeEnv({ PATH: [...dirs, process.env.PATH ?? '/usr/bin:/bin'].join(':'), ...extra });
}

/** A pipeline step as the jobs API shows it (the fields the tests read). */
export interface StepJson {
  readonly index: number;
  readonly tool: string;
  readonly jobType?: number;
  readonly state: string;
  readonly errorCode: string | null;
  readonly reusedFrom?: string;
  readonly outputs: {
    model: string | null;
    files?: Record<string, unknown>;
    figures: Record<string, unknown> | null;
  } | null;
}

/** The steps of a job read from the API. */
export const stepsOf = (job: unknown): StepJson[] => (job as { steps: StepJson[] }).steps;
