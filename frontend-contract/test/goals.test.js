// Live: the goal pages — the SPA's goal form (client_id as a string, numbers as strings, "" for empty fields),
// the {success, data} envelope it reads (`response.data.data`), the client summary (`data.data.goals`), the
// milestone calls, and errors that carry success:false besides error.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

function assertGoalError(res, status) {
  assertError(res, status);
  assert.equal(res.body.success, false, `success:false on a goal error: ${res.text}`);
}

describe('goals and milestones', () => {
  let org;
  let clientId;
  let clientApi;
  let goalId;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('goals');
    const email = uniqueEmail('goal-client');
    const c = await org.api.post('/api/clients', { name: 'Goal Client', email, password: PASSWORD, age: '35' });
    assert.equal(c.status, 201, c.text);
    clientId = c.body.id;
    clientApi = (await login(email)).api;
  }));

  test('POST /api/goals with the form strings -> 201 {success, message, data: goal with milestones}', async () => {
    const res = await org.api.post('/api/goals', {
      client_id: String(clientId), title: 'Lose 6 kg', description: '', category: 'weight_loss',
      target_value: '6', target_unit: 'kg', current_value: '1.5', target_date: '2026-09-30', priority: 'high',
      status: 'active', notes: '', created_by: '1',
      milestones: [{ title: 'First 2 kg', description: '', target_value: '2', target_date: '2026-07-01' },
        { title: 'Halfway' }],
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.success, true);
    assert.equal(typeof res.body.message, 'string');
    const goal = res.body.data;
    assert.ok(isInt(goal.id));
    assert.equal(goal.client_id, clientId);
    assert.equal(goal.progress, 25);
    assert.equal(goal.target_date.split('T')[0], '2026-09-30');
    assert.equal(goal.description, null);
    assert.equal(goal.created_by, org.user.id);
    assert.deepEqual(goal.milestones.map((m) => m.title), ['First 2 kg', 'Halfway']);
    assert.equal(goal.milestones[0].completed, false);
    goalId = goal.id;
  });

  test('GET /api/goals/{id} -> {success, data}; the client sees their own goal', async () => {
    const res = await clientApi.get('/api/goals/{id}', { id: goalId });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.success, true);
    assert.equal(res.body.data.title, 'Lose 6 kg');
    assert.equal(res.body.data.milestones.length, 2);
  });

  test('PUT /api/goals/{id}: fields present change, client_id is ignored, completed stamps completed_date', async () => {
    const res = await org.api.put('/api/goals/{id}', { id: goalId }, { client_id: '0', current_value: '6', status: 'completed' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.success, true);
    assert.equal(res.body.data.client_id, clientId);
    assert.equal(res.body.data.progress, 100);
    assert.ok(res.body.data.completed_date, 'completed_date is set');
    const reopened = await org.api.put('/api/goals/{id}', { id: goalId }, { status: 'active' });
    assert.equal(reopened.body.data.completed_date, null);
  });

  test('GET /api/goals/client/{client_id}/summary -> {success, data: {counts, goals}}', async () => {
    const res = await clientApi.get('/api/goals/client/{client_id}/summary', { client_id: clientId });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.success, true);
    assert.equal(res.body.data.total_goals, 1);
    assert.equal(res.body.data.active_goals, 1);
    assert.equal(res.body.data.completed_goals, 0);
    assert.equal(res.body.data.high_priority, 1);
    assert.equal(res.body.data.goals[0].id, goalId);
  });

  test('GET /api/goals with filters -> {success, data, count}', async () => {
    const res = await org.api.get('/api/goals', {}, { query: { client_id: clientId, status: 'active', category: '', priority: 'high' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.success, true);
    assert.equal(res.body.count, 1);
    assert.equal(res.body.data[0].id, goalId);
  });

  test('milestones: POST, PUT completed, DELETE, each in the envelope', async () => {
    const added = await org.api.post('/api/goals/{goal_id}/milestones', { goal_id: goalId }, { title: 'Last kilo', target_value: '', target_date: '' });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.body.success, true);
    const milestoneId = added.body.data.id;
    const done = await clientApi.put('/api/goals/{goal_id}/milestones/{milestone_id}', { goal_id: goalId, milestone_id: milestoneId }, { completed: true });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.data.completed, true);
    assert.ok(done.body.data.completed_date);
    const removed = await org.api.delete('/api/goals/{goal_id}/milestones/{milestone_id}', { goal_id: goalId, milestone_id: milestoneId });
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.body.success, true);
  });

  test('errors carry success:false: missing title, unknown client, unknown goal, another organization', async () => {
    assertGoalError(await org.api.post('/api/goals', { client_id: String(clientId), title: '' }), 400);
    assertGoalError(await org.api.post('/api/goals', { client_id: '99999999', title: 'Ghost' }), 404);
    assertGoalError(await org.api.get('/api/goals/{id}', { id: 99999999 }), 404);
    const stranger = await registerOrg('goals-stranger');
    assertGoalError(await stranger.api.get('/api/goals/{id}', { id: goalId }), 404);
    assertGoalError(await stranger.api.get('/api/goals/client/{client_id}/summary', { client_id: clientId }), 404);
  });

  test('DELETE /api/goals/{id} -> {success, message}', async () => {
    const res = await org.api.delete('/api/goals/{id}', { id: goalId });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.success, true);
    assertGoalError(await org.api.get('/api/goals/{id}', { id: goalId }), 404);
  });
});
