import { defineConfig } from '@playwright/test';

// Debian's Chromium by default (Playwright's own browser download is not reachable on our
// machines); elsewhere set CHROMIUM_PATH, or leave it unset where /usr/bin/chromium is absent
// to use Playwright's own browser.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);
// Created once by the runner; its workers inherit the variable and reuse the same directory.
process.env.E2E_LAUNCHER_DIR ??= mkdtempSync(join(tmpdir(), 'aoe-dashboard-e2e-'));
const launcherDataDir = join(process.env.E2E_LAUNCHER_DIR, 'data');

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Every spec runs against the launcher, as users run it: the built dashboard (dist/) served by
  // `aoe-dashboard serve` with the demo reports, a fresh data dir per test run, and the stand-in
  // `aoe` with its fixture models (e2e/fixtures/fake-aoe). The data dir holds the access token.
  // The other tools' stand-ins (atc, python3 -m ais_bench, msprof, npu-smi, converter_lite,
  // MindSpore Lite's benchmark, and aoe, which converter_lite runs itself) come first on the
  // launcher's PATH, which its jobs inherit, so the pipeline presets run as they would on a host.
  webServer: {
    env: {
      ...(process.env as Record<string, string>),
      PATH: [
        ...[
          'fake-atc',
          'fake-ais-bench',
          'fake-msprof',
          'fake-npu-smi',
          'fake-converter-lite',
          'fake-mslite-benchmark',
          'fake-aoe',
        ].map((d) => join(process.cwd(), 'e2e', 'fixtures', d)),
        process.env.PATH ?? '/usr/bin:/bin',
      ].join(':'),
    },
    command: [
      'node bin/aoe-dashboard.js serve',
      `--port ${port}`,
      `--data-dir ${launcherDataDir}`,
      '--aoe-bin e2e/fixtures/fake-aoe/aoe',
      '--models-root e2e/fixtures/fake-aoe/models',
      '--demo',
    ].join(' '),
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
