// The team server end to end: a team server (PostgreSQL when AOE_TEST_PG_URL is set, else
// SQLite) and a device launcher started with --publish-to; two jobs on the device are published;
// the team server's History page, opened with a read token, shows both points; a click on a point
// opens the run; two ticked runs open a compare.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const expect = baseExpect.configure({ timeout: 30_000 });
const BIN = join(import.meta.dirname, '..', 'bin', 'aoe-dashboard.js');
const FAKE = join(import.meta.dirname, 'fixtures', 'fake-aoe');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const children: ChildProcess[] = [];
let root = '';

async function serve(args: string[], port: number): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return url;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`serve did not start: ${out}`);
}

async function teamDb(): Promise<string[]> {
  const admin = process.env.AOE_TEST_PG_URL;
  if (!admin) return [];
  const name = `aoe_e2e_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return ['--db', u.toString()];
}

function token(args: string[]): string {
  return execFileSync(process.execPath, [BIN, 'token', 'create', ...args], {
    encoding: 'utf8',
  }).trim();
}

test.afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  if (root) rmSync(root, { recursive: true, force: true });
});

function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
}

test.use({ locale: 'en-US', viewport: { width: 1440, height: 900 } });

test('runs published by a launcher appear on the team server History; a point opens, two compare', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  root = mkdtempSync(join(tmpdir(), 'aoe-e2e-team-'));
  const teamDir = join(root, 'team');
  const deviceDir = join(root, 'device');
  const db = await teamDb();
  const teamPort = await freePort();
  const teamUrl = await serve(['--data-dir', teamDir, ...db], teamPort);
  const store = db.length ? db : ['--data-dir', teamDir];
  const publishToken = token([...store, '--role', 'publish', '--name', 'npu-host-1']);
  const readToken = token([...store, '--role', 'read', '--name', 'lead']);
  writeFileSync(join(root, 'publish-token'), `${publishToken}\n`, { mode: 0o600 });

  const devicePort = await freePort();
  const deviceUrl = await serve(
    [
      '--data-dir',
      deviceDir,
      '--aoe-bin',
      join(FAKE, 'aoe'),
      '--models-root',
      join(FAKE, 'models'),
      '--publish-to',
      teamUrl,
      '--publish-token-file',
      join(root, 'publish-token'),
    ],
    devicePort,
  );
  const deviceToken = readFileSync(join(deviceDir, 'token'), 'utf8').trim();
  for (let i = 0; i < 2; i++) {
    const res = await fetch(`${deviceUrl}/api/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'resnet50.onnx', jobTypes: [2] }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await expect
      .poll(async () => {
        const job = await fetch(`${deviceUrl}/api/jobs/${id}`, {
          headers: { authorization: `Bearer ${deviceToken}` },
        });
        return ((await job.json()) as { state: string }).state;
      })
      .toBe('succeeded');
  }
  // The device's publisher sends both runs to the team server.
  await expect
    .poll(async () => {
      const res = await fetch(`${teamUrl}/api/history/runs`, {
        headers: { authorization: `Bearer ${readToken}` },
      });
      return ((await res.json()) as { total: number }).total;
    })
    .toBe(2);

  const problems: string[] = [];
  watch(page, problems);
  await page.goto(`${teamUrl}/history`);
  // No token yet: the page asks for one.
  await page.getByLabel('Read token').fill(readToken);
  await page.getByRole('button', { name: 'Use token' }).click();
  const chart = page.getByTestId('history-chart');
  await expect(chart).toHaveAttribute('data-points', '2');
  await expect(page.getByTestId('history-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('history-model')).toContainText('resnet50');
  // Two points on the tuned line (and two on the baseline line).
  const tunedPoints = chart.locator('.history-point');
  await expect(tunedPoints).toHaveCount(4);

  // The tuned line is drawn last, so its points are on top: a click there opens that run.
  await tunedPoints.last().click();
  await expect(page).toHaveURL(/\/run\/[0-9a-f]{64}\/0$/);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto(`${teamUrl}/history`);
  const rows = page.getByTestId('history-table').locator('tbody tr');
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await page.getByTestId('history-compare').click();
  await expect(page).toHaveURL(/\/compare\?runs=[0-9a-f]{64}%3A0%2C[0-9a-f]{64}%3A0/);
  await expect(page.getByTestId('compare-page')).toBeVisible();

  // A reader in another browser without the token is asked for one; the history is not shown.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(`${teamUrl}/history`);
  await expect(other.getByTestId('history-token')).toBeVisible();
  await expect(other.getByTestId('history-chart')).toHaveCount(0);
  await stranger.close();
  expect(problems).toEqual([]);

  // Screenshots for review (outside the repository), at three sizes and in both languages.
  const shots = process.env.HISTORY_SHOTS;
  if (shots) {
    for (const lang of ['en', 'zh-CN']) {
      for (const [w, h] of [
        [1440, 900],
        [1280, 720],
        [800, 900],
      ] as const) {
        const ctx = await browser.newContext({ locale: lang, viewport: { width: w, height: h } });
        await ctx.addInitScript(
          ({ t, l }) => {
            localStorage.setItem('aoe-dashboard.history-token', t);
            localStorage.setItem('aoe-dashboard.language', l);
          },
          { t: readToken, l: lang },
        );
        const p = await ctx.newPage();
        await p.goto(`${teamUrl}/history`);
        await expect(p.getByTestId('history-chart')).toHaveAttribute('data-points', '2');
        await p.screenshot({ path: join(shots, `history-${lang}-${w}.png`), fullPage: true });
        await ctx.close();
      }
    }
  }
});
