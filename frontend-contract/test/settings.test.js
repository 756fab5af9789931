// Live: the settings page as the SPA drives it — GET before anything is saved, then one form per PUT with form
// strings (business, SendGrid, Twilio), secrets only ever shown as "***" and kept when sent back as "" or "***",
// what a trainer sees and may change, validation errors and the SPA's unused POST.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

describe('settings', () => {
  let org;
  let trainerApi;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('settings');
    const email = uniqueEmail('set-trainer');
    const t = await org.api.post('/api/trainers', { name: 'Settings Trainer', email, password: PASSWORD, experience: '2' });
    assert.equal(t.status, 201, t.text);
    trainerApi = (await login(email)).api;
  }));

  test('GET /api/settings before anything was saved -> 200 with defaults and no secrets', async () => {
    const res = await org.api.get('/api/settings');
    assert.equal(res.status, 200, res.text);
    assert.ok(isInt(res.body.id));
    assert.equal(typeof res.body.business_name, 'string');
    assert.equal(res.body.sendgrid_api_key, null);
    assert.equal(res.body.twilio_account_sid, null);
    assert.equal(res.body.twilio_auth_token, null);
    assert.equal(res.body.sendgrid_enabled, false);
    assert.equal(res.body.time_zone, 'UTC');
    assert.equal(res.body.buffer_minutes, 0);
    assert.equal(res.body.cancellation_window_hours, 24);
    assert.deepEqual(res.body.working_hours, []);
    assert.equal(res.body.calendar_feed_url, null);
  });

  test('PUT the business form (form strings) creates the row -> 201', async () => {
    const res = await org.api.put('/api/settings', {
      business_name: 'Contract Gym', owner_name: 'Olga Owner', contact_email: 'hi@contract-gym.example',
      contact_phone: '', address: '2 Side Street', website: 'https://contract-gym.example',
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.business_name, 'Contract Gym');
    assert.equal(res.body.contact_phone, null, 'an empty field is stored as nothing');
    assert.equal(res.body.website, 'https://contract-gym.example');
  });

  test('PUT the SendGrid form -> 200 with the key masked as "***"', async () => {
    const res = await org.api.put('/api/settings', {
      sendgrid_api_key: 'SG.contract-secret-key', sendgrid_from_email: 'noreply@contract-gym.example',
      sendgrid_from_name: 'Contract Gym', sendgrid_enabled: true,
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.sendgrid_api_key, '***');
    assert.equal(res.body.sendgrid_enabled, true);
    assert.equal(res.body.sendgrid_from_email, 'noreply@contract-gym.example');
    assert.equal(res.body.business_name, 'Contract Gym', 'the other forms stay as they were');
    assert.ok(!res.text.includes('SG.contract-secret-key'), 'the key never comes back');
  });

  test('PUT the Twilio form -> 200 with sid and token masked', async () => {
    const res = await org.api.put('/api/settings', {
      twilio_account_sid: 'AC0123456789abcdef', twilio_auth_token: 'contract-token', twilio_phone_number: '+15550100',
      twilio_enabled: false,
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.twilio_account_sid, '***');
    assert.equal(res.body.twilio_auth_token, '***');
    assert.equal(res.body.twilio_phone_number, '+15550100');
    assert.equal(res.body.sendgrid_api_key, '***');
  });

  test('secrets sent back as "" or "***" are kept', async () => {
    const empty = await org.api.put('/api/settings', {
      sendgrid_api_key: '', sendgrid_from_email: 'noreply@contract-gym.example', sendgrid_from_name: 'Contract Gym',
      sendgrid_enabled: true,
    });
    assert.equal(empty.status, 200, empty.text);
    assert.equal(empty.body.sendgrid_api_key, '***');
    const masked = await org.api.put('/api/settings', {
      twilio_account_sid: '***', twilio_auth_token: '***', twilio_phone_number: '+15550100', twilio_enabled: false,
    });
    assert.equal(masked.status, 200, masked.text);
    assert.equal(masked.body.twilio_account_sid, '***');
    assert.equal(masked.body.twilio_auth_token, '***');
    const read = await org.api.get('/api/settings');
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.sendgrid_api_key, '***');
    assert.equal(read.body.twilio_auth_token, '***');
  });

  test('a trainer reads the business details without credentials and cannot change them (403 {error})', async () => {
    const res = await trainerApi.get('/api/settings');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.business_name, 'Contract Gym');
    assert.equal(res.body.sendgrid_api_key, null);
    assert.equal(res.body.twilio_account_sid, null);
    assert.equal(res.body.twilio_auth_token, null);
    assert.equal(res.body.sendgrid_from_email, null);
    assertError(await trainerApi.put('/api/settings', { business_name: 'Mine now' }), 403);
  });

  test('anyone sets their own user_time_zone', async () => {
    const res = await trainerApi.put('/api/settings', { user_time_zone: 'Asia/Tokyo' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user_time_zone, 'Asia/Tokyo');
    assert.equal(res.body.time_zone, 'UTC');
    const back = await trainerApi.put('/api/settings', { user_time_zone: '' });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.body.user_time_zone, null);
  });

  test('scheduling fields as form strings; invalid values -> 400 {error, details[0].field}', async () => {
    const ok = await org.api.put('/api/settings', {
      buffer_minutes: '10', cancellation_window_hours: '12',
      working_hours: [{ weekday: '0', start_time: '08:00', end_time: '12:00' }],
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.buffer_minutes, 10);
    assert.equal(ok.body.cancellation_window_hours, 12);
    assert.deepEqual(ok.body.working_hours, [{ weekday: 0, start_time: '08:00', end_time: '12:00' }]);
    for (const [field, value] of [['time_zone', 'Mars/Base'], ['contact_email', 'nope'], ['website', 'not a site'], ['buffer_minutes', '999']]) {
      const res = await org.api.put('/api/settings', { [field]: value });
      assertError(res, 400);
      assert.equal(res.body.details[0].field, field, res.text);
    }
  });

  test('POST /api/settings when they exist -> 409 {error}', async () => {
    assertError(await org.api.post('/api/settings', { business_name: 'Again' }), 409);
  });

  test('another organization sees only its own settings', async () => {
    const other = await registerOrg('settings-other');
    const res = await other.api.get('/api/settings');
    assert.equal(res.status, 200, res.text);
    assert.notEqual(res.body.id, org.user.organization_id);
    assert.notEqual(res.body.business_name, 'Contract Gym');
    assert.equal(res.body.sendgrid_api_key, null);
    const created = await other.api.post('/api/settings', { business_name: 'Other Gym' });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.business_name, 'Other Gym');
  });
});
