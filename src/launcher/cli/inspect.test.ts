import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { validate } from '../../core/validation/index.ts';
import { mdCell } from './inspect.ts';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function tempDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-inspect-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('aoe-dashboard inspect: usage and unreadable input', () => {
  it('exits 2 without paths, and with both --json and --md', async () => {
    expect((await run(['inspect'])).code).toBe(2);
    const dir = tempDir({ 'a.json': '{}' });
    const both = await run(['inspect', '--json', '--md', join(dir, 'a.json')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/one of --json and --md/);
  });

  it('exits 2 on an unknown option', async () => {
    expect((await run(['inspect', '--jsn', 'x'])).code).toBe(2);
  });

  it('reports empty, binary, unknown and missing files as errors, in argument order, and exits 1', async () => {
    const dir = tempDir({
      'empty.json': '',
      'blob.bin': Uint8Array.from([1, 0, 2, 3]),
      'notes.json': '{"hello": "world"}',
    });
    const paths = ['empty.json', 'blob.bin', 'missing.csv', 'notes.json'].map((n) => join(dir, n));
    const r = await run(['inspect', '--json', ...paths]);
    expect(r.code).toBe(1);
    const out: unknown = JSON.parse(r.stdout);
    expect(validate('inspect-output.v1', out)).toEqual([]);
    const files = (out as { files: { file: string; ok: boolean; issues: { code: string }[] }[] })
      .files;
    expect(files.map((f) => [f.file, f.ok, f.issues[0]?.code])).toEqual([
      [paths[0], false, 'EMPTY'],
      [paths[1], false, 'BINARY'],
      [paths[2], false, 'UNREADABLE'],
      [paths[3], false, 'UNKNOWN_FORMAT'],
    ]);
  });

  it('names a neighbouring profiler file instead of calling it unknown', async () => {
    const dir = tempDir({
      'step_trace_time.csv': 'Step,Computing,Communication(Not Overlapped),Overlapped\n1,2,3,4\n',
    });
    const r = await run(['inspect', join(dir, 'step_trace_time.csv')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/step_trace_time table, which the dashboard does not read/);
  });

  it('says so when a folder holds nothing it recognises', async () => {
    const dir = tempDir({ 'readme.txt': 'hello' });
    const r = await run(['inspect', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no AOE result file or profiler table found/);
  });
});

describe('mdCell', () => {
  it('keeps operator names from becoming markup or breaking the table', () => {
    expect(mdCell('<img src=x onerror=alert(1)>|a*b_c`d')).toBe(
      '\\<img src=x onerror=alert(1)\\>\\|a\\*b\\_c\\`d',
    );
  });
});
