// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { resetAppStore, useAppStore } from '../store/index.ts';
import { selectReady } from '../store/selectors.ts';
import { useBusy } from './use-busy.ts';

function Page({ busy }: { readonly busy: boolean }) {
  useBusy(busy);
  return null;
}

beforeEach(() => {
  resetAppStore();
  useAppStore.getState().setHydrated(true);
});
afterEach(cleanup);

test('a busy page holds the app at loading until it is done or gone', () => {
  const { rerender, unmount } = render(<Page busy />);
  expect(selectReady(useAppStore.getState())).toBe(false);
  rerender(<Page busy={false} />);
  expect(selectReady(useAppStore.getState())).toBe(true);
  rerender(<Page busy />);
  expect(selectReady(useAppStore.getState())).toBe(false);
  unmount();
  expect(selectReady(useAppStore.getState())).toBe(true);
});
