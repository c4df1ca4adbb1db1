// The pages of the users' journeys, photographed for review: the run page's Summary (a demo run),
// the compare page (the demo's two resnet50 operator-tuning runs and one of the user's own) and
// the profile page (the user's own kernel_details.csv with its utilisation columns), at 1440×900,
// 1280×720 and 800×900, in English and Chinese, light and dark: 36 PNGs in SCREENSHOTS_DIR.
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { dropFiles, expect, fileCard, openApp, test } from '../helpers/app.ts';

const OUT = process.env.SCREENSHOTS_DIR ?? '';
const ROOT = join(import.meta.dirname, '../..');
const OWN_RUN = join(ROOT, 'e2e/fixtures/compare/aoe_result_opat_20250301100000123_pid1001.json');
const OWN_KERNELS = join(
  ROOT,
  'src/core/formats/kernel-details/fixtures/torch_npu-level1-2025.06/kernel_details.csv',
);
const DEMO_RUN_A = 'resnet50/aoe_result_opat_20261102093015123_pid41873.json';
const DEMO_RUN_B = 'resnet50/aoe_result_opat_20261109101233789_pid52210.json';

const SIZES = [
  [1440, 900],
  [1280, 720],
  [800, 900],
] as const;
const LANGS = ['en', 'zh-CN'] as const;
const THEMES = ['light', 'dark'] as const;

const WORDS = {
  en: { compare: 'Compare', pin: 'Pin', open: 'Open profile' },
  'zh-CN': { compare: '对比', pin: '固定', open: '打开 Profiling' },
} as const;

async function newPage(
  browser: Browser,
  lang: (typeof LANGS)[number],
  theme: (typeof THEMES)[number],
  width: number,
  height: number,
): Promise<Page> {
  const context = await browser.newContext({
    locale: lang === 'en' ? 'en-US' : 'zh-CN',
    viewport: { width, height },
  });
  await context.addInitScript(
    ({ l, t }) => {
      localStorage.setItem('aoe-dashboard.language', l);
      localStorage.setItem('aoe-dashboard.theme', t);
    },
    { l: lang, t: theme },
  );
  return context.newPage();
}

async function shoot(page: Page, name: string): Promise<void> {
  // Charts settle after their first frame; wait for fonts and two frames, not a fixed time.
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

for (const lang of LANGS) {
  for (const theme of THEMES) {
    test(`run summary, compare and profile pages in ${lang}, ${theme}`, async ({ browser }) => {
      for (const [w, h] of SIZES) {
        const page = await newPage(browser, lang, theme, w, h);
        const tag = `${lang}-${theme}-${w}x${h}`;
        await openApp(page, '/');
        await dropFiles(page, [OWN_RUN, OWN_KERNELS]);

        // The run page's Summary of a demo run.
        await fileCard(page, DEMO_RUN_A).getByRole('link').first().click();
        await expect(page.getByTestId('run-page')).toBeVisible();
        await expect(page.getByTestId('latency-chart')).toBeVisible();
        await shoot(page, `run-summary-${tag}`);

        // Compare: the two demo runs and the user's own, the first demo run pinned as baseline.
        const words = WORDS[lang];
        await page.getByRole('navigation').getByRole('link', { name: words.compare }).click();
        for (const f of [DEMO_RUN_A, DEMO_RUN_B, 'aoe_result_opat_20250301100000123_pid1001.json'])
          await page
            .getByRole('checkbox', {
              name: new RegExp(`^${words.compare}: ${f.replace(/[.]/g, '\\.')}`),
            })
            .check();
        await page
          .getByRole('radio', { name: new RegExp(`${DEMO_RUN_A.replace(/[.]/g, '\\.')}`) })
          .check();
        await expect(page.getByTestId('verdict').first()).toBeVisible();
        await shoot(page, `compare-${tag}`);

        // The profile page of the user's own kernel_details.csv.
        await page.getByRole('navigation').getByRole('link').first().click();
        await fileCard(page, 'kernel_details.csv').getByRole('link', { name: words.open }).click();
        await expect(page.getByTestId('profile-by-name')).toBeVisible();
        await shoot(page, `profile-${tag}`);
        await page.context().close();
      }
    });
  }
}
