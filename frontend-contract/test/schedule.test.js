// Live: the scheduling flow around the calendar — a trainer's working hours, a client reading availability and
// requesting a slot, the trainer confirming or declining, the dashboard's `sessions` figures, and the secret
// calendar feed that a calendar app fetches without a token.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { API_URL, PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

function inDays(days) {
  const d = new Date(Date.now() + days * 86400000);
  return d.toISOString().slice(0, 10);
}

describe('schedule: working hours, requests, dashboard, calendar feed', () => {
  let org;
  let trainerId;
  let trainerApi;
  let clientId;
  let clientApi;
  let otherClientId;
  let otherClientApi;
  let confirmedId;
  let declinedId;
  let pendingId;
  let feedUrl;
  const day = inDays(12);
  const week = ['0', '1', '2', '3', '4', '5', '6'].map((weekday) => ({ weekday, start_time: '06:00', end_time: '20:00' }));

  async function addClient(tag) {
    const email = uniqueEmail(tag);
    const c = await org.api.post('/api/clients', { name: `Schedule ${tag}`, email, password: PASSWORD, age: '29' });
    assert.equal(c.status, 201, c.text);
    const a = await org.api.post('/api/crm/assign', { trainer_id: String(trainerId), client_id: String(c.body.id) });
    assert.equal(a.status, 201, a.text);
    return { id: c.body.id, api: (await login(email)).api };
  }

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('schedule');
    const email = uniqueEmail('sched-trainer');
    const t = await org.api.post('/api/trainers', { name: 'Schedule Trainer', email, password: PASSWORD, experience: '5' });
    assert.equal(t.status, 201, t.text);
    trainerId = t.body.id;
    trainerApi = (await login(email)).api;
    ({ id: clientId, api: clientApi } = await addClient('sched-client'));
    ({ id: otherClientId, api: otherClientApi } = await addClient('sched-other'));
  }));

  test('PUT /api/schedule/working-hours with form strings, then GET', async () => {
    const put = await trainerApi.put('/api/schedule/working-hours', { working_hours: week });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.source, 'trainer');
    assert.equal(put.body.time_zone, 'UTC');
    assert.equal(put.body.working_hours.length, 7);
    const get = await trainerApi.get('/api/schedule/working-hours');
    assert.equal(get.status, 200, get.text);
    assert.equal(get.body.trainer_id, trainerId);
    assert.deepEqual(get.body.working_hours[0], { weekday: 0, start_time: '06:00', end_time: '20:00' });
    assertError(await clientApi.put('/api/schedule/working-hours', { working_hours: [] }, { query: { trainer_id: trainerId } }), 403);
  });

  test('GET /api/schedule/availability as the client -> the day\'s free slots', async () => {
    const res = await clientApi.get('/api/schedule/availability', {}, {
      query: { trainer_id: trainerId, start_date: day, end_date: day, duration: '60' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.working_hours_configured, true);
    assert.equal(res.body.duration, 60);
    assert.equal(res.body.slots[0].start, `${day}T06:00:00Z`);
    assert.equal(res.body.slots[0].end, `${day}T07:00:00Z`);
    assert.equal(res.body.slots.at(-1).start, `${day}T19:00:00Z`);
  });

  test('a client requests a slot; the trainer confirms it', async () => {
    const req = await clientApi.post('/api/sessions', {
      trainer_id: trainerId, client_id: clientId, session_date: `${day}T06:00:00.000Z`, duration: 60, status: 'requested',
    });
    assert.equal(req.status, 201, req.text);
    assert.equal(req.body.status, 'requested');
    confirmedId = req.body.id;
    assertError(await clientApi.post('/api/sessions/{id}/confirm', { id: confirmedId }, undefined), 403);
    const ok = await trainerApi.post('/api/sessions/{id}/confirm', { id: confirmedId }, undefined);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.status, 'scheduled');
    assertError(await trainerApi.post('/api/sessions/{id}/confirm', { id: confirmedId }, undefined), 409);
    const slots = await otherClientApi.get('/api/schedule/availability', {}, {
      query: { trainer_id: trainerId, start_date: day, end_date: day },
    });
    assert.equal(slots.status, 200, slots.text);
    assert.ok(!slots.body.slots.some((s) => s.start === `${day}T06:00:00Z`), 'the confirmed slot is taken');
  });

  test('another request is declined with a reason -> cancelled, declined', async () => {
    const req = await otherClientApi.post('/api/sessions', {
      trainer_id: String(trainerId), client_id: String(otherClientId), session_date: `${day}T09:00`, duration: '60',
    });
    assert.equal(req.status, 201, req.text);
    assert.equal(req.body.status, 'requested');
    declinedId = req.body.id;
    const res = await trainerApi.post('/api/sessions/{id}/decline', { id: declinedId }, { reason: 'Fully booked' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.status, 'cancelled');
    assert.equal(res.body.declined, true);
    const pending = await clientApi.post('/api/sessions', {
      trainer_id: trainerId, client_id: clientId, session_date: `${day}T12:00`, duration: 60,
    });
    assert.equal(pending.status, 201, pending.text);
    pendingId = pending.body.id;
  });

  test('GET /api/crm/dashboard carries the `sessions` figures for each portal', async () => {
    const mine = await trainerApi.get('/api/crm/dashboard');
    assert.equal(mine.status, 200, mine.text);
    const s = mine.body.sessions;
    assert.equal(s.time_zone, 'UTC');
    assert.equal(s.upcoming_sessions, 2, 'the confirmed session and the pending request');
    assert.equal(s.pending_requests, 1);
    assert.equal(s.active_clients, 1);
    assert.deepEqual(s.next_sessions.map((n) => n.id), [confirmedId, pendingId]);
    assert.equal(s.next_sessions[0].client_name, 'Schedule sched-client');
    assert.equal(s.weekly_session_counts.length, 12);
    assert.ok(s.weekly_session_counts.every((w) => /^\d{4}-\d{2}-\d{2}$/.test(w.week_start) && isInt(w.count)));
    assert.equal(new Date(`${s.weekly_session_counts[0].week_start}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
    assert.equal(s.outcomes.period_days, 30);
    assert.equal(s.outcomes.cancelled, 0, 'a declined request is not a cancellation (and it is in the future)');
    assert.equal(s.outcomes.completion_rate, null);
    assert.equal(mine.body.clients_count, 2);

    const admin = await org.api.get('/api/crm/dashboard');
    assert.equal(admin.status, 200, admin.text);
    assert.equal(admin.body.sessions.upcoming_sessions, 2);
    const stats = await org.api.get('/api/crm/stats');
    assert.equal(stats.status, 200, stats.text);
    assert.equal(stats.body.sessions.pending_requests, 1);

    const client = await otherClientApi.get('/api/crm/dashboard');
    assert.equal(client.status, 200, client.text);
    assert.equal(client.body.sessions.upcoming_sessions, 0);
    assert.deepEqual(client.body.sessions.next_sessions, []);
    assertError(await otherClientApi.get('/api/crm/stats'), 403);
  });

  test('POST /api/calendar/feed -> a URL that opens without a token', async () => {
    assertError(await trainerApi.get('/api/calendar/feed'), 404);
    const created = await trainerApi.post('/api/calendar/feed', undefined);
    assert.equal(created.status, 201, created.text);
    feedUrl = created.body.url;
    assert.match(feedUrl, /\/api\/calendar\/feed\/[^/]+\.ics$/);
    const current = await trainerApi.get('/api/calendar/feed');
    assert.equal(current.status, 200, current.text);
    assert.equal(current.body.url, feedUrl);
    const settings = await trainerApi.get('/api/settings');
    assert.equal(settings.body.calendar_feed_url, feedUrl);

    const res = await fetch(`${API_URL}${new URL(feedUrl).pathname}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/calendar/);
    const text = await res.text();
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.ok(text.includes(`UID:session-${confirmedId}@fitnesscrm.app`), text);
    assert.ok(text.includes(`UID:session-${pendingId}@fitnesscrm.app`), text);

    // Through the documented operation, too (validated against openapi.yaml), with no token.
    const token = new URL(feedUrl).pathname.split('/').at(-1).replace(/\.ics$/, '');
    const viaApi = await trainerApi.get('/api/calendar/feed/{token}.ics', { token }, { token: null, headers: { Accept: 'text/calendar' } });
    assert.equal(viaApi.status, 200, viaApi.text);
  });

  test('rotating and revoking the feed: the old URL answers 404 {error}', async () => {
    const rotated = await trainerApi.post('/api/calendar/feed', undefined);
    assert.equal(rotated.status, 201, rotated.text);
    assert.notEqual(rotated.body.url, feedUrl);
    const old = await fetch(`${API_URL}${new URL(feedUrl).pathname}`);
    assert.equal(old.status, 404);
    assert.match(old.headers.get('content-type'), /json/);
    const oldToken = new URL(feedUrl).pathname.split('/').at(-1).replace(/\.ics$/, '');
    assertError(await trainerApi.get('/api/calendar/feed/{token}.ics', { token: oldToken }, { token: null }), 404);
    const gone = await trainerApi.delete('/api/calendar/feed');
    assert.equal(gone.status, 200, gone.text);
    assert.equal(typeof gone.body.message, 'string');
    assert.equal((await fetch(`${API_URL}${new URL(rotated.body.url).pathname}`)).status, 404);
    assertError(await trainerApi.delete('/api/calendar/feed'), 404);
  });
});
