// GET /api/models: the models root and the model files found under it, for the Launch page's
// picker. It takes no path from the request (the walk starts at the root and never leaves it), and
// it names the root's absolute path, so it needs the token like the host check.
import type { FastifyPluginAsync } from 'fastify';
import { listModels } from '../../jobs/models.ts';

export interface ModelRoutesOptions {
  readonly modelsRoot: string;
}

export const modelRoutes: FastifyPluginAsync<ModelRoutesOptions> = async (app, o) => {
  app.get('/api/models', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return listModels(o.modelsRoot);
  });
};
