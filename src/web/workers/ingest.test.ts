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
  /** Every file sent to a worker, in order, with the worker it went to. */
  static imports: { worker: FakeWorker; jobId: string }[] = [];
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: ToWorker[] = [];
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: ToWorker): void {
    this.received.push(message);
    if (message.type === 'import') FakeWorker.imports.push({ worker: this, jobId: message.jobId });
  }
  terminate(): void {}
  reply(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<unknown>);
  }
}

// The module's pool lives across the tests: one stand-in worker serves them all.
beforeAll(() => vi.stubGlobal('Worker', FakeWorker));
afterAll(() => vi.unstubAllGlobals());

/** Waits for the next file sent to a worker: that worker and the file's job id. */
async function nextImport(before: number): Promise<{ worker: FakeWorker; jobId: string }> {
  await vi.waitFor(() => expect(FakeWorker.imports.length).toBeGreaterThan(before));
  return FakeWorker.imports.at(-1)!;
}

async function drop(id: string, ok: boolean): Promise<void> {
  const { ingestFiles } = await import('./ingest.ts');
  const file = new File(['Step Id,Name\n'], 'kernel_details.csv');
  const before = FakeWorker.imports.length;
  const loading = ingestFiles([{ file, path: 'PROF_1/kernel_details.csv' }]);
  const { worker, jobId } = await nextImport(before);
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

test('a file the worker failed on is listed with its error where the page has no randomUUID (plain http)', async () => {
  const { ingestFiles } = await import('./ingest.ts');
  // Outside secure contexts `crypto` has getRandomValues but neither randomUUID nor subtle.
  const real = globalThis.crypto;
  vi.stubGlobal('crypto', {
    getRandomValues: (array: Uint8Array<ArrayBuffer>) => real.getRandomValues(array),
  });
  try {
    const file = new File(['{'], 'aoe_result_opat_1.json');
    const before = FakeWorker.imports.length;
    const loading = ingestFiles([{ file, path: 'aoe_result_opat_1.json' }]);
    const { worker, jobId } = await nextImport(before);
    worker.reply({ type: 'failed', jobId, message: 'TypeError: boom' });
    const [listed] = await loading;
    expect(listed?.id).toMatch(/^failed-[0-9a-f]{32}$/);
    expect(listed?.issues[0]?.message).toBe('TypeError: boom');
    expect(useAppStore.getState().files[listed?.id ?? '']).toBeDefined();
  } finally {
    vi.stubGlobal('crypto', real);
  }
});

test('how the worker read a file becomes a performance mark on the page’s clock', async () => {
  const { ingestFiles } = await import('./ingest.ts');
  const file = new File(['Step Id,Name\n'], 'kernel_details.csv');
  const before = FakeWorker.imports.length;
  const loading = ingestFiles([{ file, path: 'PROF_2/kernel_details.csv' }]);
  const { worker, jobId } = await nextImport(before);
  const at = performance.timeOrigin + 1000;
  worker.reply({
    type: 'done',
    jobId,
    file: profileFile('p-timed'),
    timing: { hash: 'wasm', marks: { start: at, hashEnd: at + 250 } },
  });
  await loading;
  const [mark] = performance.getEntriesByName('ingest PROF_2/kernel_details.csv');
  expect((mark as PerformanceMark).detail).toEqual({
    hash: 'wasm',
    steps: { start: 1000, hashEnd: 1250 },
  });
});
