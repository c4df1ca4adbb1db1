// /api/jobs: start a tuning job, list and read jobs, follow one over SSE, cancel it, resume an
// ended pipeline from one of its steps. Every route here needs the token (the app's auth hook decides that from the route, not from the URL).
import type { FastifyPluginAsync } from 'fastify';
import {
  QueueFullError,
  ResumeError,
  type JobManager,
  type ResumeFrom,
} from '../../jobs/job-manager.ts';
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

  /** Plans a request, checks its device and queues it: the new job's id. */
  const start = async (body: JobRequest, resume?: ResumeFrom): Promise<string> => {
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
    try {
      return manager.submit(body, result.plan, resume);
    } catch (err) {
      if (err instanceof QueueFullError) throw new ApiError('QUEUE_FULL', err.message);
      throw err;
    }
  };

  app.post('/api/jobs', { bodyLimit: 256 * 1024 }, async (req, reply) => {
    // The generated type allows `undefined` option values (an index signature); the schema's
    // `additionalProperties: {type: string}` has just ruled them out.
    const body = validateBody('launcher-job-request', req.body) as JobRequest;
    return reply.code(201).send({ id: await start(body) });
  });

  // A new job that runs an ended pipeline again from one step, reusing the steps before it. The
  // stored request is planned again, as if posted now: the model and options must still pass.
  app.post('/api/jobs/:id/resume', async (req, reply) => {
    const id = jobIdParam(req.params);
    const { fromStep } = validateBody('launcher-job-resume', req.body);
    let prior: ReturnType<JobManager['resumable']>;
    try {
      prior = manager.resumable(id, fromStep);
    } catch (err) {
      if (!(err instanceof ResumeError)) throw err;
      if (err.code === 'NOT_FOUND') throw new ApiError('NOT_FOUND', 'no such job');
      throw ApiError.field(err.code, '/fromStep', err.message);
    }
    return reply.code(201).send({ id: await start(prior.request, prior.resume) });
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
