// The job manager on a real store and the stand-in `aoe`: a full disk fails the job it hits
// (DISK_FULL) and the launcher goes on (reading, recovering, deleting runs to free space); the
// queue has a cap.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeEnv, FAKE_AOE } from '../server/testing.ts';
import { openDb, type Db } from '../store/db.ts';
import { createRepo, type Repo } from '../store/repo.ts';
import { JobManager, QueueFullError, type JobView } from './job-manager.ts';
import type { JobPlan, JobRequest } from './plan.ts';

let root: string;
let db: Db;
const managers: JobManager[] = [];

afterEach(async () => {
  for (const m of managers.splice(0)) await m.close();
  if (db.open) db.close();
  rmSync(root, { recursive: true, force: true });
});

function setUp(env: Record<string, string> = {}): { repo: Repo; manager: () => JobManager } {
  root = mkdtempSync(join(tmpdir(), 'aoe-manager-'));
  const dataDir = join(root, 'data');
  db = openDb(dataDir);
  const repo = createRepo(db);
  const manager = () => {
    const m = new JobManager({
      repo,
      dataDir,
      aoeBin: FAKE_AOE,
      env: fakeEnv(env),
      graceMs: 300,
      pollMs: 20,
      helpOptions: () => null,
      maxQueued: 3,
    });
    managers.push(m);
    return m;
  };
  return { repo, manager };
}

function job(model: string, device = 0): [JobRequest, JobPlan] {
  const path = join(root, model);
  writeFileSync(path, 'onnx model\n');
  return [
    { model, jobTypes: [2], device },
    {
      model: path,
      modelIsDir: false,
      framework: 5,
      weight: null,
      jobTypes: [2],
      device,
      options: [],
    },
  ];
}

async function until(m: JobManager, id: string, ok: (j: JobView) => boolean): Promise<JobView> {
  const end = Date.now() + 20_000;
  for (;;) {
    const j = m.get(id);
    if (j && ok(j)) return j;
    if (Date.now() > end) throw new Error(`job ${id}: ${JSON.stringify(j)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ended = (j: JobView) => !['queued', 'running'].includes(j.state);

describe('a full disk', () => {
  it('fails the running job with DISK_FULL; the launcher reads, recovers and frees space', async () => {
    // Many operators, each a few log lines and a progress event.
    const { repo, manager } = setUp({ FAKE_AOE_OPS: '3000', FAKE_AOE_STEP_MS: '0' });
    const m = manager();
    m.recover();
    const raw = join(root, 'kept.json');
    writeFileSync(raw, '[]');
    repo.insertRun({
      id: 'run-kept',
      job_id: null,
      file_name: 'aoe_result_opat.json',
      sha256: '0'.repeat(64),
      raw_path: raw,
      format: 'aoe-opat',
      report: JSON.stringify({ pad: 'r'.repeat(40_000) }),
      issues: '[]',
      created_at: new Date().toISOString(),
    });
    // The database may not grow any more: SQLite answers SQLITE_FULL, as on a full disk.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 4}`);

    const id = m.submit(...job('resnet50.onnx'));
    const done = await until(m, id, ended);
    expect(done).toMatchObject({ state: 'failed', errorCode: 'DISK_FULL' });
    expect(done.errorMessage).toMatch(/disk is full/);
    expect(repo.getJob(id)).toMatchObject({ state: 'failed', error_code: 'DISK_FULL' });
    expect(m.list().map((j) => j.id)).toContain(id);

    // A restart on the full disk recovers, and deleting a run gives room to new jobs again.
    await m.close();
    const again = manager();
    again.recover();
    expect(repo.deleteRun('run-kept')).toBe(true);
    const next = again.submit(...job('resnet50.onnx'));
    expect(again.get(next)?.state).toMatch(/queued|running|failed|succeeded/);
    await until(again, next, ended);
  });
});

describe('the queue', () => {
  it('refuses jobs beyond its cap with a typed error', async () => {
    const { manager } = setUp();
    const m = manager();
    m.recover();
    const running = m.submit(...job('hang-resnet50.onnx'));
    await until(m, running, (j) => j.state === 'running');
    for (let i = 0; i < 3; i++) m.submit(...job('resnet50.onnx'));
    expect(() => m.submit(...job('resnet50.onnx'))).toThrow(QueueFullError);
    await m.cancel(running);
    await until(m, running, ended);
  });
});
