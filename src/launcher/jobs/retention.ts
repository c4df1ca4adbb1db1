// AOE never cleans its workspace, and it takes 2–10 GB a run (AOE-CLI.md, resource sizing): the
// launcher keeps the working dirs of the `keep` newest ended jobs and removes older ones. A job
// that is queued or running is never touched, and nothing outside `<data-dir>/jobs/` ever is.
// The runs a job produced are copied out of its working dir when it ends, so they stay.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Repo } from '../store/repo.ts';

export const DEFAULT_KEEP_WORKDIRS = 10;

/** Removes the working dirs of ended jobs beyond the `keep` newest; returns how many it removed. */
export async function pruneWorkDirs(repo: Repo, dataDir: string, keep: number): Promise<number> {
  const jobsDir = join(dataDir, 'jobs');
  let removed = 0;
  for (const job of repo.endedJobsBeyond(keep)) {
    const rel = relative(jobsDir, job.work_dir);
    if (rel === '' || rel.startsWith('..') || rel.includes(sep) || !existsSync(job.work_dir)) {
      continue;
    }
    // Still ended? A row read a moment ago is checked again right before the removal.
    const now = repo.getJob(job.id);
    if (!now || now.state === 'queued' || now.state === 'running') continue;
    await rm(job.work_dir, { recursive: true, force: true });
    removed++;
  }
  if (removed > 0) repo.replenish();
  return removed;
}
