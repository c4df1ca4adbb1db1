// Loading a file into the workspace with a stand-in ingest worker: the file joins the workspace
// as soon as the worker sends it, before it is stored; a store that fails leaves it in the
// workspace for the session, marked unsaved.
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { profileFile } from '../../core/formats/test-files.ts';
import { useAppStore } from '../store/index.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { profileOf } from '../../core/formats/content.ts';

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: ToWorker[] = [];
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: ToWorker): void {
    this.received.push(message);
  }
  terminate(): void {}
  reply(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<unknown>);
  }
}

// The module's pool lives across the tests: one stand-in worker serves them all.
beforeAll(() => vi.stubGlobal('Worker', FakeWorker));
afterAll(() => vi.unstubAllGlobals());

/** The job id of the last file sent to the (only) worker. */
function lastJob(): string {
  const imports = FakeWorker.all[0]?.received.filter((m) => m.type === 'import') ?? [];
  const last = imports.at(-1);
  if (last?.type !== 'import') throw new Error('no file sent to the worker');
  return last.jobId;
}

async function drop(id: string, ok: boolean): Promise<void> {
  const { ingestFiles } = await import('./ingest.ts');
  const file = new File(['Step Id,Name\n'], 'kernel_details.csv');
  const loading = ingestFiles([{ file, path: 'PROF_1/kernel_details.csv' }]);
  await vi.waitFor(() => lastJob());
  const worker = FakeWorker.all[0]!;
  const jobId = lastJob();
  worker.reply({ type: 'done', jobId, file: profileFile(id) });
  expect((await loading).map((f) => f.id)).toEqual([id]);
  // Listed before it is stored.
  expect(Object.keys(useAppStore.getState().files)).toContain(id);
  expect(useAppStore.getState().savingIds).toEqual([id]);
  worker.reply({ type: 'stored', jobId, ok });
  await vi.waitFor(() => expect(useAppStore.getState().savingIds).toEqual([]));
}

test('a file the worker could not store is kept for the session and marked unsaved', async () => {
  await drop('p-unsaved', false);
  const state = useAppStore.getState();
  expect(profileOf(state.files['p-unsaved'])).not.toBeNull();
  expect(state.unsavedIds).toEqual(['p-unsaved']);
});

test('a file the worker stored is not marked', async () => {
  await drop('p-saved', true);
  const state = useAppStore.getState();
  expect(Object.keys(state.files)).toContain('p-saved');
  expect(state.unsavedIds).not.toContain('p-saved');
});
