// Live: the measurement pages — the client portal (list used as a bare array, YYYY-MM-DD dates, form strings),
// the admin page (per_page=10 and `response.data.measurements`, no date: now), the bare single read the edit form
// uses, the progress charts' top-level keys, /latest, and the unit preference (kg/cm or lbs/inches).
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

describe('measurements', () => {
  let org;
  let clientId;
  let clientApi;
  let measurementId;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('measurements');
    const email = uniqueEmail('measure-client');
    const c = await org.api.post('/api/clients', { name: 'Measured Client', email, password: PASSWORD, age: '41' });
    assert.equal(c.status, 201, c.text);
    clientId = c.body.id;
    clientApi = (await login(email)).api;
  }));

  test('the client portal records with YYYY-MM-DD and form strings -> 201 bare measurement', async () => {
    for (const [date, weight] of [['2026-01-10', '84.2'], ['2026-02-10', '83.1']]) {
      const res = await clientApi.post('/api/measurements', {
        client_id: clientId, measurement_date: date, weight, weight_unit: 'kg', body_fat_percentage: '24',
        waist: '96', measurement_unit: 'cm', notes: '',
      });
      assert.equal(res.status, 201, res.text);
      assert.ok(isInt(res.body.id));
      assert.equal(res.body.weight, Number(weight));
      assert.equal(res.body.recorded_at, res.body.measurement_date);
      assert.equal(res.body.client_name, 'Measured Client');
    }
  });

  test('the admin records without a date (now) -> 201', async () => {
    const res = await org.api.post('/api/measurements', {
      client_id: clientId, weight: 82.4, weight_unit: 'kg', resting_heart_rate: 64, blood_pressure_systolic: 122,
      blood_pressure_diastolic: 80, muscle_mass: 35.5, bmi: 26.1,
    });
    assert.equal(res.status, 201, res.text);
    assert.ok(Math.abs(Date.parse(res.body.measurement_date) - Date.now()) < 60000);
    measurementId = res.body.id;
  });

  test('GET /api/measurements without per_page -> a bare array, newest first (client portal)', async () => {
    const res = await clientApi.get('/api/measurements', {}, { query: { client_id: clientId } });
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.body));
    assert.equal(res.body.length, 3);
    assert.equal(res.body[0].id, measurementId);
    assert.ok(res.body.every((m) => m.recorded_at && m.weight_unit === 'kg'));
  });

  test('GET /api/measurements?per_page=10 -> {measurements, data} (admin page)', async () => {
    const res = await org.api.get('/api/measurements', {}, { query: { per_page: 10, client_id: clientId } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.measurements.length, 3);
    assert.deepEqual(res.body.data, res.body.measurements);
  });

  test('GET /api/measurements/{id} -> a bare measurement; PUT changes the fields present', async () => {
    const one = await org.api.get('/api/measurements/{id}', { id: measurementId });
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.id, measurementId);
    assert.equal(one.body.weight, 82.4);
    assert.equal('data' in one.body, false);
    const put = await org.api.put('/api/measurements/{id}', { id: measurementId }, { weight: '82.0', notes: 'Evening' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.weight, 82);
    assert.equal(put.body.resting_heart_rate, 64);
  });

  test('GET /api/measurements/client/{client_id}/progress -> top-level charts, oldest first', async () => {
    const res = await clientApi.get('/api/measurements/client/{client_id}/progress', { client_id: clientId });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.weight.values, [84.2, 83.1, 82]);
    assert.equal(res.body.weight.dates.length, 3);
    assert.deepEqual(res.body.body_composition.body_fat, [24, 24, null]);
    assert.deepEqual(res.body.circumferences.waist, [96, 96]);
    for (const key of ['chest', 'hips', 'thigh_left', 'thigh_right', 'arm_left', 'arm_right', 'calf_left', 'calf_right']) {
      assert.ok(Array.isArray(res.body.circumferences[key]), key);
    }
    assert.deepEqual(res.body.vitals.resting_heart_rate, [64]);
    assert.deepEqual(res.body.vitals.blood_pressure_systolic, [122]);
  });

  test('GET /api/measurements/client/{client_id}/latest -> {data}', async () => {
    const res = await clientApi.get('/api/measurements/client/{client_id}/latest', { client_id: clientId });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.id, measurementId);
  });

  test('imperial: entered in lbs/inches, read back in the preferred system', async () => {
    const res = await clientApi.post('/api/measurements', {
      client_id: clientId, measurement_date: '2026-03-10', weight: '180', weight_unit: 'lbs', waist: '36',
      measurement_unit: 'inches',
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.weight, 81.65);
    assert.equal(res.body.waist, 91.44);
    const settings = await clientApi.put('/api/settings', { unit_system: 'imperial' });
    assert.equal(settings.status, 200, settings.text);
    assert.equal(settings.body.unit_system, 'imperial');
    const one = await clientApi.get('/api/measurements/{id}', { id: res.body.id });
    assert.equal(one.body.weight, 180);
    assert.equal(one.body.weight_unit, 'lbs');
    assert.equal(one.body.waist, 36);
    assert.equal(one.body.measurement_unit, 'inches');
    const metric = await clientApi.get('/api/measurements/{id}', { id: res.body.id }, { query: { units: 'metric' } });
    assert.equal(metric.body.weight_unit, 'kg');
  });

  test('bad input: out-of-range values -> 400 with details; other organization -> 404', async () => {
    const bad = await org.api.post('/api/measurements', { client_id: clientId, weight: '-1', body_fat_percentage: '90' });
    assertError(bad, 400);
    assert.deepEqual(bad.body.details.map((d) => d.field).sort(), ['body_fat_percentage', 'weight']);
    const stranger = await registerOrg('measure-stranger');
    assertError(await stranger.api.get('/api/measurements/{id}', { id: measurementId }), 404);
    assertError(await stranger.api.get('/api/measurements/client/{client_id}/progress', { client_id: clientId }), 404);
  });

  test('DELETE /api/measurements/{id} -> {message}', async () => {
    const res = await org.api.delete('/api/measurements/{id}', { id: measurementId });
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.body.message, 'string');
    assertError(await org.api.get('/api/measurements/{id}', { id: measurementId }), 404);
  });
});
