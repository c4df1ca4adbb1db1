// @vitest-environment jsdom
// The launcher client's run-history calls: which token each sends, the addresses it asks, a
// run's file as bytes, and failures as values.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { launcher, readHistoryToken, storeHistoryToken, storeToken } from './launcher-client.ts';

const seen: { url: string; auth: string | null }[] = [];

function answer(status: number, body: string, type = 'application/json') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      seen.push({ url: String(input), auth: headers.get('authorization') });
      return new Response(body, { status, headers: { 'content-type': type } });
    }),
  );
}

beforeEach(() => {
  seen.length = 0;
  localStorage.clear();
  storeHistoryToken('');
  storeToken('');
});
afterEach(() => vi.unstubAllGlobals());

test("reads with the History page's own token, else the launcher's", () => {
  expect(readHistoryToken()).toBe('');
  storeToken('launcher-token-0123456789');
  expect(readHistoryToken()).toBe('launcher-token-0123456789');
  storeHistoryToken('aoe_team_read');
  expect(readHistoryToken()).toBe('aoe_team_read');
  expect(localStorage.getItem('aoe-dashboard.history-token')).toBe('aoe_team_read');
  storeHistoryToken('');
  expect(readHistoryToken()).toBe('launcher-token-0123456789');
});

test('asks for facets and points with the token as a bearer, and none when it is empty', async () => {
  answer(200, '{"models":[],"hosts":["h1"],"users":[]}');
  storeHistoryToken('aoe_stored');
  const f = await launcher.history.facets();
  expect(f).toEqual({ ok: true, value: { models: [], hosts: ['h1'], users: [] } });
  answer(200, '{"points":[]}');
  const p = await launcher.history.points('model=resnet50&soc=-', 'aoe_typed');
  expect(p.ok).toBe(true);
  await launcher.history.facets('');
  expect(seen).toEqual([
    { url: '/api/history/facets', auth: 'Bearer aoe_stored' },
    { url: '/api/history/points?model=resnet50&soc=-', auth: 'Bearer aoe_typed' },
    { url: '/api/history/facets', auth: null },
  ]);
});

test("gets a run's file as bytes, its id kept inside the path", async () => {
  answer(200, '{"raw":true}', 'application/octet-stream');
  const r = await launcher.history.raw('../x/../../api', 'aoe_t');
  expect(seen[0]?.url).toBe('/api/history/runs/..%2Fx%2F..%2F..%2Fapi/raw');
  expect(r.ok && (await r.value.text())).toBe('{"raw":true}');
});

test("returns a refusal or a network failure as a value with the server's words", async () => {
  answer(401, '{"code":"UNAUTHORIZED","message":"a read token is needed"}');
  expect(await launcher.history.points('model=m', 'aoe_bad')).toMatchObject({
    ok: false,
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'a read token is needed',
  });
  answer(404, 'not json', 'text/plain');
  expect(await launcher.history.raw('gone', 'aoe_t')).toMatchObject({
    ok: false,
    status: 404,
    message: '',
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }),
  );
  expect(await launcher.history.facets('aoe_t')).toMatchObject({
    ok: false,
    status: 0,
    code: 'NETWORK',
  });
});
