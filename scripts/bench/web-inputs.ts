// Inputs of the `web` bench part: a static server for dist/, the deterministic ~100 MB
// kernel_details.csv, and a typical AOE report. Not a bench part itself (run.ts lists the parts).
import { closeSync, createReadStream, existsSync, mkdirSync, openSync } from 'node:fs';
import { renameSync, statSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';

const CSV_ROWS = 560_000;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
};

/** dist/ on loopback, with the SPA fallback to index.html. */
export function serve(dist: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let path = '/';
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // A malformed escape: serve the app shell.
    }
    let file = normalize(join(dist, path));
    if (!file.startsWith(dist + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(dist, 'index.html');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, server });
    }),
  );
}

/**
 * A torch_npu Level1 kernel_details.csv of ~100 MB (or `rows` rows: ~180 bytes each), the same
 * bytes on every machine.
 */
export function ensureCsv(csvFile: string, rows = CSV_ROWS): number {
  if (!existsSync(csvFile)) {
    mkdirSync(dirname(csvFile), { recursive: true });
    const tmp = `${csvFile}.tmp`;
    const fd = openSync(tmp, 'w');
    writeSync(
      fd,
      'Step Id,Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),' +
        'Block Dim,Mix Block Dim,Input Shapes,Input Data Types,Input Formats,Output Shapes,' +
        'Output Data Types,Output Formats,aicore_time(us),aic_total_cycles,aiv_time(us),' +
        'aiv_total_cycles,cube_utilization(%)\r\n',
    );
    const kinds = [
      ['Conv2D', 'AI_CORE', '"32,64,56,56;64,64,3,3"', 'NC1HWC0;FRACTAL_Z'],
      ['Relu', 'AI_VECTOR_CORE', '"32,64,56,56"', 'NC1HWC0'],
      ['Add', 'AI_VECTOR_CORE', '"32,256,56,56;32,256,56,56"', 'NC1HWC0;NC1HWC0'],
      ['MatMulV2', 'AI_CORE', '"32,2048;2048,1000"', 'ND;ND'],
      ['TransData', 'AI_VECTOR_CORE', '"32,3,224,224"', 'NCHW'],
    ] as const;
    let seed = 20261121;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let start = 1764246877073569;
    let out: string[] = [];
    for (let r = 0; r < rows; r++) {
      const k = kinds[r % kinds.length] ?? kinds[0];
      const dur = 2 + rand() * 300;
      start += Math.ceil(dur) + 1;
      out.push(
        `${1 + Math.floor(r / 5000)},0,${k[0]}_${r % 211},${k[0]},${k[1]},${start}.125\t,` +
          `${dur.toFixed(3)},${(rand() * 5).toFixed(3)},24,0,${k[2]},FLOAT16,${k[3]},${k[2]},` +
          `FLOAT16,NC1HWC0,${(dur * 0.9).toFixed(3)},${Math.floor(dur * 1800)},0,0,0.41`,
      );
      if (out.length === 10_000) {
        writeSync(fd, out.join('\r\n') + '\r\n');
        out = [];
      }
    }
    if (out.length > 0) writeSync(fd, out.join('\r\n') + '\r\n');
    closeSync(fd);
    renameSync(tmp, csvFile);
  }
  return statSync(csvFile).size;
}
