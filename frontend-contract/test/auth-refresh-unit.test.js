// Unit tests of auth-refresh.js against an in-memory fake API: no server needed.
// (test/auth-refresh.test.js runs the same behaviour against the live server.)
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { clearLogin, createAuthFetch, installAuthRefresh, saveLogin } from '../auth-refresh.js';
import { fakeAxios, headersWithGetSet, memoryStorage } from '../lib/test-support.js';

const BASE = 'http://fake.test';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A fake API: access tokens "at-N", refresh tokens "rt-N" that rotate; reuse of a used refresh
 * token answers 401. /api/auth/me answers 200 {user} for a valid token, else 401 {error}.
 * delays(i) gives the latency of the i-th /api/auth/me call (to stagger 401s).
 */
function fakeApi({ delays = () => 5, refreshDelay = 20, meAlways401 = false } = {}) {
  let n = 0;
  const access = new Set();
  const refresh = new Map(); // token -> used?
  const calls = [];
  let meCount = 0;
  const issue = () => {
    n += 1;
    const pair = { token: `at-${n}`, refresh_token: `rt-${n}` };
    access.add(pair.token);
    refresh.set(pair.refresh_token, false);
    return { message: 'ok', ...pair, token_type: 'Bearer', expires_in: 900, user: { id: 1, email: 'a@example.com', role: 'admin' } };
  };
  const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  async function fetchImpl(url, init = {}) {
    const method = (init.method ?? 'GET').toUpperCase();
    const { pathname } = new URL(url);
    const auth = new Headers(init.headers ?? {}).get('authorization');
    calls.push({ method, path: pathname, auth });
    if (method === 'POST' && pathname === '/api/auth/refresh') {
      await sleep(refreshDelay);
      const { refresh_token: rt } = JSON.parse(init.body);
      if (!refresh.has(rt) || refresh.get(rt)) return json(401, { error: 'Invalid refresh token', status: 401 });
      refresh.set(rt, true);
      return json(200, issue());
    }
    if (method === 'POST' && pathname === '/api/auth/login') {
      const body = JSON.parse(init.body);
      return body.password === 'right' ? json(200, issue()) : json(401, { error: 'Invalid credentials' });
    }
    if (pathname === '/api/auth/me') {
      const i = meCount++;
      await sleep(delays(i));
      const token = auth?.replace(/^Bearer /, '');
      if (!meAlways401 && access.has(token)) return json(200, { user: { id: 1, email: 'a@example.com', role: 'admin' } });
      return json(401, { error: 'Unauthorized', status: 401 });
    }
    return json(404, { error: 'Not found' });
  }
  fetchImpl.calls = calls;
  fetchImpl.issue = issue;
  fetchImpl.refreshCount = () => calls.filter((c) => c.method === 'POST' && c.path === '/api/auth/refresh').length;
  return fetchImpl;
}

function loggedInStorage(api) {
  const storage = memoryStorage();
  saveLogin(api.issue(), storage);
  storage.setItem('auth_token', 'expired-or-garbage');
  return storage;
}

describe('saveLogin / clearLogin', () => {
  test('stores token, refresh_token and auth_user (JSON) and removes them', () => {
    const storage = memoryStorage({ other: 'kept' });
    saveLogin({ token: 't', refresh_token: 'r', user: { id: 1, role: 'admin' } }, storage);
    assert.deepEqual(storage.dump(), { other: 'kept', auth_token: 't', refresh_token: 'r', auth_user: '{"id":1,"role":"admin"}' });
    saveLogin({ token: 't2' }, storage); // a partial answer keeps the rest
    assert.equal(storage.getItem('refresh_token'), 'r');
    clearLogin(storage);
    assert.deepEqual(storage.dump(), { other: 'kept' });
  });
});

