// Live: the client portal's figures — after a client logs a workout and a measurement, the dashboard's `progress`
// block and GET /api/clients/{client_id}/progress show workouts this week, the streak, the newest measurement
// and the next session; another organization gets 404.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

describe('client portal figures', () => {
  let org;
  let client;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('progress');
    const email = uniqueEmail('progress-client');
    const created = await org.api.post('/api/clients', { name: 'Progress Client', email, password: PASSWORD, age: '29' });
    assert.equal(created.status, 201, created.text);
    client = { id: created.body.id, api: (await login(email)).api };
  }));

  test('a logged workout and a measurement show on the dashboard and the progress read', async () => {
    const log = await client.api.post('/api/workouts/log', { client_id: client.id, duration_minutes: '45', difficulty_rating: '7' });
    assert.equal(log.status, 201, log.text);
    const m = await client.api.post('/api/measurements', { client_id: client.id, measurement_date: new Date().toISOString().slice(0, 10), weight: 72.4, weight_unit: 'kg' });
    assert.equal(m.status, 201, m.text);

    const dashboard = await client.api.get('/api/crm/dashboard');
    assert.equal(dashboard.status, 200, dashboard.text);
    assert.equal(dashboard.body.progress.workouts_this_week, 1);
    assert.equal(dashboard.body.progress.current_streak_days, 1);
    assert.equal(dashboard.body.progress.latest_measurement.weight, 72.4);

    const progress = await org.api.get('/api/clients/{client_id}/progress', { client_id: client.id });
    assert.equal(progress.status, 200, progress.text);
    assert.equal(progress.body.client_id, client.id);
    assert.equal(progress.body.workouts.weeks.length, 12);
    assert.equal(progress.body.next_session, null);

    const stranger = await registerOrg('progress-stranger');
    assertError(await stranger.api.get('/api/clients/{client_id}/progress', { client_id: client.id }), 404);
  });
});
