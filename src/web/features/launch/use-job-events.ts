// Follows one job's Server-Sent Events. EventSource cannot send the Authorization header, so the
// stream is read with fetch; a dropped connection resumes with Last-Event-ID, and the launcher
// replays everything after it, so the log is whole after a reload or a network blip.
import { useEffect, useState } from 'react';
import { FINAL_STATES, launcher } from '../../lib/launcher-client.ts';

export interface LogLine {
  readonly seq: number;
  readonly stream: string;
  readonly text: string;
  /** The pipeline step that printed it (null for a plain AOE job). */
  readonly step: number | null;
}

/** What a step's events said last: its state, and why it failed or what it left. */
export interface StepFeed {
  readonly state: string;
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly outputs: Readonly<Record<string, unknown>> | null;
}

export interface JobFeed {
  readonly lines: readonly LogLine[];
  readonly state: string | null;
  readonly phase: string | null;
  readonly operatorsTuned: number | null;
  readonly percent: number | null;
  readonly errorCode: string | null;
  /** Why a job failed: the exit code and aoe's last lines, as the launcher stored them. */
  readonly message: string | null;
  readonly runIds: readonly string[];
  readonly connected: boolean;
  /** Per step index, from the `step` events. */
  readonly steps: Readonly<Record<number, StepFeed>>;
}

const EMPTY: JobFeed = {
  lines: [],
  state: null,
  phase: null,
  operatorsTuned: null,
  percent: null,
  errorCode: null,
  message: null,
  runIds: [],
  connected: false,
  steps: {},
};

/** Lines kept in memory per job; the launcher keeps the whole log. */
export const MAX_LINES = 200_000;

interface Frame {
  readonly id: number;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

export function parseFrames(buffer: string): { frames: Frame[]; rest: string } {
  const frames: Frame[] = [];
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id = NaN;
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = Number(line.slice(4));
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!Number.isFinite(id) || data === '') continue;
    try {
      const parsed: unknown = JSON.parse(data);
      if (parsed && typeof parsed === 'object')
        frames.push({ id, event, data: parsed as Record<string, unknown> });
    } catch {
      // A malformed frame is skipped; the next one carries on.
    }
  }
  return { frames, rest };
}

function lineOf(f: Frame): LogLine {
  const d = f.data;
  return {
    seq: f.id,
    stream: String(d.stream ?? 'stdout'),
    text: String(d.line ?? ''),
    step: typeof d.step === 'number' ? d.step : null,
  };
}

export function applyFrame(feed: JobFeed, f: Frame): JobFeed {
  const d = f.data;
  switch (f.event) {
    case 'log': {
      const line = lineOf(f);
      const lines =
        feed.lines.length >= MAX_LINES ? [...feed.lines.slice(1), line] : [...feed.lines, line];
      return { ...feed, lines };
    }
    case 'state':
      return {
        ...feed,
        state: String(d.state ?? feed.state),
        errorCode: typeof d.errorCode === 'string' ? d.errorCode : feed.errorCode,
        message: typeof d.message === 'string' ? d.message : feed.message,
        runIds: Array.isArray(d.runIds) ? d.runIds.map(String) : feed.runIds,
      };
    case 'step': {
      const index = typeof d.index === 'number' ? d.index : null;
      if (index === null) return feed;
      const prev = feed.steps[index];
      const step: StepFeed = {
        state: typeof d.state === 'string' ? d.state : (prev?.state ?? 'queued'),
        errorCode: typeof d.errorCode === 'string' ? d.errorCode : (prev?.errorCode ?? null),
        message: typeof d.message === 'string' ? d.message : (prev?.message ?? null),
        outputs:
          d.outputs && typeof d.outputs === 'object'
            ? (d.outputs as Record<string, unknown>)
            : (prev?.outputs ?? null),
      };
      return { ...feed, steps: { ...feed.steps, [index]: step } };
    }
    case 'phase':
      return typeof d.phase === 'string'
        ? { ...feed, phase: `${String(d.jobType ?? '')}:${d.phase}` }
        : feed;
    case 'progress':
      return {
        ...feed,
        operatorsTuned:
          typeof d.operatorsTuned === 'number' ? d.operatorsTuned : feed.operatorsTuned,
        percent: typeof d.percent === 'number' ? d.percent : feed.percent,
      };
    default:
      return feed;
  }
}

/**
 * Applies a chunk of frames at once: log lines are appended with one copy per chunk, not one per
 * line, so replaying a long log stays linear.
 */
export function applyFrames(feed: JobFeed, frames: readonly Frame[]): JobFeed {
  const added: LogLine[] = [];
  let next = { ...feed, lines: [] as readonly LogLine[] };
  for (const f of frames) {
    if (f.event === 'log') {
      added.push(lineOf(f));
    } else next = applyFrame(next, f);
  }
  const all = added.length === 0 ? feed.lines : feed.lines.concat(added);
  return { ...next, lines: all.length > MAX_LINES ? all.slice(all.length - MAX_LINES) : all };
}

export function useJobEvents(jobId: string | null, token: string): JobFeed {
  const [feed, setFeed] = useState<JobFeed>(EMPTY);

  useEffect(() => {
    setFeed(EMPTY);
    if (!jobId) return;
    const abort = new AbortController();
    let lastId = 0;
    let final = false;

    const connect = async (): Promise<void> => {
      const res = await launcher.jobEvents(jobId, lastId, abort.signal);
      if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
      setFeed((f) => ({ ...f, connected: true }));
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { frames, rest } = parseFrames(buffer + value);
        buffer = rest;
        if (frames.length === 0) continue;
        for (const f of frames) {
          lastId = f.id;
          if (f.event === 'state' && FINAL_STATES.has(String(f.data.state))) final = true;
        }
        setFeed((prev) => applyFrames(prev, frames));
      }
    };

    void (async () => {
      while (!abort.signal.aborted && !final) {
        try {
          await connect();
        } catch {
          // Dropped or refused: retry below unless the page moved on.
        }
        setFeed((f) => ({ ...f, connected: false }));
        if (final || abort.signal.aborted) break;
        await new Promise((r) => setTimeout(r, 1500));
      }
    })();
    return () => abort.abort();
  }, [jobId, token]);

  return feed;
}
