// Live: auth flows as the SPA runs them (register, login, /me, refresh rotation, logout), health,
// and JSON errors. Every response is also validated against openapi.yaml by lib/client.js.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../lib/client.js';
import {
  PASSWORD,
  assertError,
  assertLoginResponse,
  assertUser,
  isInt,
  login,
  once,
  registerOrg,
  requireServer,
  uniqueEmail,
} from '../lib/live.js';

const anon = createClient();

describe('health', () => {
  beforeEach(requireServer);

  test('GET /api/health', async () => {
    const res = await anon.get('/api/health');
    assert.equal(res.status, 200, res.text);
    assert.ok(['healthy', 'degraded'].includes(res.body.status), `status: ${res.body.status}`);
    assert.equal(typeof res.body.service, 'string');
    assert.ok('version' in res.body);
    assert.equal(typeof res.body.timestamp, 'string');
    assert.ok(res.body.checks && 'database' in res.body.checks && 'redis' in res.body.checks, 'checks.database/redis');
  });
});

describe('auth', () => {
  let org;
  let spaLogin; // the login made by the "login as the SPA does" test, logged out at the end

  beforeEach(once(async () => {
    await requireServer();
    // "role" in the body must be ignored: the registering user is the new organization's admin.
    org = await registerOrg('auth', { role: 'client' });
  }));

  test('register creates an admin of a new organization (role in body ignored)', () => {
    assert.equal(org.user.role, 'admin');
    assert.ok(org.user.organization_id != null, 'organization_id');
    assert.equal(org.login.user.email, org.email);
  });

  test('register with an existing e-mail answers 409 {error}', async () => {
    const res = await anon.post('/api/auth/register', { email: org.email, password: PASSWORD, name: 'Again' });
    assertError(res, 409);
  });

  test('login as the SPA does: token and user.role (admin -> /index.html)', async () => {
    spaLogin = await login(org.email);
    const { login: body, user } = spaLogin;
    assertLoginResponse(body, org.email);
    assert.equal(user.role, 'admin');
    const page = { admin: '/index.html', trainer: '/trainer.html', client: '/client.html', user: '/client.html' }[user.role];
    assert.equal(page, '/index.html');
  });

  test('login trims and lower-cases the e-mail', async () => {
    const res = await anon.post('/api/auth/login', { email: `  ${org.email.toUpperCase()} `, password: PASSWORD });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.email, org.email);
  });

  test('wrong password answers 401 {error} (the login page shows error)', async () => {
    const res = await anon.post('/api/auth/login', { email: org.email, password: 'Wr0ng-Passw0rd!2026' });
    assertError(res, 401);
  });

  test('GET /api/auth/me answers {user} with role', async () => {
    const res = await org.api.get('/api/auth/me');
    assert.equal(res.status, 200, res.text);
    assertUser(res.body.user);
    assert.equal(res.body.user.email, org.email);
    assert.equal(res.body.user.role, 'admin');
    assert.equal(res.body.user.id, org.user.id);
  });

  test('GET /api/auth/me without a token, or with garbage, answers 401 {error}', async () => {
    assertError(await anon.get('/api/auth/me'), 401);
    assertError(await anon.get('/api/auth/me', undefined, { token: 'not-a-jwt' }), 401);
  });

  test('GET /api/trainers/me: the admin also has a trainer profile', async () => {
    const res = await org.api.get('/api/trainers/me');
    assert.equal(res.status, 200, res.text);
    assert.ok(isInt(res.body.id));
    assert.equal(res.body.email, org.email);
  });

  test('malformed JSON answers 400 {error} as JSON, not an HTML page', async () => {
    const res = await anon.post('/api/auth/login', undefined, { rawBody: '{"email": "a@example.com", "password": ' });
    assertError(res, 400);
    const authed = await org.api.post('/api/clients', undefined, { rawBody: '{"name": "x",' });
    assertError(authed, 400);
  });

  test('POST /api/check-email tells whether an e-mail exists', async () => {
    const yes = await org.api.post('/api/check-email', { email: org.email });
    assert.equal(yes.status, 200, yes.text);
    assert.equal(yes.body.exists, true);
    const no = await org.api.post('/api/check-email', { email: uniqueEmail('nobody') });
    assert.equal(no.status, 200, no.text);
    assert.equal(no.body.exists, false);
  });

  // Last: these revoke refresh-token families (access tokens of other tests stay in use above).
  test('refresh rotates; reusing a used refresh token answers 401 and revokes the family', async () => {
    const r1 = org.login.refresh_token;
    const first = await anon.post('/api/auth/refresh', { refresh_token: r1 });
    assert.equal(first.status, 200, first.text);
    assertLoginResponse(first.body, org.email);
    const r2 = first.body.refresh_token;
    assert.notEqual(r2, r1, 'a new refresh token');
    assert.notEqual(first.body.token, org.login.token, 'a new access token');

    const me = await anon.get('/api/auth/me', undefined, { token: first.body.token });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.email, org.email);

    assertError(await anon.post('/api/auth/refresh', { refresh_token: r1 }), 401); // reuse
    assertError(await anon.post('/api/auth/refresh', { refresh_token: r2 }), 401); // family revoked
  });

  test('refresh with a garbage token answers 401 {error}', async () => {
    assertError(await anon.post('/api/auth/refresh', { refresh_token: 'garbage' }), 401);
  });

  test('logout answers {message} and revokes the refresh token of that login', async () => {
    const { api, login: body } = spaLogin ?? (await login(org.email));
    const res = await api.post('/api/auth/logout');
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.body.message, 'string');
    assertError(await anon.post('/api/auth/refresh', { refresh_token: body.refresh_token }), 401);
    // The access token of the signed-out login stops working at once, so the SPA's 401 handler sends the
    // browser to the login page.
    assertError(await api.get('/api/auth/me'), 401);
  });
});
