// /api/runs: the runs jobs produced (normalized report, raw file, manifest) and the share bundles
// kept for permalinks. Reading one by id needs no token (ids carry 144 random bits) and is
// rate-limited per client; listing, storing and deleting need the token.
import type { FastifyPluginAsync } from 'fastify';
import { readFileSync, rmSync } from 'node:fs';
import { newId } from '../../jobs/collect.ts';
import { TERMINAL_STATES, type Repo } from '../../store/repo.ts';
import { ApiError } from '../errors.ts';
import { validateBody } from '../validation.ts';
import { ID_PATTERN } from './jobs.ts';

/** Share bundles above this are refused (the dashboard offers an export instead). */
export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024;
/** Reads by id without the token, per client address; the token holder is not limited. */
export const PUBLIC_READS_PER_MINUTE = 120;
/** Answers kept ready to send; a shared permalink is typically opened by many reviewers at once. */
const CACHE_BYTES = 64 * 1024 * 1024;

export interface RunRoutesOptions {
  readonly repo: Repo;
}

/** Answers built once and sent as they are: runs and bundles never change once stored. */
function answerCache() {
  const entries = new Map<string, Buffer>();
  let bytes = 0;
  return {
    get: (id: string) => entries.get(id),
    set(id: string, answer: Buffer): void {
      if (answer.length > CACHE_BYTES / 8) return;
      this.delete(id);
      while (bytes + answer.length > CACHE_BYTES) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        this.delete(oldest);
      }
      entries.set(id, answer);
      bytes += answer.length;
    },
    delete(id: string): void {
      const old = entries.get(id);
      if (old === undefined) return;
      bytes -= old.length;
      entries.delete(id);
    },
  };
}

const str = (s: string | null) => JSON.stringify(s);

/**
 * A run's manifests: the job's (a plain AOE job keeps one per job type) and its steps' (a
 * pipeline keeps them on the step), the one of the step that wrote this run first.
 */
function manifestsOfRun(repo: Repo, jobId: string, runId: string): unknown[] {
  const all = [
    ...repo.manifestsOfJob(jobId),
    ...repo
      .stepsOfJob(jobId)
      .flatMap((st) => (st.manifest === null ? [] : [JSON.parse(st.manifest) as unknown])),
  ];
  const seen = new Set<string>();
  const unique = all.filter((m) => {
    const key = JSON.stringify(m);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const wrote = (m: unknown) =>
    typeof m === 'object' &&
    m !== null &&
    Array.isArray((m as { runIds?: unknown }).runIds) &&
    (m as { runIds: unknown[] }).runIds.includes(runId);
  return [...unique.filter(wrote), ...unique.filter((m) => !wrote(m))];
}

export const runRoutes: FastifyPluginAsync<RunRoutesOptions> = async (app, { repo }) => {
  const cache = answerCache();
  const idOf = (params: unknown): string => {
    const id = (params as { id?: unknown }).id;
    if (typeof id !== 'string' || !ID_PATTERN.test(id))
      throw new ApiError('NOT_FOUND', 'no such run');
    return id;
  };
  const publicRead = {
    public: true,
    rateLimit: { max: PUBLIC_READS_PER_MINUTE, timeWindow: 60_000 },
  } as const;

  app.get('/api/runs', async () => {
    const runs = repo.listRuns(500).map((r) => ({
      id: r.id,
      kind: 'report' as const,
      jobId: r.job_id,
      fileName: r.file_name,
      sha256: r.sha256,
      format: r.format,
      createdAt: r.created_at,
    }));
    const bundles = repo.listBundles(500).map((b) => ({
      id: b.id,
      kind: 'bundle' as const,
      size: b.size,
      createdAt: b.created_at,
      url: `/r/${b.id}`,
    }));
    return { runs, bundles };
  });

  /**
   * The answer for a run or bundle, with the stored JSON texts (report, issues, bundle) spliced
   * in as they are: a 2 MiB bundle is neither parsed nor serialized again to be read.
   */
  const answerOf = (id: string): { answer: Buffer; settled: boolean } => {
    const run = repo.getRun(id);
    if (run) {
      const manifests = run.job_id ? manifestsOfRun(repo, run.job_id, run.id) : [];
      const job = run.job_id ? repo.getJob(run.job_id) : undefined;
      // A run's manifest lands when its job ends; until then the answer is not final.
      const settled = !job || TERMINAL_STATES.has(job.state);
      const text =
        `{"id":${str(run.id)},"kind":"report","jobId":${str(run.job_id)},` +
        `"fileName":${str(run.file_name)},"sha256":${str(run.sha256)},` +
        `"format":${str(run.format)},"createdAt":${str(run.created_at)},` +
        `"report":${run.report ?? 'null'},"issues":${run.issues},` +
        `"manifests":${JSON.stringify(manifests)},"raw":${str(`/api/runs/${run.id}/raw`)}}`;
      return { answer: Buffer.from(text), settled };
    }
    // A finished pipeline's Run: stored as the JSON the answer is (launcher-pipeline-run schema).
    const pipeline = repo.getPipelineRun(id);
    if (pipeline) return { answer: Buffer.from(pipeline.data), settled: true };
    const bundle = repo.getBundle(id);
    if (!bundle) throw new ApiError('NOT_FOUND', 'no such run');
    const head = `{"id":${str(bundle.id)},"kind":"bundle","createdAt":${str(bundle.created_at)},"bundle":`;
    return { answer: Buffer.from(`${head}${bundle.data}}`), settled: true };
  };

  app.get('/api/runs/:id', { config: publicRead }, async (req, reply) => {
    const id = idOf(req.params);
    let answer = cache.get(id);
    if (answer === undefined) {
      const built = answerOf(id);
      answer = built.answer;
      if (built.settled) cache.set(id, answer);
    }
    return reply.type('application/json; charset=utf-8').send(answer);
  });

  // The tuner's file byte for byte: the dashboard imports it like a dropped file.
  app.get('/api/runs/:id/raw', { config: publicRead }, async (req, reply) => {
    const run = repo.getRun(idOf(req.params));
    if (!run) throw new ApiError('NOT_FOUND', 'no such run');
    const bytes = readFileSync(run.raw_path);
    const safeName = run.file_name.replace(/[^A-Za-z0-9_.-]/g, '_');
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="${safeName}"`)
      .send(bytes);
  });

  app.post('/api/runs', { bodyLimit: MAX_BUNDLE_BYTES }, async (req, reply) => {
    const bundle = validateBody('launcher-permalink-request', req.body);
    const id = newId();
    repo.insertBundle(id, JSON.stringify(bundle), new Date().toISOString());
    return reply.code(201).send({ id, url: `/r/${id}` });
  });

  app.delete('/api/runs/:id', async (req, reply) => {
    const id = idOf(req.params);
    cache.delete(id);
    const run = repo.getRun(id);
    if (run) {
      repo.deleteRun(id);
      rmSync(run.raw_path, { force: true });
      return reply.code(204).send();
    }
    if (repo.deleteBundle(id) || repo.deletePipelineRun(id)) return reply.code(204).send();
    throw new ApiError('NOT_FOUND', 'no such run');
  });
};
