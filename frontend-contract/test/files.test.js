// Live: the files page — multipart upload with the SPA's fields (uploaded_by always "1"), the P2 list, categories,
// stats, delete, and the download opened as a plain <a href> (no Authorization header) through download_url.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { API_URL } from '../lib/client.js';
import { validateResponse } from '../lib/openapi.js';
import { assertError, isInt, once, registerOrg, requireServer, PASSWORD, uniqueEmail } from '../lib/live.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function upload(token, fields, file = PDF, name = 'Intake form.pdf', type = 'application/pdf') {
  const form = new FormData();
  if (file) form.append('file', new Blob([file], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  const res = await fetch(`${API_URL}/api/files`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const body = await res.json();
  validateResponse('POST', '/api/files', res.status, body);
  return { status: res.status, body };
}

describe('files', () => {
  let org;
  let clientId;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('files');
    const created = await org.api.post('/api/clients', { name: 'File Client', email: uniqueEmail('file-client'), password: PASSWORD });
    assert.equal(created.status, 201, created.text);
    clientId = created.body.id;
  }));

  test('POST multipart -> 201 {message, file}; GET P2 {files, total, pages, current_page}', async () => {
    const res = await upload(org.api.token, { category: 'assessment', client_id: clientId, description: 'Intake', uploaded_by: '1', trainer_id: '', session_id: '' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(typeof res.body.message, 'string');
    const file = res.body.file;
    assert.ok(isInt(file.id));
    assert.equal(file.original_filename, 'Intake form.pdf');
    assert.equal(file.file_type, 'application/pdf');
    assert.equal(file.file_size, PDF.length);
    assert.equal(file.category, 'assessment');
    assert.equal(file.client_id, clientId);
    assert.equal(file.uploaded_by, org.user.id);

    const list = await org.api.get('/api/files', {}, { query: { client_id: clientId, category: '', page: 1 } });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.pages, 1);
    assert.equal(list.body.current_page, 1);
    assert.equal(list.body.files[0].id, file.id);

    const one = await org.api.get('/api/files/{file_id}', { file_id: file.id });
    assert.equal(one.status, 200, one.text);
    const changed = await org.api.put('/api/files/{file_id}', { file_id: file.id }, { category: 'waiver', description: '' });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.file.category, 'waiver');
  });

  test('GET /categories -> {categories: [{value, label}]}; GET /stats -> total_files, total_size_mb, by_category', async () => {
    const categories = await org.api.get('/api/files/categories');
    assert.equal(categories.status, 200, categories.text);
    assert.ok(categories.body.categories.some((c) => c.value === 'workout_plan' && typeof c.label === 'string'));
    await upload(org.api.token, { category: 'workout_plan', client_id: clientId, uploaded_by: '1' });
    const stats = await org.api.get('/api/files/stats', {}, { query: { client_id: clientId } });
    assert.equal(stats.status, 200, stats.text);
    assert.ok(stats.body.total_files >= 1);
    assert.equal(typeof stats.body.total_size_mb, 'number');
    assert.ok(Object.keys(stats.body.by_category).includes('workout_plan'));
  });

  test('download_url downloads the file without a header, as an attachment', async () => {
    const { body } = await upload(org.api.token, { category: 'other', client_id: clientId, uploaded_by: '1' });
    const { pathname, search } = new URL(body.file.download_url);
    const res = await fetch(`${API_URL}${pathname}${search}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition'), /^attachment; .*filename\*=UTF-8''Intake%20form\.pdf$/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), PDF);
    assert.equal((await fetch(`${API_URL}${pathname}`)).status, 401);
  });

  test('bad uploads -> 400 {error}: a fake PDF, no category; DELETE -> {message}', async () => {
    const fake = await upload(org.api.token, { category: 'other', uploaded_by: '1' }, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]), 'x.pdf');
    assert.equal(fake.status, 400);
    assert.equal(typeof fake.body.error, 'string');
    const noCategory = await upload(org.api.token, { uploaded_by: '1' });
    assert.equal(noCategory.status, 400);
    assert.equal(noCategory.body.details[0].field, 'category');

    const { body } = await upload(org.api.token, { category: 'other', uploaded_by: '1' });
    const removed = await org.api.delete('/api/files/{file_id}', { file_id: body.file.id });
    assert.equal(removed.status, 200, removed.text);
    assert.equal(typeof removed.body.message, 'string');
    assertError(await org.api.get('/api/files/{file_id}', { file_id: body.file.id }), 404);
  });
});
