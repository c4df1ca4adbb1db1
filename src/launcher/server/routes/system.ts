// /api/health (public: what a load balancer or the dashboard probes) and /api/preflight (what
// this host lacks to run AOE; it names paths and versions, so it needs the token).
import type { FastifyPluginAsync } from 'fastify';
import { createAisBenchProbe, runPreflight } from '../../jobs/preflight.ts';
import type { Env } from '../../jobs/env.ts';

export interface SystemRoutesOptions {
  readonly version: string;
  readonly demo: boolean;
  readonly probe: Parameters<typeof runPreflight>[0]['probe'];
  readonly env: Env;
  readonly setEnvFile: string | null;
  readonly aoeBin: string;
  readonly dataDir: string;
}

export const systemRoutes: FastifyPluginAsync<SystemRoutesOptions> = async (app, o) => {
  const aisBenchProbe = createAisBenchProbe(o.env);
  app.get('/api/health', { config: { public: true } }, async () => ({
    ok: true,
    version: o.version,
    demo: o.demo,
  }));
  app.get('/api/preflight', async () =>
    runPreflight({
      probe: o.probe,
      env: o.env,
      setEnvFile: o.setEnvFile,
      aoeBin: o.aoeBin,
      dataDir: o.dataDir,
      aisBenchProbe,
    }),
  );
};
