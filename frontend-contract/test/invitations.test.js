// Live: invitations (create, list, revoke) by an admin and by a trainer.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

function assertInvitation(inv, { email, role }) {
  assert.ok(isInt(inv.id), `id: ${inv.id}`);
  assert.equal(inv.email, email);
  assert.equal(inv.role, role);
  assert.ok(['pending', 'accepted', 'revoked', 'expired'].includes(inv.status), `status: ${inv.status}`);
  for (const k of ['name', 'invited_by', 'expires_at', 'accepted_at', 'created_at']) assert.ok(k in inv, `invitation.${k}`);
  assert.ok(!('token' in inv) && !('token_hash' in inv), 'the invitation token is only e-mailed');
}

describe('invitations', () => {
  let org;
  const trainerInvite = { email: uniqueEmail('inv-trainer'), role: 'trainer', name: 'Invited Trainer' };
  const clientInvite = { email: uniqueEmail('inv-client'), role: 'client', name: 'Invited Client' };
  let trainerInv;
  let clientInv;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('inv');
  }));

  test('admin invites a trainer and a client -> 201 pending invitations', async () => {
    const r1 = await org.api.post('/api/invitations', trainerInvite);
    assert.equal(r1.status, 201, r1.text);
    assertInvitation(r1.body, trainerInvite);
    assert.equal(r1.body.status, 'pending');
    assert.equal(r1.body.name, 'Invited Trainer');
    trainerInv = r1.body;

    const r2 = await org.api.post('/api/invitations', clientInvite);
    assert.equal(r2.status, 201, r2.text);
    assertInvitation(r2.body, clientInvite);
    clientInv = r2.body;
  });

  test('an invitation for role admin is refused with {error}', async () => {
    const res = await org.api.post('/api/invitations', { email: uniqueEmail('inv-admin'), role: 'admin', name: 'X' });
    assert.ok([400, 403].includes(res.status), `status ${res.status}: ${res.text}`);
    assertError(res, res.status);
  });

  test('GET /api/invitations -> {invitations} with both', async () => {
    const res = await org.api.get('/api/invitations');
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.body.invitations), 'invitations array');
    const byId = new Map(res.body.invitations.map((i) => [i.id, i]));
    assert.equal(byId.get(trainerInv.id)?.status, 'pending');
    assert.equal(byId.get(clientInv.id)?.status, 'pending');
  });

  test('DELETE /api/invitations/{id} revokes -> {message}; the list shows it revoked', async () => {
    const res = await org.api.delete('/api/invitations/{id}', { id: clientInv.id });
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.body.message, 'string');
    const list = await org.api.get('/api/invitations');
    const inv = list.body.invitations.find((i) => i.id === clientInv.id);
    assert.ok(inv === undefined || inv.status === 'revoked', `after revoke: ${JSON.stringify(inv)}`);
    assert.equal(list.body.invitations.find((i) => i.id === trainerInv.id)?.status, 'pending');
  });

  test('DELETE of an unknown invitation -> 404 {error}', async () => {
    assertError(await org.api.delete('/api/invitations/{id}', { id: 999999999 }), 404);
  });

  test('another organization cannot see or revoke them', async () => {
    const other = await registerOrg('inv-other');
    const list = await other.api.get('/api/invitations');
    assert.equal(list.status, 200, list.text);
    assert.ok(!list.body.invitations.some((i) => i.id === trainerInv.id));
    assertError(await other.api.delete('/api/invitations/{id}', { id: trainerInv.id }), 404);
  });

  test('a trainer may invite a client but not a trainer', async () => {
    const email = uniqueEmail('inv-t');
    const created = await org.api.post('/api/trainers', {
      name: 'Inviting Trainer',
      email,
      password: PASSWORD,
      phone: '',
      specialization: '',
      certification: '',
      experience: '',
    });
    assert.equal(created.status, 201, created.text);
    const t = await login(email);
    assert.equal(t.user.role, 'trainer');

    const ok = await t.api.post('/api/invitations', { email: uniqueEmail('inv-tc'), role: 'client', name: 'From Trainer' });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.role, 'client');
    assertError(await t.api.post('/api/invitations', { email: uniqueEmail('inv-tt'), role: 'trainer', name: 'No' }), 403);
  });

  test('without a token -> 401 {error}', async () => {
    assertError(await org.api.get('/api/invitations', undefined, { token: null }), 401);
  });
});
