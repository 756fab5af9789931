// Live: trainers, clients and assignments as the SPA's forms and pages use them, the trainer and
// client portals, and organization isolation. Every response is validated against openapi.yaml.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

const run = Date.now().toString(36);

/** The admin "add trainer" form: every value a string, empty fields as "". */
function trainerForm(name) {
  return {
    name,
    email: uniqueEmail('trainer'),
    password: PASSWORD,
    phone: '',
    specialization: 'Strength',
    certification: '',
    experience: '5',
  };
}

/** The "add client" form. */
function clientForm(name) {
  return {
    name,
    email: uniqueEmail('client'),
    password: PASSWORD,
    phone: '',
    age: '34',
    goals: 'Lose weight',
    medical_conditions: '',
  };
}

function assertPage(body, key) {
  assert.ok(Array.isArray(body.items), `items is an array: ${JSON.stringify(body).slice(0, 300)}`);
  assert.ok(Array.isArray(body[key]), `${key} alias is an array`);
  assert.deepEqual(body[key], body.items, `${key} is an alias of items`);
  for (const k of ['total', 'page', 'per_page', 'pages']) assert.ok(isInt(body[k]), `${k} is an int: ${body[k]}`);
  assert.equal(typeof body.has_next, 'boolean');
  assert.equal(typeof body.has_prev, 'boolean');
}

