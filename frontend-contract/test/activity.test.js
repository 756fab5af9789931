// Live: the activity page as the SPA drives it — the recent feed with limit=100 and 1000, the filtered list with
// the empty strings its selects send, the stats cards, and the `timestamp` its table reads beside created_at.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

describe('activity feed', () => {
  let org;
  let clientId;
  let clientApi;
  const clientEmail = uniqueEmail('act-client');

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('activity');
    const c = await org.api.post('/api/clients', { name: 'Feed Client', email: clientEmail, password: PASSWORD, age: '33' });
    assert.equal(c.status, 201, c.text);
    clientId = c.body.id;
    const u = await org.api.put('/api/clients/{client_id}', { client_id: clientId }, { phone: '+1 555 0142', status: 'inactive' });
    assert.equal(u.status, 200, u.text);
    const t = await org.api.post('/api/trainers', { name: 'Feed Trainer', email: uniqueEmail('act-trainer'), experience: '2' });
    assert.equal(t.status, 201, t.text);
    clientApi = (await login(clientEmail)).api;
  }));

  test('GET /api/activity/recent?limit=100 -> {count, activities} newest first, with timestamp = created_at', async () => {
    const res = await org.api.get('/api/activity/recent', {}, { query: { limit: 100 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.count, 3);
    assert.equal(res.body.activities.length, 3);
    const [newest, update, create] = res.body.activities;
    assert.equal(newest.entity_type, 'trainer');
    assert.equal(update.action, 'update');
    assert.deepEqual(update.details, { fields: ['phone', 'status'] });
    assert.equal(create.action, 'create');
    assert.equal(create.entity_id, clientId);
    assert.equal(create.name, 'Feed Client');
    assert.equal(create.user_identifier, org.email);
    for (const row of res.body.activities) {
      assert.ok(isInt(row.id));
      assert.equal(row.timestamp, row.created_at);
      assert.ok('contact' in row && 'ip_address' in row && 'user_agent' in row);
    }
  });

  test('the SPA\'s "all" (limit=1000) is served', async () => {
    const res = await org.api.get('/api/activity/recent', {}, { query: { limit: 1000 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.count, 3);
  });

  test('GET /api/activity applies action and treats empty strings as no filter', async () => {
    const updates = await org.api.get('/api/activity', {}, { query: { action: 'update', entity_type: '', limit: 100 } });
    assert.equal(updates.status, 200, updates.text);
    assert.deepEqual(updates.body.activities.map((a) => a.action), ['update']);
    const all = await org.api.get('/api/activity', {}, { query: { action: '', entity_type: '' } });
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.count, 3);
    const trainers = await org.api.get('/api/activity', {}, { query: { entity_type: 'trainer' } });
    assert.deepEqual(trainers.body.activities.map((a) => a.entity_type), ['trainer']);
  });

  test('GET /api/activity/stats counts by action and entity type', async () => {
    const res = await org.api.get('/api/activity/stats');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.total_activities, 3);
    const byAction = Object.fromEntries(res.body.by_action.map((r) => [r.action, r.count]));
    assert.deepEqual(byAction, { create: 2, update: 1 });
    const byType = Object.fromEntries(res.body.by_entity_type.map((r) => [r.entity_type, r.count]));
    assert.deepEqual(byType, { client: 2, trainer: 1 });
  });

  test('a client sees only their own record\'s activity, without addresses', async () => {
    const res = await clientApi.get('/api/activity/recent', {}, { query: { limit: 100 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.count, 2);
    for (const row of res.body.activities) {
      assert.equal(row.entity_id, clientId);
      assert.equal(row.ip_address, null);
      assert.equal(row.user_agent, null);
    }
  });

  test('a bad limit answers 400 {error}', async () => {
    assertError(await org.api.get('/api/activity', {}, { query: { limit: 'lots' } }), 400);
  });
});
