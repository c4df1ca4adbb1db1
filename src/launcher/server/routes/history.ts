// /api/history: the run history (this launcher's own runs, and on a team server every run the
// device hosts published) and /api/tokens: the team's access tokens. Each route names the role it
// needs in its config; the app's one access hook checks it on the matched route (the launcher's
// own token may do everything). Published bodies are checked against their schema, then the file
// inside is parsed by the server itself (publish-intake.ts).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  MAX_PAGE_SIZE,
  type HistoryFilter,
  type HistoryStore,
  type Role,
} from '../../store/history.ts';
import { historyReader } from '../../store/history-cache.ts';
import { ApiError } from '../errors.ts';
import { intake } from '../publish-intake.ts';
import { createToken, type TokenVerifier } from '../tokens.ts';
import { validateBody } from '../validation.ts';
import { ID_PATTERN } from './jobs.ts';

/** A published run's body: a 32 MiB result file, base64, and its manifests. */
export const MAX_PUBLISH_BYTES = 48 * 1024 * 1024;
const MAX_TEXT = 255;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The role a team token needs for this route (the launcher's token may do everything). */
    role?: Role;
  }
}

export interface HistoryRoutesOptions {
  readonly history: HistoryStore;
  readonly tokens: TokenVerifier;
  /** Who sent a request, as the access hook found it (a token's name, or `launcher`). */
  readonly callerOf: (req: FastifyRequest) => string;
}

type Query = Readonly<Record<string, unknown>>;

function text(q: Query, key: string): string | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_TEXT) {
    throw ApiError.field('BAD_REQUEST', key, `must be one text of 1 to ${MAX_TEXT} characters`);
  }
  return v;
}

function texts(q: Query, key: string): string[] | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? (v as unknown[]) : [v];
  if (list.length > 50) throw ApiError.field('BAD_REQUEST', key, 'at most 50 values');
  return list.map((item) => {
    if (typeof item !== 'string' || item.length === 0 || item.length > MAX_TEXT) {
      throw ApiError.field('BAD_REQUEST', key, `each value must be 1 to ${MAX_TEXT} characters`);
    }
    return item;
  });
}

function whole(q: Query, key: string, min: number, max: number): number | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) {
    throw ApiError.field('BAD_REQUEST', key, `must be a whole number from ${min} to ${max}`);
  }
  return Number(v);
}

/** `soc=` and `batch=` name a value; `soc=-` and `batch=-` ask for runs that have none. */
function filterOf(q: Query): HistoryFilter {
  const soc = text(q, 'soc');
  const batch = q.batch === '-' ? null : whole(q, 'batch', 1, 1_000_000);
  const hosts = texts(q, 'host');
  const users = texts(q, 'user');
  const model = text(q, 'model');
  return {
    ...(model !== undefined && { model }),
    ...(soc !== undefined && { soc: soc === '-' ? null : soc }),
    ...(batch !== undefined && { batchSize: batch }),
    ...(hosts && { hosts }),
    ...(users && { users }),
  };
}

const idOf = (params: unknown): string => {
  const id = (params as { id?: unknown }).id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id))
    throw new ApiError('NOT_FOUND', 'no such run');
  return id;
};

export const historyRoutes: FastifyPluginAsync<HistoryRoutesOptions> = async (
  app,
  { history, tokens, callerOf },
) => {
  const read = { config: { role: 'read' as const } };
  const admin = { config: { role: 'admin' as const } };
  // The read answers come as JSON bytes cached by the history's write version (history-cache.ts).
  const reader = historyReader(history);
  app.addHook('onClose', () => reader.close());
  const json = 'application/json; charset=utf-8';

  app.get('/api/history/facets', read, async (_req, reply) =>
    reply.type(json).send(await reader.facets()),
  );

  app.get('/api/history/points', read, async (req, reply) => {
    const filter = filterOf(req.query as Query);
    if (filter.model === undefined) throw ApiError.field('BAD_REQUEST', 'model', 'is required');
    return reply.type(json).send(await reader.points({ ...filter, model: filter.model }));
  });

  app.get('/api/history/runs', read, async (req, reply) => {
    const q = req.query as Query;
    const limit = whole(q, 'limit', 1, MAX_PAGE_SIZE) ?? 50;
    const offset = whole(q, 'offset', 0, 100_000_000) ?? 0;
    return reply.type(json).send(await reader.runs(filterOf(q), limit, offset));
  });

  app.get('/api/history/runs/:id', read, async (req) => {
    const run = await history.getRun(idOf(req.params));
    if (!run) throw new ApiError('NOT_FOUND', 'no such run');
    return run;
  });

  app.get('/api/history/runs/:id/raw', read, async (req, reply) => {
    const raw = await history.getRaw(idOf(req.params));
    if (!raw) throw new ApiError('NOT_FOUND', 'no such run');
    // The file's own name only in an ASCII-safe form: it came from another host.
    const safe = raw.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${safe}"`)
      .send(raw.raw);
  });

  app.post(
    '/api/history/runs',
    { config: { role: 'publish' }, bodyLimit: MAX_PUBLISH_BYTES },
    async (req, reply) => {
      const body = validateBody('launcher-publish-request', req.body);
      const run = await intake(body, callerOf(req));
      const result = await history.putRun(run);
      return reply.code(result === 'created' ? 201 : 200).send({ id: run.id, result });
    },
  );

  app.get('/api/tokens', admin, async () => ({ tokens: await history.listTokens() }));

  app.post('/api/tokens', admin, async (req, reply) => {
    const body = validateBody('launcher-token-request', req.body);
    const made = await createToken(history, body.name, body.role);
    return reply.code(201).send({ ...made.info, token: made.token });
  });

  app.delete('/api/tokens/:id', admin, async (req, reply) => {
    const id = (req.params as { id?: unknown }).id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9]{16}$/.test(id) || !(await tokens.revoke(id))) {
      throw new ApiError('NOT_FOUND', 'no such token');
    }
    return reply.code(204).send();
  });
};