describe('createAuthFetch', () => {
  test('concurrent 401s share one refresh, all are retried with the new token', async () => {
    const api = fakeApi({ delays: (i) => 2 + i * 15 }); // staggered: later 401s arrive after the refresh
    const storage = loggedInStorage(api);
    const logouts = [];
    const authFetch = createAuthFetch({ baseURL: BASE, storage, fetchImpl: api, onLogout: () => logouts.push(1) });
    const results = await Promise.all(Array.from({ length: 8 }, () => authFetch('/api/auth/me')));
    assert.deepEqual(results.map((r) => r.status), Array(8).fill(200));
    assert.equal(api.refreshCount(), 1);
    assert.equal(storage.getItem('auth_token'), 'at-2');
    assert.equal(storage.getItem('refresh_token'), 'rt-2');
    assert.equal(JSON.parse(storage.getItem('auth_user')).role, 'admin');
    assert.equal(logouts.length, 0);
    const retried = api.calls.filter((c) => c.path === '/api/auth/me' && c.auth === 'Bearer at-2');
    assert.equal(retried.length, 8);
  });

  test('a failed refresh clears storage, calls onLogout once and returns the 401s', async () => {
    const api = fakeApi();
    const storage = memoryStorage({ auth_token: 'bad', refresh_token: 'also-bad', auth_user: '{}', other: 'x' });
    let logouts = 0;
    const authFetch = createAuthFetch({ baseURL: BASE, storage, fetchImpl: api, onLogout: () => logouts++ });
    const results = await Promise.all(Array.from({ length: 5 }, () => authFetch('/api/auth/me')));
    assert.deepEqual(results.map((r) => r.status), Array(5).fill(401));
    assert.equal((await results[0].json()).error, 'Unauthorized');
    assert.equal(api.refreshCount(), 1);
    assert.equal(logouts, 1);
    assert.deepEqual(storage.dump(), { other: 'x' });
  });

  test('retries once only: a second 401 is returned without another refresh', async () => {
    const api = fakeApi({ meAlways401: true });
    const storage = loggedInStorage(api);
    let logouts = 0;
    const authFetch = createAuthFetch({ baseURL: BASE, storage, fetchImpl: api, onLogout: () => logouts++ });
    const res = await authFetch('/api/auth/me');
    assert.equal(res.status, 401);
    assert.equal(api.refreshCount(), 1);
    assert.equal(api.calls.filter((c) => c.path === '/api/auth/me').length, 2);
    assert.equal(logouts, 0, 'the refresh itself worked');
  });

  test('no refresh for auth calls (wrong password) or for requests without a token', async () => {
    const api = fakeApi();
    const storage = memoryStorage();
    const authFetch = createAuthFetch({ baseURL: BASE, storage, fetchImpl: api, onLogout: () => assert.fail('no logout') });
    const res = await authFetch('/api/auth/login', { method: 'POST', body: { email: 'a@example.com', password: 'wrong' } });
    assert.equal(res.status, 401);
    assert.equal(api.calls[0].auth, null);
    assert.equal((await authFetch('/api/auth/me')).status, 401);
    saveLogin(api.issue(), storage);
    storage.setItem('auth_token', 'garbage');
    const login = await authFetch('/api/auth/login', { method: 'POST', body: { email: 'a@example.com', password: 'wrong' } });
    assert.equal(login.status, 401);
    assert.equal(api.refreshCount(), 0);
  });

  test('sends plain-object bodies as JSON and absolute URLs as they are', async () => {
    const seen = [];
    const fetchImpl = async (url, init) => {
      seen.push({ url, init });
      return new Response('{}', { status: 200 });
    };
    const storage = memoryStorage({ auth_token: 't' });
    const authFetch = createAuthFetch({ baseURL: `${BASE}/`, storage, fetchImpl });
    await authFetch('/api/x', { method: 'POST', body: { a: 1 } });
    await authFetch('http://other.test/y');
    assert.equal(seen[0].url, `${BASE}/api/x`);
    assert.equal(seen[0].init.body, '{"a":1}');
    assert.equal(seen[0].init.headers.get('content-type'), 'application/json');
    assert.equal(seen[0].init.headers.get('authorization'), 'Bearer t');
    assert.equal(seen[1].url, 'http://other.test/y');
  });
});

