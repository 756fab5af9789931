// Live: auth-refresh.js against the running server, with in-memory storage.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthFetch, installAuthRefresh, saveLogin } from '../auth-refresh.js';
import { validateResponse } from '../lib/openapi.js';
import { API_URL, PASSWORD, assertLoginResponse, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';
import { countingFetch, fakeAxios, memoryStorage } from '../lib/test-support.js';

const REFRESH = '/api/auth/refresh';

/** Logs in with a plain fetch, the way the SPA's login page does, and keeps the answer with saveLogin. */
async function loginInto(storage, email) {
  const res = await fetch(`${API_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  validateResponse('POST', '/api/auth/login', 200, body);
  assertLoginResponse(body, email);
  saveLogin(body, storage);
  return body;
}

// An RS256-looking JWT with a signature that does not verify.
const FORGED =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.' +
  Buffer.from(JSON.stringify({ sub: '1', upn: 'x@example.com', groups: ['admin'], exp: 4102444800 })).toString('base64url') +
  '.c2lnbmF0dXJlLXRoYXQtZG9lcy1ub3QtdmVyaWZ5';

describe('auth-refresh.js against the live API', () => {
  let org;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('refresh');
  }));

  test('fetch variant: 5 concurrent 401s -> exactly one refresh, all retried and answered 200', async () => {
    const storage = memoryStorage();
    const login = await loginInto(storage, org.email);
    storage.setItem('auth_token', FORGED); // the access token "expired"

    const fetchImpl = countingFetch();
    let logouts = 0;
    const authFetch = createAuthFetch({ baseURL: API_URL, storage, fetchImpl, onLogout: () => logouts++ });
    const responses = await Promise.all(Array.from({ length: 5 }, () => authFetch('/api/auth/me')));

    for (const res of responses) {
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      validateResponse('GET', '/api/auth/me', 200, body);
      assert.equal(body.user.email, org.email);
    }
    assert.equal(fetchImpl.count('POST', REFRESH), 1, 'exactly one POST /api/auth/refresh');
    assert.equal(fetchImpl.count('GET', '/api/auth/me'), 10, '5 first tries + 5 retries');
    assert.notEqual(storage.getItem('auth_token'), FORGED);
    assert.notEqual(storage.getItem('auth_token'), login.token);
    assert.notEqual(storage.getItem('refresh_token'), login.refresh_token);
    assert.equal(JSON.parse(storage.getItem('auth_user')).email, org.email);
    assert.equal(logouts, 0);

    // The stored refresh token is the live one: it refreshes again.
    const again = await authFetch(REFRESH, { method: 'POST', body: { refresh_token: storage.getItem('refresh_token') } });
    assert.equal(again.status, 200);
  });

  test('fetch variant: garbage access token too', async () => {
    const storage = memoryStorage();
    await loginInto(storage, org.email);
    storage.setItem('auth_token', 'garbage');
    const fetchImpl = countingFetch();
    const authFetch = createAuthFetch({ baseURL: API_URL, storage, fetchImpl, onLogout: () => assert.fail('no logout') });
    const res = await authFetch('/api/trainers/me');
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(fetchImpl.count('POST', REFRESH), 1);
  });

  test('fetch variant: when the refresh token is invalid too, onLogout is called once and storage cleared', async () => {
    const storage = memoryStorage({
      auth_token: FORGED,
      refresh_token: 'not-a-refresh-token',
      auth_user: JSON.stringify({ id: 1, role: 'admin' }),
      unrelated: 'kept',
    });
    const fetchImpl = countingFetch();
    let logouts = 0;
    const authFetch = createAuthFetch({ baseURL: API_URL, storage, fetchImpl, onLogout: () => logouts++ });
    const responses = await Promise.all(Array.from({ length: 5 }, () => authFetch('/api/auth/me')));
    for (const res of responses) assert.equal(res.status, 401);
    assert.equal(fetchImpl.count('POST', REFRESH), 1);
    assert.equal(logouts, 1);
    assert.equal(storage.getItem('auth_token'), null);
    assert.equal(storage.getItem('refresh_token'), null);
    assert.equal(storage.getItem('auth_user'), null);
    assert.equal(storage.getItem('unrelated'), 'kept');
  });

  test('fetch variant: a wrong password at login is not refreshed', async () => {
    const storage = memoryStorage({ auth_token: FORGED, refresh_token: 'x' });
    const fetchImpl = countingFetch();
    const authFetch = createAuthFetch({ baseURL: API_URL, storage, fetchImpl, onLogout: () => assert.fail('no logout') });
    const res = await authFetch('/api/auth/login', { method: 'POST', body: { email: uniqueEmail('nobody'), password: 'Wr0ng-Passw0rd!2026' } });
    assert.equal(res.status, 401);
    assert.equal(fetchImpl.count('POST', REFRESH), 0);
  });

  test('axios variant (fake axios instance): concurrent 401s -> one refresh, all succeed', async () => {
    const storage = memoryStorage();
    const login = await loginInto(storage, org.email);
    storage.setItem('auth_token', 'garbage');
    const fetchImpl = countingFetch();
    const api = fakeAxios({ baseURL: API_URL, storage, fetchImpl });
    let logouts = 0;
    installAuthRefresh(api, { baseURL: API_URL, storage, fetchImpl, onLogout: () => logouts++ });

    const results = await Promise.all(Array.from({ length: 5 }, () => api.get('/api/auth/me')));
    for (const r of results) {
      assert.equal(r.status, 200);
      assert.equal(r.data.user.email, org.email);
    }
    assert.equal(fetchImpl.count('POST', REFRESH), 1);
    assert.notEqual(storage.getItem('refresh_token'), login.refresh_token);
    assert.equal(logouts, 0);
  });
});
