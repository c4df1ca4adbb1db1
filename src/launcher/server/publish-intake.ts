// A published run as the team server takes it in: nothing the sender says about the file is
// trusted. The raw bytes are parsed here by the dashboard's own readers (an AOE result file is
// required), the sha-256 is computed here, and the trend's figures come from that report, the
// manifests the launcher recorded, and the few fields `meta` may add.
import { basename } from 'node:path';
import { importBytes } from '../../core/formats/index.ts';
import type { LauncherPublishRequest } from '../../core/validation/generated/launcher-publish-request.ts';
import type { HistoryRunInput, Verdict } from '../store/history.ts';
import { ApiError } from './errors.ts';
import { reportOf } from '../../core/formats/content.ts';

type Obj = Readonly<Record<string, unknown>>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `/models/resnet50_bs8.onnx` → `resnet50_bs8`: the model's name as people say it. */
export function modelName(path: string): string {
  const base = basename(path.replace(/\\/g, '/').replace(/\/+$/, ''));
  return base.replace(/\.(onnx|pb|prototxt|caffemodel|om|air|mindir)$/i, '') || base;
}

function field(manifests: readonly Obj[], tool: string, key: string): unknown {
  for (const m of manifests) if (m.tool === tool && m[key] !== undefined) return m[key];
  return undefined;
}

export async function intake(
  body: LauncherPublishRequest,
  fallbackUser: string,
): Promise<HistoryRunInput> {
  const raw = Buffer.from(body.raw, 'base64');
  if (raw.length === 0) throw ApiError.field('BAD_REQUEST', '/raw', 'the file is empty');
  const imported = await importBytes(body.fileName, raw);
  const report = reportOf(imported);
  if (report === null) {
    const why = imported.issues[0]?.message ?? 'not a file this dashboard reads';
    throw ApiError.field(
      'BAD_REQUEST',
      '/raw',
      `only AOE result files are kept in the history (${imported.format}): ${why}`,
    );
  }
  const manifests = (body.manifests ?? []) as Obj[];
  const meta = body.meta ?? {};
  const task = report.tasks.find((t) => t.baselineMs !== null || t.tunedMs !== null);
  const modelPath =
    str(field(manifests, 'aoe', 'model')) ??
    str(field(manifests, 'atc', 'model')) ??
    str(field(manifests, 'ais_bench', 'model'));
  const figures = field(manifests, 'ais_bench', 'figures') as Obj | null | undefined;
  const latency = (figures?.latencyMs ?? null) as Obj | null;
  const cann = manifests.map((m) => str(m.cannVersion)).find((v) => v !== null) ?? null;
  return {
    id: body.id,
    model:
      meta.model ??
      (modelPath ? modelName(modelPath) : null) ??
      str(task?.name) ??
      modelName(body.fileName),
    soc: meta.soc ?? str(field(manifests, 'atc', 'soc')),
    batchSize:
      meta.batchSize ??
      num(field(manifests, 'ais_bench', 'batchSize')) ??
      num(figures?.batchSize) ??
      null,
    host: body.source.host,
    user: body.source.user || fallbackUser,
    cannVersion: meta.cannVersion ?? cann,
    baselineMs: task?.baselineMs ?? null,
    tunedMs: task?.tunedMs ?? null,
    measuredMs: meta.measuredMs ?? num(latency?.mean) ?? null,
    verdict: (meta.verdict as Verdict | undefined) ?? null,
    fileName: body.fileName,
    format: imported.format,
    sha256: imported.id,
    createdAt: body.createdAt,
    report: JSON.stringify(report),
    manifest: JSON.stringify(manifests),
    raw,
  };
}