describe('trainers, clients and assignments', () => {
  let orgA;
  let orgB;
  let adminTrainer; // the admin's own trainer profile
  let trainer;
  let trainerForm1;
  let client1;
  let client1Form;
  let client2;

  beforeEach(once(async () => {
    await requireServer();
    orgA = await registerOrg('people-a');
    orgB = await registerOrg('people-b');
    const me = await orgA.api.get('/api/trainers/me');
    assert.equal(me.status, 200, me.text);
    adminTrainer = me.body;
  }));

  test('POST /api/trainers with form strings -> 201 trainer with numbers as numbers', async () => {
    trainerForm1 = trainerForm(`Tara Trainer ${run}`);
    const res = await orgA.api.post('/api/trainers', trainerForm1);
    assert.equal(res.status, 201, res.text);
    trainer = res.body;
    assert.ok(isInt(trainer.id));
    assert.equal(trainer.name, trainerForm1.name);
    assert.equal(trainer.email, trainerForm1.email);
    assert.equal(trainer.experience, 5);
    assert.equal(trainer.specialization, 'Strength');
    assert.ok(trainer.phone === '' || trainer.phone === null, `phone: ${trainer.phone}`);
    assert.ok(!('password' in trainer) && !('password_hash' in trainer), 'no password in the answer');
  });

  test('POST /api/trainers with an existing e-mail -> 409 {error}', async () => {
    assertError(await orgA.api.post('/api/trainers', { ...trainerForm('Dup'), email: trainerForm1.email }), 409);
  });

  test('POST /api/clients with form strings -> 201 client with age as a number', async () => {
    client1Form = clientForm(`Cora Client ${run}`);
    const r1 = await orgA.api.post('/api/clients', client1Form);
    assert.equal(r1.status, 201, r1.text);
    client1 = r1.body;
    assert.ok(isInt(client1.id));
    assert.equal(client1.age, 34);
    assert.equal(client1.email, client1Form.email);
    assert.equal(client1.goals, 'Lose weight');

    const r2 = await orgA.api.post('/api/clients', clientForm(`Carl Client ${run}`));
    assert.equal(r2.status, 201, r2.text);
    client2 = r2.body;
  });

  test('POST /api/clients without a name -> 400 {error}', async () => {
    assertError(await orgA.api.post('/api/clients', { ...clientForm(''), name: '' }), 400);
  });

  test('GET /api/trainers?per_page=1000: items, trainers alias, total', async () => {
    const res = await orgA.api.get('/api/trainers?per_page=1000');
    assert.equal(res.status, 200, res.text);
    assertPage(res.body, 'trainers');
    assert.equal(res.body.per_page, 1000, 'per_page=1000 is honoured (the SPA means "all")');
    assert.equal(res.body.total, 2, 'the admin profile and the new trainer');
    assert.equal(res.body.items.length, res.body.total);
    const ids = res.body.items.map((t) => t.id);
    assert.ok(ids.includes(trainer.id) && ids.includes(adminTrainer.id), `ids: ${ids}`);
  });

  test('GET /api/trainers?search=… finds by name', async () => {
    const res = await orgA.api.get('/api/trainers', undefined, { query: { search: `Tara Trainer ${run}`, per_page: 1000 } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.items.map((t) => t.id), [trainer.id]);
  });

  test('GET /api/clients?per_page=1000: items, clients alias, total', async () => {
    const res = await orgA.api.get('/api/clients?per_page=1000');
    assert.equal(res.status, 200, res.text);
    assertPage(res.body, 'clients');
    assert.equal(res.body.total, 2);
    assert.deepEqual(res.body.items.map((c) => c.id).sort(), [client1.id, client2.id].sort());
  });

  test('GET /api/clients without per_page answers page 1 of 25', async () => {
    const res = await orgA.api.get('/api/clients');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.per_page, 25);
  });

  test('PUT /api/trainers/{id} keeps bio and hourly_rate', async () => {
    const put = await orgA.api.put('/api/trainers/{trainer_id}', { trainer_id: trainer.id }, {
      bio: 'Powerlifting coach',
      hourly_rate: 55.5,
      experience: '6',
    });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.bio, 'Powerlifting coach');
    assert.equal(put.body.hourly_rate, 55.5);
    const get = await orgA.api.get('/api/trainers/{trainer_id}', { trainer_id: trainer.id });
    assert.equal(get.status, 200, get.text);
    assert.equal(get.body.bio, 'Powerlifting coach');
    assert.equal(get.body.hourly_rate, 55.5);
    assert.equal(get.body.experience, 6);
    assert.equal(get.body.name, trainerForm1.name, 'keys not sent are unchanged');
  });

  test('PUT /api/clients/{id} keeps emergency_contact, emergency_phone and status', async () => {
    const put = await orgA.api.put('/api/clients/{client_id}', { client_id: client1.id }, {
      emergency_contact: 'Eve Example',
      emergency_phone: '+1 555 0100',
      status: 'inactive',
      age: '35',
    });
    assert.equal(put.status, 200, put.text);
    const get = await orgA.api.get('/api/clients/{client_id}', { client_id: client1.id });
    assert.equal(get.status, 200, get.text);
    assert.equal(get.body.emergency_contact, 'Eve Example');
    assert.equal(get.body.emergency_phone, '+1 555 0100');
    assert.equal(get.body.status, 'inactive');
    assert.equal(get.body.age, 35);
    assert.equal(get.body.goals, 'Lose weight', 'keys not sent are unchanged');
  });

  test('POST /api/crm/assign with string ids (admin form) -> 201 assignment with int ids', async () => {
    const res = await orgA.api.post('/api/crm/assign', {
      trainer_id: String(trainer.id),
      client_id: String(client1.id),
      notes: '',
    });
    assert.equal(res.status, 201, res.text);
    assert.ok(isInt(res.body.id));
    assert.equal(res.body.trainer_id, trainer.id);
    assert.equal(res.body.client_id, client1.id);
  });

  test('POST /api/crm/assign with int ids (trainer portal) -> 201', async () => {
    const res = await orgA.api.post('/api/crm/assign', {
      trainer_id: adminTrainer.id,
      client_id: client2.id,
      notes: 'Mornings',
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.trainer_id, adminTrainer.id);
    assert.equal(res.body.client_id, client2.id);
    assert.equal(res.body.notes, 'Mornings');
  });

  test('POST /api/crm/assign with an unknown client -> 404 {error}', async () => {
    assertError(await orgA.api.post('/api/crm/assign', { trainer_id: String(trainer.id), client_id: '999999999', notes: '' }), 404);
  });

  test('GET /api/crm/assignments is a bare array', async () => {
    const res = await orgA.api.get('/api/crm/assignments');
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.body), 'bare array');
    const pairs = res.body.map((a) => `${a.trainer_id}:${a.client_id}`);
    assert.ok(pairs.includes(`${trainer.id}:${client1.id}`), `pairs: ${pairs}`);
    assert.ok(pairs.includes(`${adminTrainer.id}:${client2.id}`), `pairs: ${pairs}`);
  });

  test('GET /api/crm/dashboard and /api/crm/stats count the organization', async () => {
    const dash = await orgA.api.get('/api/crm/dashboard');
    assert.equal(dash.status, 200, dash.text);
    assert.deepEqual(
      { t: dash.body.trainers_count, c: dash.body.clients_count, a: dash.body.assignments_count },
      { t: 2, c: 2, a: 2 },
    );
    const stats = await orgA.api.get('/api/crm/stats');
    assert.equal(stats.status, 200, stats.text);
    for (const k of ['total_trainers', 'total_clients', 'trainers_with_clients', 'clients_assigned']) {
      assert.ok(isInt(stats.body[k]), `${k}: ${stats.body[k]}`);
    }
  });

  test('trainer portal: login as trainer, /api/trainers/me, sees only assigned clients', async () => {
    const t = await login(trainerForm1.email);
    assert.equal(t.user.role, 'trainer');
    const me = await t.api.get('/api/trainers/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.id, trainer.id);

    const list = await t.api.get('/api/clients?per_page=1000');
    assert.equal(list.status, 200, list.text);
    const ids = list.body.items.map((c) => c.id);
    assert.ok(ids.includes(client1.id), 'assigned client is listed');
    assert.ok(!ids.includes(client2.id), 'a client assigned to someone else is not');

    // A trainer's new client is assigned to them.
    const created = await t.api.post('/api/clients', clientForm(`Trainee ${run}`));
    assert.equal(created.status, 201, created.text);
    const after = await t.api.get('/api/clients?per_page=1000');
    assert.ok(after.body.items.some((c) => c.id === created.body.id), 'own new client is listed');

    const trainers = await t.api.get('/api/trainers?per_page=1000');
    assert.equal(trainers.status, 200, trainers.text);
    assert.ok(trainers.body.items.some((x) => x.id === adminTrainer.id), 'trainers see the org trainers');
  });

  test('client portal: login as client, /api/clients/me; the lists hold only themself and their trainer', async () => {
    const c = await login(client1Form.email);
    assert.equal(c.user.role, 'client');
    const me = await c.api.get('/api/clients/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.id, client1.id);
    const trainers = await c.api.get('/api/trainers?per_page=1000');
    assert.equal(trainers.status, 200, trainers.text);
    assert.deepEqual(trainers.body.items.map((t) => t.id), [trainer.id], 'only their own trainer');
    const clients = await c.api.get('/api/clients?per_page=1000');
    assert.equal(clients.status, 200, clients.text);
    assert.deepEqual(clients.body.clients.map((x) => x.id), [client1.id], 'only themself');
  });

  test("another organization cannot read the first one's records (404)", async () => {
    assertError(await orgB.api.get('/api/clients/{client_id}', { client_id: client1.id }), 404);
    assertError(await orgB.api.get('/api/trainers/{trainer_id}', { trainer_id: trainer.id }), 404);
    assertError(await orgB.api.put('/api/clients/{client_id}', { client_id: client1.id }, { status: 'active' }), 404);
    assertError(
      await orgB.api.post('/api/crm/assign', { trainer_id: String(trainer.id), client_id: String(client1.id), notes: '' }),
      404,
    );
    const list = await orgB.api.get('/api/clients?per_page=1000');
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.total, 0);
    const assignments = await orgB.api.get('/api/crm/assignments');
    assert.deepEqual(assignments.body, []);
    const trainers = await orgB.api.get('/api/trainers?per_page=1000');
    assert.ok(!trainers.body.items.some((x) => x.id === trainer.id));

    // and the record is untouched
    const get = await orgA.api.get('/api/clients/{client_id}', { client_id: client1.id });
    assert.equal(get.body.status, 'inactive');
  });
});
