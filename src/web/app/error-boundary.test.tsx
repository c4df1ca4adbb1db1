// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { MemoryRouter } from 'react-router';
import { i18next } from '../i18n/index.ts';
import { FeatureBoundary } from './error-boundary.tsx';
import './strings.ts';

let broken = true;
function Page() {
  if (broken) throw new Error('operators is not iterable');
  return <p>run summary</p>;
}

beforeEach(async () => {
  broken = true;
  // React reports errors caught by a boundary on the console; keep the test output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await i18next.changeLanguage('en');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

test('a page that throws shows what failed, a way back and the details, not a blank page', () => {
  render(
    <MemoryRouter>
      <FeatureBoundary feature="run">
        <Page />
      </FeatureBoundary>
    </MemoryRouter>,
  );
  expect(screen.getByRole('alert').textContent).toContain('The run view could not be shown');
  expect(screen.getByRole('link', { name: 'Back to workspace' }).getAttribute('href')).toBe('/');
  expect(screen.getByText(/operators is not iterable/)).toBeInstanceOf(HTMLElement);

  broken = false;
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(screen.getByText('run summary')).toBeInstanceOf(HTMLElement);
});

test('the message is in the user language', async () => {
  await i18next.changeLanguage('zh-CN');
  render(
    <MemoryRouter>
      <FeatureBoundary feature="compare">
        <Page />
      </FeatureBoundary>
    </MemoryRouter>,
  );
  expect(screen.getByRole('alert').textContent).toContain('对比视图无法显示');
  expect(screen.getByRole('link', { name: '返回工作区' })).toBeInstanceOf(HTMLElement);
});
