// Live: connected wearables as the SPA's pages use them. A client connects Fitbit (through the Google Health API)
// and Strava: the server answers the provider's consent URL, the browser goes there and comes back to the callback,
// which sends it on to the SPA with the outcome. The test plays that browser against the test run's local Google and
// Strava (their consent pages grant at once), then reads the sync status, the data and /api/integrations/status the
// settings page reads (main.js:788). Every answer is also validated against openapi.yaml.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { API_URL } from '../lib/client.js';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

const WAIT_MS = 60000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows the consent URL as a browser would and lands on our callback; the SPA URL the callback sends it to. */
async function consent(authorizationUrl) {
  const atProvider = await fetch(authorizationUrl, { redirect: 'manual' });
  assert.equal(atProvider.status, 302, 'the provider sends the browser back');
  const back = new URL(atProvider.headers.get('location'));
  // The redirect URI is APP_BASE_URL's; the test server listens on API_URL.
  const callback = await fetch(API_URL + back.pathname + back.search, { redirect: 'manual' });
  assert.equal(callback.status, 303, 'the callback answers 303 to the SPA');
  return { spa: new URL(callback.headers.get('location')), callbackUrl: API_URL + back.pathname + back.search };
}

async function untilBackfilled(api, provider) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const res = await api.get('/api/wearables/connections');
    assert.equal(res.status, 200, res.text);
    const c = res.body.connections.find((x) => x.provider === provider);
    if (c && c.backfill_percent === 100 && c.pending_jobs === 0) return c;
    if (Date.now() > deadline) assert.fail(`${provider} backfill not done: ${JSON.stringify(c)}`);
    await sleep(500);
  }
}

describe('wearables', () => {
  let org;
  let clientId;
  let clientApi;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('wearables');
    const email = uniqueEmail('wearable-client');
    const c = await org.api.post('/api/clients', { name: 'Wearing Client', email, password: PASSWORD, age: '35' });
    assert.equal(c.status, 201, c.text);
    clientId = c.body.id;
    clientApi = (await login(email)).api;
  }));

  test('the providers list says what is configured and the caller\'s connection', async () => {
    const res = await clientApi.get('/api/wearables/providers');
    assert.equal(res.status, 200, res.text);
    const ids = res.body.providers.map((p) => p.id);
    assert.deepEqual(ids, ['fitbit', 'strava']);
    for (const p of res.body.providers) {
      assert.equal(p.configured, true);
      assert.ok(Array.isArray(p.data_types) && p.data_types.length > 0);
    }
  });

  test('connecting Fitbit: PKCE and state on the consent URL, the callback back to the SPA, then the backfill', async () => {
    const started = await clientApi.post('/api/wearables/{provider}/connect', { provider: 'fitbit' });
    assert.equal(started.status, 200, started.text);
    const url = new URL(started.body.authorization_url);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('code_challenge').length >= 43);
    assert.equal(url.searchParams.get('access_type'), 'offline');
    assert.ok(url.searchParams.get('state'));
    const { spa, callbackUrl } = await consent(started.body.authorization_url);
    assert.equal(spa.pathname, '/client.html');
    assert.equal(spa.searchParams.get('wearable'), 'fitbit');
    assert.equal(spa.searchParams.get('status'), 'connected');

    // The same callback again (a replayed state): refused.
    const replay = await fetch(callbackUrl, { redirect: 'manual' });
    assert.equal(replay.status, 303);
    assert.equal(new URL(replay.headers.get('location')).searchParams.get('reason'), 'invalid_state');

    const connection = await untilBackfilled(clientApi, 'fitbit');
    assert.equal(connection.status, 'active');
    assert.equal(connection.client_id, clientId);
    assert.ok(connection.items_synced.daily >= 90, JSON.stringify(connection.items_synced));
    assert.ok(connection.last_sync_at && connection.next_sync_at);
  });

  test('the data reads: the client\'s own, and staff with client_id', async () => {
    await untilBackfilled(clientApi, 'fitbit');
    const daily = await clientApi.get('/api/wearables/daily');
    assert.equal(daily.status, 200, daily.text);
    assert.equal(daily.body.client_id, clientId);
    assert.equal(daily.body.daily.length, 30, 'the last 30 days by default');
    const day = daily.body.daily.at(-1);
    assert.ok(isInt(day.steps) && day.steps > 0);
    assert.equal(day.provider, 'fitbit');
    assert.deepEqual(day.sources, ['fitbit']);

    const from = new Date(Date.now() - 3 * 86400000).toISOString().slice(0, 10);
    const hr = await org.api.get(`/api/wearables/heart-rate?client_id=${clientId}&from=${from}&include=samples`);
    assert.equal(hr.status, 200, hr.text);
    assert.ok(hr.body.heart_rate.length >= 3);
    assert.ok(hr.body.heart_rate[0].samples.length > 0);
    for (const path of ['/api/wearables/sleep', '/api/wearables/workouts', '/api/wearables/body']) {
      const res = await org.api.get(`${path}?client_id=${clientId}&from=${from}`);
      assert.equal(res.status, 200, `${path}: ${res.text}`);
    }
    const sleepRes = await clientApi.get(`/api/wearables/sleep?from=${from}`);
    assert.ok(sleepRes.body.sleep.length >= 3 && sleepRes.body.sleep[0].stages.length > 0);

    // Staff must say whose data; another organization gets 404; bad dates are a 400 per field.
    assertError(await org.api.get('/api/wearables/daily'), 400);
    const other = await registerOrg('wearables-other');
    assertError(await other.api.get(`/api/wearables/daily?client_id=${clientId}`), 404);
    const bad = await clientApi.get('/api/wearables/daily?from=yesterday');
    assertError(bad, 400);
    assert.equal(bad.body.details[0].field, 'from');
  });

  test('connecting Strava, the merged workouts, and the integrations panel', async () => {
    const started = await clientApi.post('/api/wearables/{provider}/connect', { provider: 'strava' });
    assert.equal(started.status, 200, started.text);
    const { spa } = await consent(started.body.authorization_url);
    assert.equal(spa.searchParams.get('status'), 'connected');
    await untilBackfilled(clientApi, 'strava');
    const workouts = await clientApi.get('/api/wearables/workouts?provider=strava');
    assert.equal(workouts.status, 200, workouts.text);
    assert.deepEqual(workouts.body.workouts.map((w) => w.activity_type), ['run', 'ride']);
    assert.equal(workouts.body.workouts[0].route.type, 'LineString');

    const sync = await clientApi.post('/api/wearables/sync', {});
    assert.equal(sync.status, 200, sync.text);
    assert.ok(isInt(sync.body.queued));

    const status = await org.api.get('/api/integrations/status');
    assert.equal(status.status, 200, status.text);
    for (const key of ['google_calendar', 'calendly', 'zoom', 'myfitnesspal', 'zapier']) {
      assert.deepEqual(status.body[key], { configured: false, connected: false }, key);
    }
    assert.deepEqual(status.body.fitbit, { configured: true, connected: true });
    assert.deepEqual(status.body.strava, { configured: true, connected: true });

    // Staff do not connect devices.
    assertError(await org.api.post('/api/wearables/{provider}/connect', { provider: 'fitbit' }), 403);
  });
});
