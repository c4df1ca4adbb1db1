// /api/runs: the runs jobs produced (normalized report, raw file, manifest) and the share bundles
// kept for permalinks. Reading one by id needs no token (ids carry 144 random bits); listing,
// storing and deleting do.
import type { FastifyInstance } from 'fastify';
import { readFileSync, rmSync } from 'node:fs';
import { newId } from '../../jobs/collect.ts';
import { TERMINAL_STATES, type Repo } from '../../store/repo.ts';
import { ApiError } from '../errors.ts';
import { validateBody } from '../validation.ts';
import { ID_PATTERN } from './jobs.ts';

/** Share bundles above this are refused (the dashboard offers an export instead). */
export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024;
const CACHE_ENTRIES = 256;

export function runRoutes(
  app: FastifyInstance,
  o: { readonly repo: Repo; readonly auth: (header: string | undefined) => void },
): void {
  const { repo } = o;
  // Runs and bundles never change once stored: their JSON is built once and served from here
  // (a shared permalink can be opened by many reviewers at once). Deleting drops the entry.
  const cache = new Map<string, string>();
  const remember = (id: string, json: string): string => {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value ?? '');
    cache.set(id, json);
    return json;
  };
  const idOf = (params: unknown): string => {
    const id = (params as { id?: unknown }).id;
    if (typeof id !== 'string' || !ID_PATTERN.test(id))
      throw new ApiError('NOT_FOUND', 'no such run');
    return id;
  };

  app.get('/api/runs', async (req) => {
    o.auth(req.headers.authorization);
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

  app.get('/api/runs/:id', async (req, reply) => {
    const id = idOf(req.params);
    let json = cache.get(id);
    if (json === undefined) {
      const { body, settled } = runJson(id);
      json = JSON.stringify(body);
      // A run's manifest lands when its job ends; until then the answer is not final.
      if (settled) remember(id, json);
    }
    return reply.type('application/json; charset=utf-8').send(json);
  });

  const runJson = (id: string): { body: unknown; settled: boolean } => {
    const run = repo.getRun(id);
    if (run) {
      const manifests = run.job_id ? repo.manifestsOfJob(run.job_id) : [];
      const job = run.job_id ? repo.getJob(run.job_id) : undefined;
      const settled = !job || TERMINAL_STATES.has(job.state);
      const body = {
        id: run.id,
        kind: 'report',
        jobId: run.job_id,
        fileName: run.file_name,
        sha256: run.sha256,
        format: run.format,
        createdAt: run.created_at,
        report: run.report === null ? null : (JSON.parse(run.report) as unknown),
        issues: JSON.parse(run.issues) as unknown,
        manifests,
        raw: `/api/runs/${run.id}/raw`,
      };
      return { body, settled };
    }
    const bundle = repo.getBundle(id);
    if (!bundle) throw new ApiError('NOT_FOUND', 'no such run');
    const body = {
      id: bundle.id,
      kind: 'bundle',
      createdAt: bundle.created_at,
      bundle: JSON.parse(bundle.data) as unknown,
    };
    return { body, settled: true };
  };

  // The tuner's file byte for byte: the dashboard imports it like a dropped file.
  app.get('/api/runs/:id/raw', async (req, reply) => {
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
    o.auth(req.headers.authorization);
    const bundle = validateBody<Record<string, unknown>>('launcher-permalink-request', req.body);
    const id = newId();
    repo.insertBundle(id, JSON.stringify(bundle), new Date().toISOString());
    return reply.code(201).send({ id, url: `/r/${id}` });
  });

  app.delete('/api/runs/:id', async (req, reply) => {
    o.auth(req.headers.authorization);
    const id = idOf(req.params);
    cache.delete(id);
    const run = repo.getRun(id);
    if (run) {
      repo.deleteRun(id);
      rmSync(run.raw_path, { force: true });
      return reply.code(204).send();
    }
    if (repo.deleteBundle(id)) return reply.code(204).send();
    throw new ApiError('NOT_FOUND', 'no such run');
  });
}