describe('several tabs (Web Locks)', () => {
  test('two tabs sharing storage spend the refresh token once when navigator.locks exists', async () => {
    const api = fakeApi({ refreshDelay: 30 });
    const storage = loggedInStorage(api); // localStorage is shared by the tabs
    const queues = new Map();
    const locks = {
      request(name, fn) {
        const prev = queues.get(name) ?? Promise.resolve();
        const next = prev.then(() => fn());
        queues.set(name, next.catch(() => {}));
        return next;
      },
    };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true, writable: true });
    try {
      const tab1 = createAuthFetch({ baseURL: BASE, storage, fetchImpl: api, onLogout: () => assert.fail('no logout') });
      const tab2 = createAuthFetch({ baseURL: BASE, storage, fetchImpl: api, onLogout: () => assert.fail('no logout') });
      const results = await Promise.all([tab1('/api/auth/me'), tab2('/api/auth/me'), tab1('/api/auth/me')]);
      assert.deepEqual(results.map((r) => r.status), [200, 200, 200]);
      assert.equal(api.refreshCount(), 1);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete globalThis.navigator;
    }
  });
});

describe('installAuthRefresh (fake axios instance)', () => {
  for (const [label, headersFactory] of [
    ['plain header objects', undefined],
    ['AxiosHeaders-like headers', (h) => headersWithGetSet(h)],
  ]) {
    test(`${label}: one refresh for concurrent 401s, retried once, later interceptors see success`, async () => {
      const api = fakeApi({ delays: (i) => 2 + i * 10 });
      const storage = loggedInStorage(api);
      const instance = fakeAxios({ baseURL: BASE, storage, fetchImpl: api, ...(headersFactory ? { headersFactory } : {}) });
      let logouts = 0;
      installAuthRefresh(instance, { storage, fetchImpl: api, onLogout: () => logouts++ });
      // The SPA's own interceptor, added after: logs out on 401.
      let spaSaw401 = 0;
      instance.interceptors.response.use(null, (e) => {
        if (e.response?.status === 401) spaSaw401++;
        throw e;
      });
      const results = await Promise.all(Array.from({ length: 6 }, () => instance.get('/api/auth/me')));
      assert.deepEqual(results.map((r) => r.status), Array(6).fill(200));
      assert.equal(results[0].data.user.role, 'admin');
      assert.equal(api.refreshCount(), 1);
      assert.equal(storage.getItem('auth_token'), 'at-2');
      assert.equal(spaSaw401, 0);
      assert.equal(logouts, 0);
    });
  }

  test('a failed refresh rejects with the original 401 error, clears storage and logs out once', async () => {
    const api = fakeApi();
    const storage = memoryStorage({ auth_token: 'bad', refresh_token: 'bad', auth_user: '{}' });
    const instance = fakeAxios({ baseURL: BASE, storage, fetchImpl: api });
    let logouts = 0;
    installAuthRefresh(instance, { storage, fetchImpl: api, onLogout: () => logouts++ });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => instance.get('/api/auth/me')));
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.equal(r.reason.response.status, 401);
    }
    assert.equal(api.refreshCount(), 1);
    assert.equal(logouts, 1);
    assert.equal(storage.length, 0);
  });

  test('uses the instance baseURL when none is given, and keeps a default Authorization header current', async () => {
    const api = fakeApi();
    const storage = loggedInStorage(api);
    const instance = fakeAxios({ baseURL: BASE, storage, fetchImpl: api });
    instance.defaults.headers.common.Authorization = 'Bearer expired-or-garbage';
    installAuthRefresh(instance, { storage, fetchImpl: api, onLogout: () => {} });
    const res = await instance.get('/api/auth/me');
    assert.equal(res.status, 200);
    assert.equal(instance.defaults.headers.common.Authorization, 'Bearer at-2');
  });

  test('default onLogout sends the browser to /login.html?redirect=<path>', async () => {
    const api = fakeApi();
    const storage = memoryStorage({ auth_token: 'bad', refresh_token: 'bad' });
    const saved = globalThis.window;
    globalThis.window = { location: { href: '/clients.html', pathname: '/clients.html' } };
    try {
      const authFetch = createAuthFetch({ baseURL: BASE, storage, fetchImpl: api });
      assert.equal((await authFetch('/api/auth/me')).status, 401);
      assert.equal(globalThis.window.location.href, '/login.html?redirect=%2Fclients.html');
    } finally {
      if (saved === undefined) delete globalThis.window;
      else globalThis.window = saved;
    }
  });
});
