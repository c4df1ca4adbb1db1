// The web bench's parse stage, run in a worker of the page being measured (same engine as the
// end-to-end figure): the bytes it is given, already in memory, through one parser on this one
// thread, in 1 MiB pieces as a stream would give them. `import`: the kernel_details parser as an
// import runs it (the table and the precision digest of the same records, one scan); `table`: the
// table parser alone. Answers the seconds it took and the rows read.
import { createKernelDetailsParser } from '../../src/core/formats/kernel-details/parse.ts';
import { kernelDetailsFormat } from '../../src/core/formats/kernel-details/index.ts';
import { profileOf } from '../../src/core/formats/content.ts';
import type { FileContent } from '../../src/core/formats/types.ts';
import type { ProfileData } from '../../src/core/model/types.ts';

export interface ParseStageRequest {
  readonly bytes: ArrayBuffer;
  readonly stage: 'import' | 'table';
}
export interface ParseStageAnswer {
  readonly seconds: number;
  readonly rows: number;
}

const scope = globalThis as unknown as {
  postMessage(message: ParseStageAnswer): void;
  onmessage: ((event: MessageEvent<ParseStageRequest>) => void) | null;
};

scope.onmessage = (event) => {
  const bytes = new Uint8Array(event.data.bytes);
  const ctx = { fileName: 'kernel_details.csv', id: '' };
  const t0 = performance.now();
  const parser =
    event.data.stage === 'table'
      ? createKernelDetailsParser(ctx)
      : kernelDetailsFormat.createParser(ctx);
  parser.sizeHint?.(bytes.length);
  for (let at = 0; at < bytes.length; at += 1 << 20)
    parser.push(bytes.subarray(at, at + (1 << 20)));
  const result = parser.finish();
  const seconds = (performance.now() - t0) / 1000;
  if (!result.ok) throw new Error('the generated table did not parse');
  const profile =
    event.data.stage === 'table'
      ? (result.value as ProfileData)
      : profileOf({ content: result.value as FileContent });
  const rows = profile?.table?.rowCount ?? 0;
  scope.postMessage({ seconds, rows });
};
