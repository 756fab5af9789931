// Live: the exercise library page — the P2 list with its filters, the three select-option lists, and a trainer
// adding, editing and removing one of the studio's own exercises with the form strings the SPA sends.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, isInt, once, registerOrg, requireServer } from '../lib/live.js';

describe('exercise library', () => {
  let org;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('exercises');
  }));

  test('GET /api/workouts/exercises -> P2 {exercises, total, pages, current_page} with the shared library', async () => {
    const res = await org.api.get('/api/workouts/exercises', {}, { query: { search: 'press', category: '', per_page: 1000 } });
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.total >= 5);
    assert.equal(res.body.current_page, 1);
    for (const e of res.body.exercises) {
      assert.ok(isInt(e.id));
      assert.match(e.name, /press/i);
      assert.equal(e.is_custom, false);
    }
  });

  test('the trainer portal reads GET /api/workouts/exercises (no page, no per_page) as a bare array', async () => {
    const res = await org.api.get('/api/workouts/exercises');
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.body));
    assert.ok(res.body.length >= 150);
    assert.ok(res.body.filter((e) => /squat/i.test(e.name)).length > 3);
  });

  test('GET /api/exercises keeps the P2 page; POST /api/exercises -> 201 {message, exercise}', async () => {
    const list = await org.api.get('/api/exercises', {}, { query: { search: 'row' } });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.body.exercises.length > 0);
    const created = await org.api.post('/api/exercises', { name: 'Farmer Walk Variant', category: 'strength' });
    assert.equal(created.status, 201, created.text);
    assert.equal(typeof created.body.message, 'string');
    assert.equal(created.body.exercise.name, 'Farmer Walk Variant');
  });

  test('the select options are {value, label} lists', async () => {
    for (const [path, key] of [['/api/workouts/exercises/categories', 'categories'],
      ['/api/workouts/exercises/muscle-groups', 'muscle_groups'], ['/api/workouts/exercises/equipment', 'equipment']]) {
      const res = await org.api.get(path);
      assert.equal(res.status, 200, res.text);
      assert.ok(res.body[key].length > 3, key);
      assert.ok(res.body[key].every((o) => typeof o.value === 'string' && typeof o.label === 'string'));
    }
  });

  test('a studio exercise: POST with form strings, PUT, DELETE; the shared ones are read-only', async () => {
    const created = await org.api.post('/api/workouts/exercises', {
      name: 'Tyre Flip', category: 'power', muscle_group: 'full_body', equipment: 'tyre', difficulty: 'advanced',
      description: '', instructions: 'Drive the tyre up and over.', tips: '', image_url: '', video_url: '',
      is_custom: true, created_by: 1,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.is_custom, true);
    assert.equal(created.body.description, null);
    const id = created.body.id;
    const updated = await org.api.put('/api/workouts/exercises/{exercise_id}', { exercise_id: id }, { tips: 'Hips low' });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.tips, 'Hips low');
    const one = await org.api.get('/api/workouts/exercises/{exercise_id}', { exercise_id: id });
    assert.equal(one.status, 200, one.text);
    const removed = await org.api.delete('/api/workouts/exercises/{exercise_id}', { exercise_id: id });
    assert.equal(removed.status, 200, removed.text);
    assertError(await org.api.get('/api/workouts/exercises/{exercise_id}', { exercise_id: id }), 404);

    const shared = await org.api.get('/api/workouts/exercises', {}, { query: { search: 'Deadlift', per_page: 10 } });
    const sharedId = shared.body.exercises[0].id;
    assertError(await org.api.put('/api/workouts/exercises/{exercise_id}', { exercise_id: sharedId }, { name: 'x' }), 403);
  });

  test('POST /api/workouts/exercises/seed -> 200 {message, count}: the library ships with the service', async () => {
    const res = await org.api.post('/api/workouts/exercises/seed');
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.count >= 150);
    assert.equal(typeof res.body.message, 'string');
  });
});
