// The hash worker: streams a file through an incremental SHA-256 (see file-hash.ts) while the
// ingest worker that started it parses the same file.
import type { HashAnswer, HashRequest } from './file-hash.ts';
import { chunksOf, incrementalSha256, sha256OfChunks } from './sha256-stream.ts';

const scope = globalThis as unknown as {
  postMessage(message: HashAnswer): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HashRequest>) => void): void;
};

// Compiled as soon as the worker starts (the compiled module is kept for every file after it).
incrementalSha256().catch(() => undefined);

scope.addEventListener('message', (event) => {
  const { requestId, file } = event.data;
  sha256OfChunks(chunksOf(file.stream())).then(
    (digest) => scope.postMessage({ requestId, digest }),
    (error: unknown) => scope.postMessage({ requestId, error: String(error) }),
  );
});
