// Live: the SPA's workout calls — the trainer portal's and the admin's template pages (list, get, create with the
// form strings and the extra keys they send, update, delete), categories, assigning with the trainer portal's
// template_id/trainer_id spelling, the client's assignments, logging a workout and reading the logs; plus the
// additions the portal can use (programs, schedule, records, stats).
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

describe('workouts: templates, assignments, logs', () => {
  let org;
  let trainer;
  let client;
  let other;
  let squat;
  let pushUp;
  let templateId;
  let assignmentId;

  async function addClient(tag) {
    const email = uniqueEmail(tag);
    const c = await org.api.post('/api/clients', { name: `Workouts ${tag}`, email, password: PASSWORD, age: '31' });
    assert.equal(c.status, 201, c.text);
    const a = await org.api.post('/api/crm/assign', { trainer_id: String(trainer.id), client_id: String(c.body.id) });
    assert.equal(a.status, 201, a.text);
    return { id: c.body.id, api: (await login(email)).api };
  }

  async function exerciseId(name) {
    const res = await org.api.get('/api/workouts/exercises', {}, { query: { search: name, per_page: 1000 } });
    assert.equal(res.status, 200, res.text);
    return res.body.exercises.find((e) => e.name === name).id;
  }

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('workouts');
    const email = uniqueEmail('workouts-trainer');
    const t = await org.api.post('/api/trainers', { name: 'Workouts Trainer', email, password: PASSWORD, experience: '3' });
    assert.equal(t.status, 201, t.text);
    const signedIn = await login(email);
    trainer = { id: t.body.id, userId: signedIn.user.id, api: signedIn.api };
    client = await addClient('workouts-client');
    other = await addClient('workouts-other');
    squat = await exerciseId('Barbell Back Squat');
    pushUp = await exerciseId('Push-Up');
  }));

  test('POST /api/workouts/templates -> 201 {message, template}; created_by comes from the token', async () => {
    const res = await trainer.api.post('/api/workouts/templates', {
      name: 'Contract full body', created_by: 1, description: 'Two rounds', category: 'strength',
      difficulty_level: 'beginner', duration_minutes: '40', duration_weeks: '6', is_public: false,
      image_url: 'https://img.example/full.png', video_url: '',
      exercises: [
        { exercise_id: String(squat), order: 1, sets: '3', reps: '8-12', rest_seconds: '90', weight: '40 kg', notes: '' },
        { exercise_id: pushUp, order: 2, sets: 3, reps: 10, duration_seconds: '', rest_seconds: 60 },
      ],
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(typeof res.body.message, 'string');
    const t = res.body.template;
    assert.ok(isInt(t.id));
    assert.equal(t.created_by, trainer.userId);
    assert.equal(t.difficulty, 'beginner');
    assert.equal(t.difficulty_level, 'beginner');
    assert.equal(t.duration_weeks, 6);
    assert.equal(t.image_url, 'https://img.example/full.png');
    assert.equal(t.video_url, null);
    templateId = t.id;
  });

  test('GET /api/workouts/templates (trainer portal: created_by = trainer id) -> P2 {templates, total, pages, current_page}', async () => {
    const res = await trainer.api.get('/api/workouts/templates', {}, { query: { created_by: trainer.id, show_public: 'true' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.current_page, 1);
    assert.ok(res.body.total >= 1);
    assert.ok(res.body.templates.some((t) => t.id === templateId && t.name === 'Contract full body'));
    const admin = await org.api.get('/api/workouts/templates', {}, { query: { user_id: org.user.id, page: 1, per_page: 50 } });
    assert.equal(admin.status, 200, admin.text);
    assert.ok(Array.isArray(admin.body.templates));
  });

  test('GET /api/workouts/templates/{template_id} -> bare template with exercises ordered, each with exercise.name', async () => {
    const res = await trainer.api.get('/api/workouts/templates/{template_id}', { template_id: templateId });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.exercises.map((e) => e.exercise.name), ['Barbell Back Squat', 'Push-Up']);
    assert.deepEqual(res.body.exercises.map((e) => e.order), [1, 2]);
    assert.equal(res.body.exercises[0].reps, '8-12');
    assert.equal(res.body.exercises[1].reps, '10');
    assertError(await other.api.get('/api/workouts/templates/{template_id}', { template_id: templateId }), 404);
  });

  test('PUT /api/workouts/templates/{template_id} replaces the exercises when sent', async () => {
    const res = await trainer.api.put('/api/workouts/templates/{template_id}', { template_id: templateId }, {
      name: 'Contract full body v2', exercises: [{ exercise_id: squat, order: 1, sets: 4, reps: '6' }],
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.template.name, 'Contract full body v2');
    assert.equal(res.body.template.exercises.length, 1);
    assertError(await trainer.api.post('/api/workouts/templates', { name: 'Bad', exercises: [{ exercise_id: 999999999 }] }), 400);
  });

  test('GET /api/workouts/categories -> {categories: [{value, label}]}', async () => {
    const res = await trainer.api.get('/api/workouts/categories');
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.categories.some((c) => c.value === 'strength' && c.label === 'Strength'));
    assert.ok(res.body.categories.some((c) => c.value === 'hiit'));
  });

  test('POST /api/workouts/assign with template_id/trainer_id -> 201 {message, assignment}; GET /api/workouts/assignments/{id}', async () => {
    const res = await trainer.api.post('/api/workouts/assign', {
      client_id: String(client.id), template_id: String(templateId), trainer_id: String(trainer.id),
      start_date: new Date().toISOString().slice(0, 10), end_date: '', frequency_per_week: '3', notes: 'Go',
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.assignment.workout_template.name, 'Contract full body v2');
    assert.equal(res.body.assignment.version, 1);
    assert.equal(res.body.assignment.assigned_by, trainer.userId);
    assignmentId = res.body.assignment.id;
    const mine = await client.api.get('/api/workouts/assignments/{id}', { id: client.id });
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.body.assignments.length, 1);
    assert.equal(mine.body.assignments[0].status, 'active');
    assert.equal(mine.body.assignments[0].workout_template.name, 'Contract full body v2');
    assertError(await other.api.get('/api/workouts/assignments/{id}', { id: client.id }), 404);
    // The old spelling works too.
    const old = await org.api.post('/api/workouts/assign', { client_id: client.id, workout_template_id: templateId, assigned_by: 1 });
    assert.equal(old.status, 201, old.text);
  });

  test('PUT /api/workouts/assignments/{id} adjusts the client copy as a new version; the template stays', async () => {
    const res = await trainer.api.put('/api/workouts/assignments/{id}', { id: assignmentId }, {
      notes: 'Adjusted', exercises: [{ exercise_id: pushUp, order: 1, sets: 2, reps: '12' }],
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.assignment.version, 2);
    assert.equal(res.body.assignment.exercises[0].exercise.name, 'Push-Up');
    const template = await trainer.api.get('/api/workouts/templates/{template_id}', { template_id: templateId });
    assert.equal(template.body.exercises[0].exercise.name, 'Barbell Back Squat');
    assertError(await client.api.put('/api/workouts/assignments/{id}', { id: assignmentId }, { notes: 'x' }), 403);
    // Still in active use: the template cannot be deleted.
    assertError(await trainer.api.delete('/api/workouts/templates/{template_id}', { template_id: templateId }), 400);
  });

  test('POST /api/workouts/log -> 201 {message, log}; GET /api/workouts/logs/{client_id} -> {logs}', async () => {
    const res = await client.api.post('/api/workouts/log', {
      client_id: client.id, client_workout_id: assignmentId, workout_template_id: templateId,
      duration_minutes: '50', difficulty_rating: '7', notes: 'Good one',
      sets: [{ exercise_id: squat, set_number: 1, reps: '5', weight: '80', rpe: '8' }],
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.log.client_workout_version, 2);
    assert.equal(res.body.log.sets[0].weight_kg, 80);
    assert.ok(res.body.new_records.some((r) => r.record === 'estimated_1rm'));
    assertError(await client.api.post('/api/workouts/log', { client_id: other.id, notes: 'not mine' }), 404);
    assertError(await client.api.post('/api/workouts/log', { client_id: client.id, sets: [{ exercise_id: squat, reps: -3 }] }), 400);
    const logs = await trainer.api.get('/api/workouts/logs/{client_id}', { client_id: client.id }, { query: { limit: 50 } });
    assert.equal(logs.status, 200, logs.text);
    assert.equal(logs.body.logs.length, 1);
    assert.equal(logs.body.logs[0].notes, 'Good one');
  });

  test('records, stats, programs and schedule', async () => {
    const records = await client.api.get('/api/workouts/records/{client_id}', { client_id: client.id });
    assert.equal(records.status, 200, records.text);
    assert.equal(records.body.records[0].estimated_1rm_formula, 'epley');
    assert.equal(records.body.records[0].estimated_1rm_kg, 93.33);
    const stats = await client.api.get('/api/workouts/stats/{client_id}', { client_id: client.id });
    assert.equal(stats.status, 200, stats.text);
    assert.equal(stats.body.weeks.length, 12);
    assert.equal(stats.body.workouts_this_week, 1);
    assert.equal(stats.body.current_streak_days, 1);

    const program = await trainer.api.post('/api/workouts/programs', {
      name: 'Contract program', duration_weeks: '1', days: [{ day: '1', workout_template_id: String(templateId) }, { day: 4, workout_template_id: templateId }],
    });
    assert.equal(program.status, 201, program.text);
    assert.equal(program.body.program.rest_days, 5);
    const listed = await trainer.api.get('/api/workouts/programs');
    assert.equal(listed.status, 200, listed.text);
    const one = await trainer.api.get('/api/workouts/programs/{program_id}', { program_id: program.body.program.id });
    assert.equal(one.status, 200, one.text);
    const assigned = await trainer.api.post('/api/workouts/assign', { client_id: other.id, program_id: program.body.program.id, start_date: '2027-01-04' });
    assert.equal(assigned.status, 201, assigned.text);
    assert.deepEqual(assigned.body.scheduled_workouts.map((s) => s.scheduled_date), ['2027-01-04', '2027-01-07']);
    const schedule = await other.api.get('/api/workouts/schedule/{client_id}', { client_id: other.id }, { query: { start_date: '2027-01-01', end_date: '2027-01-31' } });
    assert.equal(schedule.status, 200, schedule.text);
    assert.equal(schedule.body.scheduled_workouts.length, 2);
    const versions = await trainer.api.get('/api/workouts/assignments/{id}/versions', { id: assignmentId });
    assert.equal(versions.status, 200, versions.text);
    assert.deepEqual(versions.body.versions.map((v) => v.version), [1, 2]);
    const updated = await trainer.api.put('/api/workouts/programs/{program_id}', { program_id: program.body.program.id }, { description: 'Two days' });
    assert.equal(updated.status, 200, updated.text);
    const removed = await trainer.api.delete('/api/workouts/programs/{program_id}', { program_id: program.body.program.id });
    assert.equal(removed.status, 200, removed.text);
  });

  test('DELETE /api/workouts/templates/{template_id} -> {message} once no active assignment uses it', async () => {
    const t = await trainer.api.post('/api/workouts/templates', { name: 'Throwaway' });
    assert.equal(t.status, 201, t.text);
    const res = await trainer.api.delete('/api/workouts/templates/{template_id}', { template_id: t.body.template.id });
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.body.message, 'string');
    assertError(await trainer.api.get('/api/workouts/templates/{template_id}', { template_id: t.body.template.id }), 404);
  });
});
