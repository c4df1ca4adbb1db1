// @vitest-environment jsdom
// The Launch page's states without a browser: no launcher, no token, and a job the launcher
// rejects, with each error shown beside its own field.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { i18next } from '../../i18n/index.ts';
import { resetLauncherProbe } from '../../lib/launcher-client.ts';
import { LaunchPage } from './launch-page.tsx';

type Handler = (url: string, init?: RequestInit) => { status: number; body: unknown };

function mockFetch(handler: Handler) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const { status, body } = handler(String(input), init);
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
}

const PREFLIGHT = {
  ok: true,
  helpOptions: ['log'],
  devices: [],
  items: [
    { id: 'aoe', status: 'ok', message: 'aoe runs', values: { bin: '/opt/aoe' } },
    { id: 'ram', status: 'warning', message: 'low', values: { freeGb: 8, minGb: 32 } },
  ],
};

beforeEach(async () => {
  localStorage.clear();
  resetLauncherProbe();
  await i18next.changeLanguage('en');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = (path = '/launch') =>
  render(
    <MemoryRouter initialEntries={[path]}>
      <LaunchPage />
    </MemoryRouter>,
  );

test('without a launcher the page says what is missing, in both languages', async () => {
  mockFetch(() => ({ status: 404, body: null }));
  renderPage();
  expect(await screen.findByText('No launcher serves this dashboard')).toBeInstanceOf(HTMLElement);
  expect(screen.getByText(/npx aoe-dashboard serve/)).toBeInstanceOf(HTMLElement);
  await i18next.changeLanguage('zh-CN');
  expect(await screen.findByText('此仪表板不是由启动器提供的')).toBeInstanceOf(HTMLElement);
});

test('a launcher without a known token asks for it', async () => {
  mockFetch((url) =>
    url === '/api/health'
      ? { status: 200, body: { ok: true, version: '1' } }
      : { status: 401, body: {} },
  );
  renderPage();
  expect(await screen.findByLabelText('Access token')).toBeInstanceOf(HTMLElement);
});

test('a rejected job shows each error beside its field; the host check is localized', async () => {
  localStorage.setItem('aoe-dashboard.launcher-token', 'tok-0123456789abcdef');
  const posted: unknown[] = [];
  mockFetch((url, init) => {
    if (url === '/api/health') return { status: 200, body: { ok: true, version: '1' } };
    if (url === '/api/preflight') return { status: 200, body: PREFLIGHT };
    if (url === '/api/jobs' && init?.method === 'POST') {
      posted.push(JSON.parse(String(init.body)));
      return {
        status: 400,
        body: {
          code: 'BAD_PATH',
          message: '/model: must stay inside the models root',
          details: {
            field: '/model',
            errors: [
              { field: '/model', message: 'must stay inside the models root' },
              { field: '/options/log', message: 'has a value AOE does not accept for this option' },
            ],
          },
        },
      };
    }
    return { status: 200, body: { jobs: [] } };
  });
  renderPage();
  expect(await screen.findByText('aoe runs: /opt/aoe')).toBeInstanceOf(HTMLElement);
  expect(screen.getByText('8 GB RAM free; AOE needs at least 32 GB per process.')).toBeInstanceOf(
    HTMLElement,
  );

  fireEvent.click(screen.getByRole('radio', { name: /^AOE tuning/ }));
  fireEvent.change(screen.getByLabelText(/^Model/), { target: { value: '../secret.onnx' } });
  fireEvent.change(screen.getByLabelText(/^Other aoe options/), { target: { value: 'log=loud' } });
  fireEvent.click(screen.getByRole('button', { name: 'Start job' }));

  const modelField = document.querySelector<HTMLElement>('[data-field=model]');
  const optionsField = document.querySelector<HTMLElement>('[data-field=options]');
  await waitFor(() =>
    expect(within(modelField ?? document.body).getByRole('alert').textContent).toContain(
      'models root',
    ),
  );
  expect(within(optionsField ?? document.body).getByRole('alert').textContent).toContain('log: ');
  expect(screen.getByLabelText(/^Model/).getAttribute('aria-invalid')).toBe('true');
  expect(posted).toEqual([
    { model: '../secret.onnx', jobTypes: [2], device: 0, options: { log: 'loud' } },
  ]);
});

test('a tune_ops_file from the URL (a run\'s "tune next" list) prefills the form', async () => {
  localStorage.setItem('aoe-dashboard.launcher-token', 'tok-0123456789abcdef');
  mockFetch((url) => {
    if (url === '/api/health') return { status: 200, body: { ok: true, version: '1' } };
    if (url === '/api/preflight') return { status: 200, body: PREFLIGHT };
    return { status: 200, body: { jobs: [] } };
  });
  const tuneOps = JSON.stringify({ tune_ops_name: ['Conv_3'], tune_ops_type: [] });
  renderPage(`/launch?tuneOps=${encodeURIComponent(tuneOps)}`);
  const field = await screen.findByLabelText(/^Operators to tune/);
  expect((field as HTMLTextAreaElement).value).toBe(tuneOps);
});

test('a full queue says to wait or cancel, in the user language, instead of a bare status', async () => {
  localStorage.setItem('aoe-dashboard.launcher-token', 'tok-0123456789abcdef');
  mockFetch((url, init) => {
    if (url === '/api/health') return { status: 200, body: { ok: true, version: '1' } };
    if (url === '/api/preflight') return { status: 200, body: PREFLIGHT };
    if (url === '/api/jobs' && init?.method === 'POST') {
      return {
        status: 429,
        body: { code: 'QUEUE_FULL', message: '32 jobs are already queued' },
      };
    }
    return { status: 200, body: { jobs: [] } };
  });
  await i18next.changeLanguage('zh-CN');
  renderPage();
  fireEvent.change(await screen.findByLabelText(/^模型（/), { target: { value: 'resnet50.onnx' } });
  fireEvent.click(screen.getByRole('button', { name: '启动任务' }));
  expect(await screen.findByText(/排队的任务过多/)).toBeInstanceOf(HTMLElement);
});

test('Start is unavailable, with the reason, while the host check says aoe is missing', async () => {
  localStorage.setItem('aoe-dashboard.launcher-token', 'tok-0123456789abcdef');
  const posted: unknown[] = [];
  mockFetch((url, init) => {
    if (url === '/api/health') return { status: 200, body: { ok: true, version: '1' } };
    if (url === '/api/preflight')
      return {
        status: 200,
        body: {
          ...PREFLIGHT,
          ok: false,
          items: [
            { id: 'aoe', status: 'error', message: 'aoe was not found', values: { bin: 'aoe' } },
            { id: 'python3', status: 'ok', message: '', values: { bin: '/usr/bin/python3' } },
            { id: 'aisBench', status: 'ok', message: '' },
          ],
        },
      };
    if (url === '/api/models')
      return {
        status: 200,
        body: {
          root: '/srv/models',
          truncated: false,
          models: [
            { path: 'resnet50.onnx', size: 1, kind: 'onnx' },
            { path: 'zoo/<b>x</b>.om', size: 1, kind: 'om' },
          ],
        },
      };
    if (init?.method === 'POST') posted.push(init.body);
    return { status: 200, body: { jobs: [] } };
  });
  renderPage();
  const start = await screen.findByRole('button', { name: 'Start job' });
  await waitFor(() =>
    expect(screen.getByTestId('models-root').textContent).toContain('/srv/models'),
  );
  // The full loop (the default) runs aoe: refused, and the reason names what is missing.
  expect((start as HTMLButtonElement).disabled).toBe(true);
  const reason = screen.getByTestId('start-blocked');
  expect(reason.textContent).toContain('aoe was not found (aoe)');
  expect(start.getAttribute('aria-describedby')).toBe(reason.id);
  // The picker offers framework models for it, an .om for measuring; a name is text, not markup.
  const picker = screen.getByTestId('model-picker') as HTMLSelectElement;
  expect([...picker.options].map((o) => o.value)).toEqual(['', 'resnet50.onnx']);
  fireEvent.change(picker, { target: { value: 'resnet50.onnx' } });
  expect((screen.getByLabelText(/^Model \(/) as HTMLInputElement).value).toBe('resnet50.onnx');

  // Measuring needs no aoe: Start is offered again.
  fireEvent.click(screen.getByRole('radio', { name: /^Measure only/ }));
  expect((screen.getByRole('button', { name: 'Start job' }) as HTMLButtonElement).disabled).toBe(
    false,
  );
  const om = screen.getByTestId('model-picker') as HTMLSelectElement;
  expect([...om.options].map((o) => o.textContent)).toEqual(['Choose a model…', 'zoo/<b>x</b>.om']);
  expect(document.querySelector('b')).toBeNull();
  expect(posted).toEqual([]);

  await i18next.changeLanguage('zh-CN');
  fireEvent.click(screen.getByRole('radio', { name: /^AOE 调优/ }));
  expect(screen.getByTestId('start-blocked').textContent).toContain('无法启动');
  expect(screen.getByTestId('start-blocked').textContent).toContain('未找到 aoe');
});

test('a host check that cannot be read says so and does not keep Start unavailable', async () => {
  localStorage.setItem('aoe-dashboard.launcher-token', 'tok-0123456789abcdef');
  mockFetch((url) => {
    if (url === '/api/health') return { status: 200, body: { ok: true, version: '1' } };
    if (url === '/api/preflight') return { status: 500, body: { code: 'INTERNAL', message: 'x' } };
    return { status: 200, body: { jobs: [] } };
  });
  renderPage();
  expect(await screen.findByText(/The host check could not be read/)).toBeInstanceOf(HTMLElement);
  const start = screen.getByRole('button', { name: 'Start job' }) as HTMLButtonElement;
  expect(start.disabled).toBe(false);
  expect(screen.queryByTestId('start-blocked')).toBeNull();
});
