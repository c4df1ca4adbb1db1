// Server-Sent Events for one job: every stored event after Last-Event-ID, then live ones, each
// with its sequence number as id. The stream ends after the job's final state, so a finished
// job's log replays completely and the connection does not linger.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JobEvent, JobEvents } from '../jobs/events.ts';

const FINAL = new Set(['succeeded', 'failed', 'canceled', 'interrupted']);
const HEARTBEAT_MS = 15_000;

function isFinal(e: JobEvent): boolean {
  if (e.type !== 'state' || typeof e.data !== 'object' || e.data === null) return false;
  return FINAL.has(String((e.data as { state?: unknown }).state));
}

function frame(e: JobEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...wrap(e.data), at: e.at })}\n\n`;
}

function wrap(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : { value: data };
}

export function lastEventId(req: FastifyRequest): number {
  const header = req.headers['last-event-id'];
  const query = (req.query as Record<string, unknown> | undefined)?.lastEventId;
  const raw = typeof header === 'string' ? header : typeof query === 'string' ? query : '0';
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

export function streamJobEvents(
  req: FastifyRequest,
  reply: FastifyReply,
  events: JobEvents,
  jobId: string,
  headers: Record<string, string>,
  jobEnded: () => boolean,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let sent = lastEventId(req);
  let ended = false;
  const pending: JobEvent[] = [];
  let replaying = true;
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    clearInterval(heartbeat);
    res.end();
  };
  const send = (e: JobEvent) => {
    if (ended || e.seq <= sent) return;
    sent = e.seq;
    res.write(frame(e));
    if (isFinal(e)) end();
  };
  // Subscribe before reading the store, so nothing falls between the replay and the live feed.
  const unsubscribe = events.subscribe(jobId, (e) => (replaying ? pending.push(e) : send(e)));
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.raw.on('close', end);
  res.write('retry: 2000\n\n');
  for (const e of events.replay(jobId, sent)) send(e);
  replaying = false;
  for (const e of pending) send(e);
  // A viewer that already had everything of an ended job gets an empty, closed stream.
  if (jobEnded()) end();
}
