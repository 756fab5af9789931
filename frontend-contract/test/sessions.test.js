// Live: the calendar as the SPA drives it — book from the trainer portal's datetime-local input, read the
// month with ISO-with-Z bounds, open one session, edit it, detect a conflict (409 with `conflict`), delete.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { API_URL, PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';


function inDays(days) {
  const d = new Date(Date.now() + days * 86400000);
  return d.toISOString().slice(0, 10);
}

describe('sessions (calendar)', () => {
  let org;
  let trainerId;
  let clientId;
  let trainerApi;
  let sessionId;
  const day = inDays(30);

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('sessions');
    const email = uniqueEmail('sess-trainer');
    const t = await org.api.post('/api/trainers', { name: 'Calendar Trainer', email, password: PASSWORD, experience: '3' });
    assert.equal(t.status, 201, t.text);
    trainerId = t.body.id;
    const c = await org.api.post('/api/clients', { name: 'Calendar Client', email: uniqueEmail('sess-client'), age: '40' });
    assert.equal(c.status, 201, c.text);
    clientId = c.body.id;
    const a = await org.api.post('/api/crm/assign', { trainer_id: trainerId, client_id: clientId });
    assert.equal(a.status, 201, a.text);
    trainerApi = (await login(email)).api;
  }));

  test('the trainer portal books with a datetime-local value and int ids -> 201 session', async () => {
    const res = await trainerApi.post('/api/sessions', {
      trainer_id: trainerId, client_id: clientId, session_date: `${day}T07:00`, duration: 60,
      session_type: 'Strength', location: 'Studio', notes: '',
    });
    assert.equal(res.status, 201, res.text);
    assert.ok(isInt(res.body.id));
    assert.equal(res.body.status, 'scheduled');
    assert.equal(res.body.duration, 60);
    sessionId = res.body.id;
  });

  test('GET /api/sessions with the month as ISO instants is a bare array with names', async () => {
    const res = await org.api.get('/api/sessions', {}, {
      query: { start_date: `${day}T00:00:00.000Z`, end_date: `${day}T23:59:59.999Z` },
    });
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.body));
    const mine = res.body.find((s) => s.id === sessionId);
    assert.ok(mine, 'the booked session is listed');
    assert.equal(mine.trainer_name, 'Calendar Trainer');
    assert.equal(mine.client_name, 'Calendar Client');
  });

  test('GET /api/sessions/{id} has the trainer and client objects', async () => {
    const res = await org.api.get('/api/sessions/{id}', { id: sessionId });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.trainer.name, 'Calendar Trainer');
    assert.equal(res.body.client.name, 'Calendar Client');
  });

  test('an overlapping booking answers 409 {error, conflict} (the SPA checks for 409)', async () => {
    const res = await org.api.post('/api/sessions', {
      trainer_id: String(trainerId), client_id: String(clientId), session_date: `${day}T07:30`, duration: '30',
    });
    assertError(res, 409);
    assert.equal(res.body.conflict.id, sessionId);
  });

  test('PUT /api/sessions/{id} moves it and recomputes end_time', async () => {
    const res = await org.api.put('/api/sessions/{id}', { id: sessionId }, { session_date: `${day}T08:00:00.000Z`, duration: 90 });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.end_time, `${day}T09:30:00Z`);
  });

  test('DELETE /api/sessions/{id} -> {message}; then 404 {error}', async () => {
    const res = await org.api.delete('/api/sessions/{id}', { id: sessionId });
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.body.message, 'string');
    assertError(await org.api.get('/api/sessions/{id}', { id: sessionId }), 404);
  });

  test('POST /api/recurring-sessions with start_time HH:MM -> {recurring_session, sessions_created}', async () => {
    const res = await org.api.post('/api/recurring-sessions', {
      trainer_id: trainerId, client_id: clientId, start_date: inDays(40), start_time: '18:30',
      recurrence_pattern: 'weekly', recurrence_days: null, end_date: inDays(60), duration: 45,
      session_type: 'Conditioning', location: '', notes: '',
    });
    assert.equal(res.status, 201, res.text);
    assert.ok(isInt(res.body.sessions_created) && res.body.sessions_created >= 2, res.text);
    assert.equal(res.body.recurring_session.start_time, '18:30:00');
    const list = await org.api.get('/api/recurring-sessions');
    assert.equal(list.status, 200, list.text);
    assert.ok(list.body.some((r) => r.id === res.body.recurring_session.id));
  });

  test('the .ics export opens from a signed link without a token (the SPA opens it as a plain link)', async () => {
    const link = await org.api.get('/api/sessions/export/link', {}, { query: { start_date: inDays(35) } });
    assert.equal(link.status, 200, link.text);
    assert.equal(typeof link.body.url, 'string');
    const url = new URL(link.body.url);
    const res = await fetch(`${API_URL}${url.pathname}${url.search}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/calendar/);
    const text = await res.text();
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, /BEGIN:VEVENT/);
  });
});
