// Live: the SPA's gaps found on the pages built so far (issue 8), each read the way the SPA's code reads it.
// - client portal dashboard (client.js:198): a client's GET /api/trainers, read as `items` or an array;
// - messages page (messages.js:450): GET /api/trainers and GET /api/clients for every role, read as
//   `data.trainers` / `data.clients`;
// - admin exercise library (main.js:2714, 2608): `data.exercises` once the request carries per_page (the README's
//   one-line SPA change); the trainer portal's identical request without paging stays a bare array;
// - admin pickers (main.js:2285 …): `${first_name} ${last_name}` of clients and trainers;
// - trainer portal "My Clients" (trainer.js:287): GET /api/clients read through the items-or-array helper the
//   trainer dashboard (trainer.js:199) uses.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

/** How client.js and trainer.js:199 unwrap a list answer. */
const itemsOrArray = (data) => (Array.isArray(data) ? data : data.items || []);

/** The fields the client portal shows of a trainer. */
const CONTACT_KEYS = ['certification', 'email', 'first_name', 'id', 'last_name', 'name', 'phone', 'specialization'];

async function createTrainer(org, name, extra = {}) {
  const res = await org.api.post('/api/trainers', {
    name, email: uniqueEmail('gap-trainer'), password: PASSWORD, phone: '+1 555 0101',
    specialization: 'Strength', certification: 'NSCA-CSCS', experience: '4', ...extra,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function createClient(org, name) {
  const form = { name, email: uniqueEmail('gap-client'), password: PASSWORD, phone: '', age: '30', goals: '', medical_conditions: '' };
  const res = await org.api.post('/api/clients', form);
  assert.equal(res.status, 201, res.text);
  return { ...res.body, form };
}

async function assign(org, trainerId, clientId) {
  const res = await org.api.post('/api/crm/assign', { trainer_id: String(trainerId), client_id: String(clientId), notes: '' });
  assert.equal(res.status, 201, res.text);
}

describe('the SPA gaps of issue 8', () => {
  let org;
  let other;
  let first;
  let second;
  let unassigned;
  let client;
  let trainerLogin;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('gaps');
    other = await registerOrg('gaps-other');
    first = await createTrainer(org, 'Alex Strong');
    second = await createTrainer(org, 'Blair Mobility Coach', { specialization: 'Mobility' });
    unassigned = await createTrainer(org, 'Unassigned Trainer');
    client = await createClient(org, 'Riley Client');
    const colleague = await createClient(org, 'Casey Colleague');
    await assign(org, first.id, client.id);
    await assign(org, second.id, client.id);
    await assign(org, unassigned.id, colleague.id);
    const theirTrainer = await createTrainer(other, 'Their Trainer');
    const theirClient = await createClient(other, 'Their Client');
    await assign(other, theirTrainer.id, theirClient.id);
    trainerLogin = first.email;
  }));

  test("client portal dashboard: a client's GET /api/trainers lists their own trainers as contact cards", async () => {
    const c = await login(client.form.email);
    const res = await c.api.get('/api/trainers');
    assert.equal(res.status, 200, res.text);
    const trainers = itemsOrArray(res.body);
    assert.deepEqual(trainers.map((t) => t.id).sort(), [first.id, second.id].sort(), 'only the assigned trainers');
    for (const t of trainers) {
      assert.deepEqual(Object.keys(t).sort(), CONTACT_KEYS, `only contact fields: ${JSON.stringify(t)}`);
    }
    const shown = trainers.find((t) => t.id === first.id);
    assert.equal(shown.name, 'Alex Strong');
    assert.equal(shown.email, first.email);
    assert.equal(shown.specialization, 'Strength');
    assert.equal(shown.certification, 'NSCA-CSCS');
    assert.equal(res.body.total, 2);
  });

  test("messages page: a client's GET /api/trainers and GET /api/clients answer data.trainers and data.clients", async () => {
    const c = await login(client.form.email);
    const [trainers, clients] = await Promise.all([
      c.api.get('/api/trainers', undefined, { query: { per_page: 1000 } }),
      c.api.get('/api/clients', undefined, { query: { per_page: 1000 } }),
    ]);
    assert.equal(trainers.status, 200, trainers.text);
    assert.equal(clients.status, 200, clients.text);
    assert.deepEqual(trainers.body.trainers.map((t) => t.id).sort(), [first.id, second.id].sort());
    assert.ok(!trainers.body.trainers.some((t) => t.id === unassigned.id), 'not the unassigned trainer');
    assert.deepEqual(clients.body.clients.map((x) => x.id), [client.id], 'only their own record');
    assert.deepEqual(clients.body.items, clients.body.clients);
    assert.equal(clients.body.total, 1);
  });

  test('admin exercise library: data.exercises with paging params; the trainer portal keeps the bare array', async () => {
    const query = { search: '', category: '', muscle_group: '' };
    const admin = await org.api.get('/api/workouts/exercises', undefined, { query: { ...query, per_page: 1000 } });
    assert.equal(admin.status, 200, admin.text);
    assert.ok(Array.isArray(admin.body.exercises) && admin.body.exercises.length > 0, 'data.exercises');
    assert.equal(typeof admin.body.total, 'number');

    const t = await login(trainerLogin);
    const portal = await t.api.get('/api/workouts/exercises', undefined, { query });
    assert.equal(portal.status, 200, portal.text);
    assert.ok(Array.isArray(portal.body), 'the trainer portal reads a bare array');
    assert.equal(portal.body.length, admin.body.exercises.length, 'the same library');
  });

  test('admin pickers: clients and trainers carry first_name and last_name', async () => {
    const clients = await org.api.get('/api/clients', undefined, { query: { per_page: 1000 } });
    assert.equal(clients.status, 200, clients.text);
    const labels = clients.body.items.map((c) => `${c.first_name} ${c.last_name}`);
    assert.ok(labels.includes('Riley Client'), `labels: ${labels}`);
    assert.ok(!labels.some((l) => l.includes('undefined') || l.includes('null')), `labels: ${labels}`);

    const trainers = await org.api.get('/api/trainers', undefined, { query: { per_page: 1000 } });
    const blair = trainers.body.items.find((x) => x.id === second.id);
    assert.equal(blair.first_name, 'Blair');
    assert.equal(blair.last_name, 'Mobility Coach');
    const one = await org.api.get('/api/clients/{client_id}', { client_id: client.id });
    assert.equal(one.body.first_name, 'Riley');
    assert.equal(one.body.last_name, 'Client');
  });

  test('trainer portal "My Clients": GET /api/clients read through the items-or-array helper', async () => {
    const t = await login(trainerLogin);
    const res = await t.api.get('/api/clients');
    assert.equal(res.status, 200, res.text);
    const mine = itemsOrArray(res.body).filter((c) => c.status === 'active');
    assert.deepEqual(mine.map((c) => c.id), [client.id], 'the trainer sees their client');
    // messages.js:451 and sms.js:144 read data.clients from the same request.
    assert.deepEqual(res.body.clients.map((c) => c.id), [client.id]);
  });
});
