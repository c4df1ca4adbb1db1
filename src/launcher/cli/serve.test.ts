// `aoe-dashboard serve` as users start it: a CANN-like set_env.sh is sourced once and its
// environment reaches the job (aoe found through its PATH, the CANN version read from the
// toolkit's version file into the manifest); the token file is private; bad flags are usage errors.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_AOE, sandbox, startServe, type Sandbox } from '../server/testing.ts';
import { main } from './main.ts';
import { isLoopback } from './serve.ts';

let box: Sandbox | null = null;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.length = 0;
  box?.cleanup();
  box = null;
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['1270.0.0.1', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('serve flags', () => {
  it('refuses a port out of range as a usage error', async () => {
    let err = '';
    const code = await main(['serve', '--port', '70000'], {
      stdout: () => {},
      stderr: (t) => (err += t),
    });
    expect(code).toBe(2);
    expect(err).toContain('--port');
  });

  it.each(['-1', '2.5', 'ten'])('refuses --keep-workdirs %s as a usage error', async (n) => {
    let err = '';
    const code = await main(['serve', '--keep-workdirs', n], {
      stdout: () => {},
      stderr: (t) => (err += t),
    });
    expect(code).toBe(2);
    expect(err).toContain('--keep-workdirs');
  });

  it('stops with an error when set_env.sh fails', async () => {
    box = sandbox();
    const script = join(box.root, 'broken_set_env.sh');
    writeFileSync(script, 'echo "cannot read /etc/ascend_install.info" >&2\nexit 3\n');
    let err = '';
    const code = await main(['serve', '--data-dir', box.dataDir, '--set-env', script], {
      stdout: () => {},
      stderr: (t) => (err += t),
    });
    expect(code).toBe(1);
    expect(err).toContain('cannot read /etc/ascend_install.info');
  });
});

describe('serve with --set-env', () => {
  it('keeps the sourced environment for jobs and records CANN in the manifest', async () => {
    const b = sandbox();
    box = b;
    // A toolkit the way CANN lays it out: aoe in its bin/, a version file at its root.
    const toolkit = join(b.root, 'Ascend', 'ascend-toolkit', 'latest');
    mkdirSync(join(toolkit, 'bin'), { recursive: true });
    symlinkSync(FAKE_AOE, join(toolkit, 'bin', 'aoe'));
    writeFileSync(join(toolkit, 'version.cfg'), 'toolkit_installed_version=[8.0.RC3:8.0.RC3]\n');
    const setEnv = join(b.root, 'set_env.sh');
    writeFileSync(
      setEnv,
      `export ASCEND_TOOLKIT_HOME="${toolkit}"\nexport PATH="$ASCEND_TOOLKIT_HOME/bin:$PATH"\nexport ASCEND_OPP_PATH="${toolkit}/opp"\n`,
    );
    const s = await startServe([
      '--data-dir',
      b.dataDir,
      '--models-root',
      b.modelsRoot,
      '--set-env',
      setEnv,
    ]);
    children.push(s.child);
    const token = readFileSync(join(b.dataDir, 'token'), 'utf8').trim();
    expect(statSync(join(b.dataDir, 'token')).mode & 0o777).toBe(0o600);
    expect(s.output()).toContain(`token: ${token}`);
    expect(s.output()).not.toContain('warning');

    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const preflight = (await (await fetch(`${s.url}/api/preflight`, { headers: auth })).json()) as {
      items: { id: string; status: string }[];
    };
    expect(preflight.items.find((i) => i.id === 'setEnv')?.status).toBe('ok');
    expect(preflight.items.find((i) => i.id === 'aoe')?.status).toBe('ok');

    const posted = await fetch(`${s.url}/api/jobs`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ model: 'resnet50.onnx', jobTypes: [2] }),
    });
    const { id } = (await posted.json()) as { id: string };
    let job = { state: 'queued', runIds: [] as string[] };
    const end = Date.now() + 15_000;
    while (!['succeeded', 'failed'].includes(job.state) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await (
        await fetch(`${s.url}/api/jobs/${id}`, { headers: auth })
      ).json()) as typeof job;
    }
    expect(job.state).toBe('succeeded');
    const run = (await (await fetch(`${s.url}/api/runs/${job.runIds[0] ?? ''}`)).json()) as {
      manifests: { cannVersion: string; command: string[]; env: Record<string, string> }[];
    };
    const manifest = run.manifests[0];
    expect(manifest?.cannVersion).toBe('8.0.RC3');
    expect(manifest?.command[0]).toBe(join(toolkit, 'bin', 'aoe'));
    expect(manifest?.env).toEqual({
      ASCEND_OPP_PATH: `${toolkit}/opp`,
      ASCEND_TOOLKIT_HOME: toolkit,
    });
  }, 30_000);
});
