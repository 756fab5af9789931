// Live: the progress-photo pages — multipart upload with the SPA's form fields, the {success, data} list with its
// filters, the before/after comparison, delete, and the images opened as <img src> (no Authorization header)
// through the signed file_url each photo carries.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { API_URL } from '../lib/client.js';
import { validateResponse } from '../lib/openapi.js';
import { isInt, once, registerOrg, requireServer, PASSWORD, uniqueEmail, login } from '../lib/live.js';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** What the SPA does: FormData with the file and form strings, the bearer header, no Content-Type of its own. */
async function upload(token, fields, file = PNG, name = 'front.png', type = 'image/png') {
  const form = new FormData();
  if (file) form.append('file', new Blob([file], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  const res = await fetch(`${API_URL}/api/progress-photos`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form,
  });
  const body = await res.json();
  validateResponse('POST', '/api/progress-photos', res.status, body);
  return { status: res.status, body };
}

/** Opens a URL the way an <img src> does: no header. The URL's origin is APP_BASE_URL; use the server's. */
async function openLink(url) {
  const { pathname, search } = new URL(url);
  return fetch(`${API_URL}${pathname}${search}`);
}

describe('progress photos', () => {
  let org;
  let client;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('photos');
    const email = uniqueEmail('photo-client');
    const created = await org.api.post('/api/clients', { name: 'Photo Client', email, password: PASSWORD, age: '31' });
    assert.equal(created.status, 201, created.text);
    client = { id: created.body.id, ...(await login(email)) };
  }));

  test('POST multipart -> 201 {success, message, data}; GET list {success, data, count} with filters', async () => {
    const first = await upload(org.api.token, { client_id: client.id, photo_type: 'front', taken_date: '2026-01-05', caption: 'Start', measurement_id: '' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.success, true);
    assert.equal(typeof first.body.message, 'string');
    assert.ok(isInt(first.body.data.id));
    assert.equal(first.body.data.photo_type, 'front');
    assert.equal(first.body.data.caption, 'Start');
    assert.equal(first.body.data.uploaded_by, org.user.id);
    assert.match(first.body.data.taken_date, /^2026-01-0[45]T/);
    const second = await upload(client.api.token, { client_id: client.id, photo_type: 'front', taken_date: '2026-03-01', uploaded_by: '1' });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(second.body.data.uploaded_by, client.user.id);

    const list = await client.api.get('/api/progress-photos', {}, { query: { client_id: client.id, photo_type: 'front', date_from: '2026-01-01', date_to: '2026-12-31' } });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.success, true);
    assert.equal(list.body.count, 2);
    assert.deepEqual(list.body.data.map((p) => p.id), [second.body.data.id, first.body.data.id]);

    const one = await org.api.get('/api/progress-photos/{id}', { id: first.body.data.id });
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.data.id, first.body.data.id);

    const changed = await org.api.put('/api/progress-photos/{id}', { id: first.body.data.id }, { caption: 'Day one', photo_type: 'front' });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.data.caption, 'Day one');

    const comparison = await client.api.get('/api/progress-photos/client/{client_id}/comparison', { client_id: client.id });
    assert.equal(comparison.status, 200, comparison.text);
    assert.equal(comparison.body.success, true);
    assert.equal(comparison.body.data.front.before.id, first.body.data.id);
    assert.equal(comparison.body.data.front.after.id, second.body.data.id);
    assert.equal(comparison.body.data.front.total_photos, 2);
    assert.equal('side' in comparison.body.data, false);
  });

  test('file_url opens the image without a header; the bare path and an altered signature do not', async () => {
    const created = await upload(org.api.token, { client_id: client.id, photo_type: 'side' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const img = await openLink(created.body.data.file_url);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await img.arrayBuffer()), PNG);

    const bare = await fetch(`${API_URL}/api/progress-photos/${created.body.data.id}/file`);
    assert.equal(bare.status, 401);
    // Change the signature's first character to one it is not (it may itself be any base64url character).
    const altered = await openLink(created.body.data.file_url.replace(/signature=(.)/, (_, c) => `signature=${c === 'A' ? 'B' : 'A'}`));
    assert.equal(altered.status, 401);
    const body = await altered.json();
    assert.equal(body.success, false);
    assert.equal(typeof body.error, 'string');
  });

  test('bad uploads: text claiming to be a JPEG, no file, no client -> 400 {success: false, error}', async () => {
    const fake = await upload(org.api.token, { client_id: client.id }, Buffer.from('hello, not a jpeg'), 'me.jpg', 'image/jpeg');
    assert.equal(fake.status, 400);
    assert.equal(fake.body.success, false);
    assert.equal(typeof fake.body.error, 'string');
    assert.equal(fake.body.details[0].field, 'file');
    const none = await upload(org.api.token, { client_id: client.id }, null);
    assert.equal(none.status, 400);
    const noClient = await upload(org.api.token, {});
    assert.equal(noClient.status, 400);
    assert.equal(noClient.body.details[0].field, 'client_id');
  });

  test('DELETE -> {success, message}; the photo and its image are gone', async () => {
    const created = await upload(org.api.token, { client_id: client.id, photo_type: 'back' });
    const id = created.body.data.id;
    const removed = await org.api.delete('/api/progress-photos/{id}', { id });
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.body.success, true);
    const again = await org.api.get('/api/progress-photos/{id}', { id });
    assert.equal(again.status, 404);
    assert.equal(again.body.success, false);
    assert.equal((await openLink(created.body.data.file_url)).status, 401);
  });
});
