// Preflight against a stand-in host: a fake `npu-smi` and the stand-in `aoe` on PATH.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validate } from '../../core/validation/index.ts';
import { FAKE_AOE } from '../server/testing.ts';
import { createHelpProbe, runPreflight, type Preflight } from './preflight.ts';

// The shape of `npu-smi info` on an Atlas 300I Pro host: a name row and a chip row per NPU, then
// the process table.
const NPU_SMI = `+--------------------------------------------------------------------------------------------------------+
| npu-smi 23.0.rc3                 Version: 23.0.rc3                                                     |
+-------------------------------+-----------------+------------------------------------------------------+
| NPU     Name                  | Health          | Power(W)     Temp(C)           Hugepages-Usage(page) |
| Chip    Device                | Bus-Id          | AICore(%)    Memory-Usage(MB)                        |
+===============================+=================+======================================================+
| 0       310P3                 | OK              | NA           45                0     / 0             |
| 0       0                     | 0000:01:00.0    | 0            1782 / 21527                            |
+===============================+=================+======================================================+
| 2       310P3                 | OK              | NA           44                0     / 0             |
| 0       1                     | 0000:02:00.0    | 0            1780 / 21527                            |
+===============================+=================+======================================================+
| NPU     Chip                  | Process id      | Process name             | Process memory(MB)      |
+===============================+=================+======================================================+
| No running processes found in NPU 0                                                                   |
+===============================+=================+======================================================+
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aoe-preflight-'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'npu-smi.txt'), NPU_SMI);
  writeFileSync(join(dir, 'bin', 'npu-smi'), `#!/bin/sh\ncat "${join(dir, 'npu-smi.txt')}"\n`);
  chmodSync(join(dir, 'bin', 'npu-smi'), 0o755);
  symlinkSync(FAKE_AOE, join(dir, 'bin', 'aoe'));
  mkdirSync(join(dir, 'bank'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function check(
  env: Record<string, string>,
  aoeBin = 'aoe',
  dataDir?: string,
): Promise<Preflight> {
  const full = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir, ...env };
  const p = await runPreflight({
    probe: createHelpProbe(aoeBin, full),
    env: full,
    setEnvFile: null,
    aoeBin,
    dataDir,
  });
  // What GET /api/preflight sends honours its published contract.
  expect(validate('launcher-preflight', JSON.parse(JSON.stringify(p)))).toEqual([]);
  return p;
}

const status = (p: Preflight, id: string) => p.items.find((i) => i.id === id)?.status;

describe('runPreflight', () => {
  it('finds aoe on PATH, probes its --help, lists devices from npu-smi', async () => {
    const p = await check({});
    expect(status(p, 'aoe')).toBe('ok');
    expect(status(p, 'help')).toBe('ok');
    expect(p.helpOptions).toContain('job_type');
    expect(p.helpOptions).toContain('tune_ops_file');
    expect(p.helpOptions).not.toContain('help');
    expect(p.devices).toEqual([0, 2]);
    expect(status(p, 'devices')).toBe('ok');
    expect(status(p, 'setEnv')).toBe('warning');
    expect(status(p, 'bank')).toBe('ok');
    expect(['ok', 'warning']).toContain(status(p, 'ram'));
  });

  it("checks the free space of the data dir's disk as well as $HOME's, once per disk", async () => {
    // /proc is a file system of its own with no free space: a disk under AOE's 20 GB.
    const p = await check({ HOME: '/proc' }, 'aoe', dir);
    const disks = p.items.filter((i) => i.id === 'disk');
    expect(disks.map((d) => [d.values?.path, d.status])).toEqual([
      ['/proc', 'warning'],
      [dir, expect.stringMatching(/ok|warning/)],
    ]);
    const same = await check({}, 'aoe', join(dir, 'bank'));
    expect(same.items.filter((i) => i.id === 'disk')).toHaveLength(1);
  });

  it('drops options the host aoe does not list', async () => {
    const p = await check({ FAKE_AOE_UNSUPPORTED: 'Fdeeper_opat,build_bypass' });
    expect(p.helpOptions).not.toContain('Fdeeper_opat');
    expect(p.helpOptions).not.toContain('build_bypass');
    expect(p.helpOptions).toContain('Fop_format');
  });

  it('is an error when aoe is missing, and says so', async () => {
    const p = await check({}, 'no-such-aoe');
    expect(status(p, 'aoe')).toBe('error');
    expect(status(p, 'help')).toBe('error');
    expect(p.ok).toBe(false);
    expect(p.items[0]?.message).toContain('--set-env');
  });

  it.each([
    ['an existing writable bank', () => join(dir, 'bank'), 'ok'],
    ['a missing bank', () => join(dir, 'nope'), 'error'],
    ['a file instead of a directory', () => join(dir, 'npu-smi.txt'), 'error'],
  ])('TUNE_BANK_PATH: %s', async (_name, path, expected) => {
    expect(status(await check({ TUNE_BANK_PATH: path() }), 'bank')).toBe(expected);
  });

  it('warns when npu-smi is not there', async () => {
    rmSync(join(dir, 'bin', 'npu-smi'));
    const p = await check({});
    expect(status(p, 'devices')).toBe('warning');
    expect(p.devices).toEqual([]);
  });

  it('names the pipeline tools: atc, msprof, python3 and its ais_bench module', async () => {
    symlinkSync(process.execPath, join(dir, 'bin', 'node'));
    // aoe, npu-smi and node in bin/, a python3 without the ais_bench module before the system's.
    writeFileSync(
      join(dir, 'bin', 'python3'),
      '#!/bin/sh\necho "/usr/bin/python3: No module named ais_bench" >&2\nexit 1\n',
    );
    chmodSync(join(dir, 'bin', 'python3'), 0o755);
    const bare = await check({ PATH: `${join(dir, 'bin')}:/bin` });
    expect(status(bare, 'atc')).toBe('warning');
    expect(status(bare, 'msprof')).toBe('warning');
    expect(status(bare, 'python3')).toBe('ok');
    expect(status(bare, 'aisBench')).toBe('warning');
    expect(bare.items.find((i) => i.id === 'aisBench')?.values?.error).toContain('No module named');
    // Missing pipeline tools do not make the host unfit for AOE.
    expect(bare.ok).toBe(true);

    const fixtures = (name: string) =>
      fileURLToPath(new URL(`../../../e2e/fixtures/${name}`, import.meta.url));
    const full = await check({
      PATH: [
        fixtures('fake-atc'),
        fixtures('fake-msprof'),
        fixtures('fake-ais-bench'),
        join(dir, 'bin'),
      ].join(':'),
    });
    for (const id of ['atc', 'msprof', 'python3', 'aisBench'])
      expect([id, status(full, id)]).toEqual([id, 'ok']);
    expect(full.items.find((i) => i.id === 'atc')?.values?.bin).toMatch(/fake-atc\/atc$/);
  });

  it('says python3 is missing and does not ask for ais_bench then', async () => {
    symlinkSync(process.execPath, join(dir, 'bin', 'node'));
    const p = await check({ PATH: join(dir, 'bin') });
    expect(status(p, 'python3')).toBe('warning');
    expect(status(p, 'aisBench')).toBeUndefined();
  });
});
