// Helpers for the live tests (they need the API running at $API_URL, default http://127.0.0.1:8080).
import assert from 'node:assert/strict';
import { API_URL, createClient } from './client.js';

export { API_URL };

/** Meets the server's password policy (>= 8 chars, zxcvbn score >= 2). */
export const PASSWORD = 'Str0ng-Passw0rd!2026';

let counter = 0;
/** A fresh, lower-case e-mail address per call and per run. */
export function uniqueEmail(tag = 'user') {
  counter += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return `fc-${tag}-${Date.now()}-${process.pid}-${counter}-${rand}@example.com`.toLowerCase();
}

/**
 * Memoizes an async setup step. Use it as `beforeEach(once(async () => …))` rather than `before`:
 * a failing `before` only cancels the tests (the runner prints "fail 0"), a failing beforeEach makes
 * every test of the suite fail, with the setup's error.
 */
export function once(fn) {
  let p;
  return () => (p ??= Promise.resolve().then(fn));
}

/**
 * Fails (never skips) when nothing answers GET /api/health: CI always starts the server first.
 */
export const requireServer = once(checkServer);

async function checkServer() {
  const url = `${API_URL}/api/health`;
  try {
    await fetch(url, { signal: AbortSignal.timeout(10000) });
  } catch (err) {
    throw new Error(
      `FitnessCRM API is not reachable at ${API_URL} (GET ${url}: ${err.cause?.message ?? err.message}). ` +
        'Start the server first (CI starts it), or set API_URL.',
    );
  }
}

export const isInt = (v) => Number.isInteger(v);

/** Checks the LoginResponse shape the SPA reads (token, user.role) and the refresh fields. */
export function assertLoginResponse(body, email) {
  assert.equal(typeof body.token, 'string', 'token');
  assert.ok(body.token.length > 20, 'token looks like a JWT');
  assert.equal(typeof body.refresh_token, 'string', 'refresh_token');
  assert.notEqual(body.refresh_token, body.token);
  assert.equal(body.token_type, 'Bearer');
  assert.ok(isInt(body.expires_in) && body.expires_in > 0, `expires_in is a positive int: ${body.expires_in}`);
  assertUser(body.user);
  if (email) assert.equal(body.user.email, email);
}

export function assertUser(user) {
  assert.ok(user && typeof user === 'object', 'user object');
  assert.ok(isInt(user.id), `user.id is an int: ${user.id}`);
  assert.equal(typeof user.email, 'string');
  assert.ok(['admin', 'trainer', 'client', 'user'].includes(user.role), `user.role: ${user.role}`);
  assert.ok('organization_id' in user, 'user.organization_id');
  assert.ok('created_at' in user, 'user.created_at');
}

/** Registers a new organization; returns its admin's client (token set), e-mail and LoginResponse. */
export async function registerOrg(tag, extra = {}) {
  const email = uniqueEmail(tag);
  const api = createClient();
  const res = await api.post('/api/auth/register', {
    email,
    password: PASSWORD,
    name: `Admin ${tag}`,
    organization_name: `Org ${tag} ${Date.now()}`,
    ...extra,
  });
  assert.equal(res.status, 201, `register: ${res.text}`);
  assertLoginResponse(res.body, email);
  api.token = res.body.token;
  return { api, email, password: PASSWORD, login: res.body, user: res.body.user };
}

/** Logs in the way the SPA's login page does; returns a client carrying the token. */
export async function login(email, password = PASSWORD) {
  const api = createClient();
  const res = await api.post('/api/auth/login', { email, password });
  assert.equal(res.status, 200, `login ${email}: ${res.text}`);
  assertLoginResponse(res.body, email);
  api.token = res.body.token;
  return { api, login: res.body, user: res.body.user };
}

/** Asserts an error answer: JSON {error: string, status?: int}. */
export function assertError(res, status) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.match(res.headers['content-type'] ?? '', /json/i, `error content-type: ${res.headers['content-type']}`);
  assert.ok(res.body && typeof res.body.error === 'string' && res.body.error.length > 0, `{error}: ${res.text}`);
  if ('status' in res.body) assert.equal(res.body.status, status, 'error.status matches the HTTP status');
}
