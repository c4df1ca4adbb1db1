// /api/jobs: start a tuning job, list and read jobs, follow one over SSE, cancel it. Every route
// here needs the token (the app's auth hook decides that from the route, not from the URL).
import type { FastifyPluginAsync } from 'fastify';
import { QueueFullError, type JobManager } from '../../jobs/job-manager.ts';
import { planDevice, planJob, type JobRequest } from '../../jobs/plan.ts';
import { TERMINAL_STATES } from '../../store/repo.ts';
import { ApiError } from '../errors.ts';
import { streamJobEvents } from '../sse.ts';
import { validateBody } from '../validation.ts';

export interface JobRoutesOptions {
  readonly manager: JobManager;
  readonly modelsRoot: string;
  readonly helpOptions: () => Promise<ReadonlySet<string> | null>;
  readonly sseHeaders: Record<string, string>;
}

export const ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export function jobIdParam(params: unknown): string {
  const id = (params as { id?: unknown }).id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id))
    throw new ApiError('NOT_FOUND', 'no such job');
  return id;
}

export const jobRoutes: FastifyPluginAsync<JobRoutesOptions> = async (app, o) => {
  const { manager } = o;

  app.post('/api/jobs', { bodyLimit: 256 * 1024 }, async (req, reply) => {
    // The generated type allows `undefined` option values (an index signature); the schema's
    // `additionalProperties: {type: string}` has just ruled them out.
    const body = validateBody('launcher-job-request', req.body) as JobRequest;
    const result = planJob(body, o.modelsRoot, await o.helpOptions());
    if (!result.ok) {
      const first = result.errors[0];
      const code = first?.code ?? 'BAD_REQUEST';
      const message = first ? `${first.field}: ${first.message}` : 'invalid job';
      throw new ApiError(
        code,
        message,
        result.errors.map((e) => ({ field: e.field, message: e.message })),
      );
    }
    // A missing, unhealthy or busy device is refused now, with the reason (npu-smi info).
    const { device } = result.plan;
    const refusal = planDevice(await manager.devices(), device, manager.usesDevice(device));
    if (refusal) throw ApiError.field(refusal.code, refusal.field, refusal.message);
    let id: string;
    try {
      id = manager.submit(body, result.plan);
    } catch (err) {
      if (err instanceof QueueFullError) throw new ApiError('QUEUE_FULL', err.message);
      throw err;
    }
    return reply.code(201).send({ id });
  });

  app.get('/api/jobs', async () => ({ jobs: manager.list() }));

  app.get('/api/jobs/:id', async (req) => {
    const job = manager.get(jobIdParam(req.params));
    if (!job) throw new ApiError('NOT_FOUND', 'no such job');
    return job;
  });

  app.get('/api/jobs/:id/events', async (req, reply) => {
    const id = jobIdParam(req.params);
    if (!manager.get(id)) throw new ApiError('NOT_FOUND', 'no such job');
    const ended = () => TERMINAL_STATES.has(manager.get(id)?.state ?? 'failed');
    streamJobEvents(req, reply, manager.events, id, o.sseHeaders, ended);
  });

  app.delete('/api/jobs/:id', async (req, reply) => {
    const id = jobIdParam(req.params);
    if (!manager.get(id)) throw new ApiError('NOT_FOUND', 'no such job');
    const outcome = await manager.cancel(id);
    if (outcome === null) throw new ApiError('CONFLICT', 'the job has already ended');
    return reply.code(202).send(manager.get(id));
  });
};
