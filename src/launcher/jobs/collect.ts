// After a successful step: every result JSON becomes a run (raw bytes kept on disk, the report
// normalized by the same src/core parsers the dashboard uses), and a manifest records how the
// step's outputs were made, so a comparison can tell whether two runs are comparable.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { importBytes, sha256Hex } from '../../core/formats/index.ts';
import type { Repo } from '../store/repo.ts';
import type { Env } from './env.ts';
import { cannVersion, envSubset } from './outputs.ts';
import type { AnyTool } from './tools/index.ts';
import type { StepOutputs } from './tools/tool.ts';
import { reportOf } from '../../core/formats/content.ts';

/** 144 random bits, URL-safe: run, bundle and job ids are unguessable. */
export function newId(): string {
  return randomBytes(18).toString('base64url');
}

export interface StoredRun {
  readonly runId: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly format: string;
  readonly ok: boolean;
  readonly issues: number;
}

export async function storeResultFiles(
  repo: Repo,
  dataDir: string,
  jobId: string,
  files: readonly string[],
  at: string,
): Promise<StoredRun[]> {
  const dir = join(dataDir, 'runs');
  mkdirSync(dir, { recursive: true });
  const stored: StoredRun[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    const fileName = basename(file);
    const imported = await importBytes(fileName, bytes);
    const runId = newId();
    const rawPath = join(dir, `${runId}.json`);
    copyFileSync(file, rawPath);
    const sha256 = imported.id || (await sha256Hex(bytes));
    repo.insertRun({
      id: runId,
      job_id: jobId,
      file_name: fileName,
      sha256,
      raw_path: rawPath,
      format: imported.format,
      report: reportOf(imported) ? JSON.stringify(reportOf(imported)) : null,
      issues: JSON.stringify(imported.issues),
      created_at: at,
    });
    stored.push({
      runId,
      fileName,
      sha256,
      format: imported.format,
      ok: imported.ok,
      issues: imported.issues.length,
    });
  }
  return stored;
}

export interface ManifestInput {
  readonly jobId: string;
  readonly tool: AnyTool;
  readonly params: unknown;
  readonly outputs: StepOutputs;
  readonly bin: string;
  readonly argv: readonly string[];
  readonly workDir: string;
  readonly env: Env;
  readonly device: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly exitCode: number;
  readonly runIds: readonly string[];
}

/**
 * How a step's outputs were made: the command, the environment that changes the tool's
 * behaviour, the host, CANN's version and times, then the tool's own fields (for aoe: job type,
 * model and tuned model with their hashes).
 */
export interface Manifest extends Readonly<Record<string, unknown>> {
  readonly jobId: string;
  readonly tool: string;
  readonly command: readonly string[];
  readonly workDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cannVersion: string | null;
  readonly host: string;
  readonly device: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly exitCode: number;
  readonly runIds: readonly string[];
}

export async function buildManifest(m: ManifestInput): Promise<Manifest> {
  const own = await m.tool.manifest(m.params as never, m.outputs);
  return {
    jobId: m.jobId,
    tool: m.tool.name,
    ...own,
    command: [m.bin, ...m.argv],
    workDir: m.workDir,
    env: envSubset(m.env, m.tool.manifestEnv),
    cannVersion: cannVersion(m.env),
    host: hostname(),
    device: m.device,
    startedAt: m.startedAt,
    finishedAt: m.finishedAt,
    exitCode: m.exitCode,
    runIds: m.runIds,
  };
}
