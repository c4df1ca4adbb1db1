// The pool's bookkeeping with stand-in workers: how many files run at once, what cancel does to
// a queued and to a running file, a crashing worker, restoring saved records, and the store that
// follows a file the page already has.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { reportFile } from '../../core/formats/test-files.ts';
import { IngestPool, type IngestOutcome } from './ingest-pool.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: ToWorker[] = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: ToWorker): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<unknown>);
  }
  crash(): void {
    this.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
  }
}

const file = (name: string) => new File(['{}'], name);
const busy = () =>
  FakeWorker.all.filter((w) => !w.terminated && w.received.some((m) => m.type === 'import'));

beforeEach(() => {
  FakeWorker.all = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

test('runs at most `size` files at once and reuses a worker once it is free', async () => {
  const pool = new IngestPool(2);
  const outcomes: Promise<IngestOutcome>[] = ['a', 'b', 'c'].map((n) =>
    pool.run(n, file(`${n}.json`), `${n}.json`, () => undefined),
  );
  expect(busy()).toHaveLength(2);
  const first = busy()[0]!;
  first.reply({ type: 'done', jobId: 'a', file: reportFile('a') });
  expect(await outcomes[0]).toMatchObject({ kind: 'done', file: reportFile('a') });
  // The freed worker took the third file: still two workers in all.
  expect(FakeWorker.all).toHaveLength(2);
  expect(first.received.map((m) => (m.type === 'import' ? m.jobId : m.type))).toEqual(['a', 'c']);
});

test('progress is passed on; messages of another job are ignored', async () => {
  const pool = new IngestPool(1);
  const progress = vi.fn();
  const outcome = pool.run('a', file('a.csv'), 'a.csv', progress);
  const worker = FakeWorker.all[0]!;
  worker.reply({ type: 'progress', jobId: 'a', phase: 'reading', done: 10, total: 20 });
  worker.reply({ type: 'progress', jobId: 'zzz', phase: 'reading', done: 1, total: 2 });
  worker.reply({ type: 'failed', jobId: 'a', message: 'TypeError: boom' });
  expect(progress).toHaveBeenCalledTimes(1);
  expect(progress).toHaveBeenCalledWith({ phase: 'reading', done: 10, total: 20 });
  expect(await outcome).toEqual({ kind: 'failed', message: 'TypeError: boom' });
  // A worker that hit a bug is not reused.
  expect(worker.terminated).toBe(true);
});

test('cancel: a queued file never starts, a running one has its worker terminated', async () => {
  const pool = new IngestPool(1);
  const running = pool.run('a', file('a.csv'), 'a.csv', () => undefined);
  const queued = pool.run('b', file('b.csv'), 'b.csv', () => undefined);
  pool.cancel('b');
  expect(await queued).toEqual({ kind: 'canceled' });
  const worker = FakeWorker.all[0]!;
  pool.cancel('a');
  expect(await running).toEqual({ kind: 'canceled' });
  expect(worker.terminated).toBe(true);
  // A late answer from the terminated worker changes nothing.
  worker.reply({ type: 'done', jobId: 'a', file: reportFile('a') });
  expect(await running).toEqual({ kind: 'canceled' });
});

test('a crashing worker fails its file and the next file gets a fresh worker', async () => {
  const pool = new IngestPool(1);
  const a = pool.run('a', file('a.csv'), 'a.csv', () => undefined);
  const b = pool.run('b', file('b.csv'), 'b.csv', () => undefined);
  FakeWorker.all[0]!.crash();
  expect(await a).toEqual({ kind: 'failed', message: 'out of memory' });
  expect(FakeWorker.all).toHaveLength(2);
  FakeWorker.all[1]!.reply({ type: 'done', jobId: 'b', file: reportFile('b') });
  expect((await b).kind).toBe('done');
});

test('restore asks a worker for the records and hands the worker back', async () => {
  const pool = new IngestPool(1);
  pool.warm();
  const restored = pool.restore(['file:a', 'file:b']);
  const worker = FakeWorker.all[0]!;
  const request = worker.received[0];
  expect(request).toMatchObject({ type: 'restore', keys: ['file:a', 'file:b'] });
  const requestId = request?.type === 'restore' ? request.requestId : '';
  worker.reply({ type: 'restored', requestId, records: [reportFile('a'), undefined] });
  expect(await restored).toEqual([reportFile('a'), undefined]);
  // The same worker then takes the next file.
  void pool.run('c', file('c.json'), 'c.json', () => undefined);
  expect(FakeWorker.all).toHaveLength(1);
});

const storedOf = async (outcome: Promise<IngestOutcome>): Promise<boolean> => {
  const o = await outcome;
  if (o.kind !== 'done') throw new Error(`expected done, got ${o.kind}`);
  return o.stored;
};

test('a file is done before it is stored; the worker takes the next file meanwhile', async () => {
  const pool = new IngestPool(1);
  const a = pool.run('a', file('a.csv'), 'a.csv', () => undefined);
  const b = pool.run('b', file('b.csv'), 'b.csv', () => undefined);
  const worker = FakeWorker.all[0]!;
  worker.reply({ type: 'done', jobId: 'a', file: reportFile('a') });
  let stored: boolean | null = null;
  void storedOf(a).then((ok) => (stored = ok));
  await a;
  // The same worker already reads the next file while it stores the first.
  expect(worker.received.map((m) => (m.type === 'import' ? m.jobId : m.type))).toEqual(['a', 'b']);
  expect(stored).toBeNull();
  worker.reply({ type: 'stored', jobId: 'a', ok: false });
  expect(await storedOf(a)).toBe(false);
  worker.reply({ type: 'done', jobId: 'b', file: reportFile('b') });
  worker.reply({ type: 'stored', jobId: 'b', ok: true });
  expect(await storedOf(b)).toBe(true);
});

test('a worker terminated while storing a file: that file counts as not stored', async () => {
  const pool = new IngestPool(1);
  const a = pool.run('a', file('a.csv'), 'a.csv', () => undefined);
  const b = pool.run('b', file('b.csv'), 'b.csv', () => undefined);
  FakeWorker.all[0]!.reply({ type: 'done', jobId: 'a', file: reportFile('a') });
  await a;
  pool.cancel('b');
  expect(await b).toEqual({ kind: 'canceled' });
  expect(await storedOf(a)).toBe(false);
});
