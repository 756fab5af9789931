// Live: Stripe's webhook, signed the way Stripe signs it — with Stripe's own Node library
// (`stripe.webhooks.generateTestHeaderString`, "Testing webhook signing" in Stripe's docs) — and sent as Stripe
// sends it: the raw JSON body, `Stripe-Signature: t=<unix>,v1=<HMAC-SHA256>`, no bearer token. A platform
// payment_intent.succeeded whose metadata names the organization and one of its clients rebuilds the payment from
// the intent; the event is stored under its id and applied once, however often (and concurrently) it is delivered.
// A wrong secret, a stale timestamp, a missing header or a body altered after signing is a 400 and stores nothing.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { api } from '../lib/client.js';
import { assertError, isInt, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

// The endpoint's signing secret: the test profile's app.stripe.webhook-secret unless the server was given another.
const SECRET = process.env.STRIPE_WEBHOOK_SECRET || 'whsec_test_fitnesscrm_0123456789abcdef';
// Stripe's webhook helpers; signing needs no API key (`new Stripe(key).webhooks` is this same object).
const { webhooks } = Stripe;
const API_VERSION = '2026-07-29.dahlia';
const WAIT_MS = 15000;

const token = () => randomBytes(12).toString('hex');

/** An event as Stripe sends it (a platform event: no `account`), as the exact text that is signed. */
function intentSucceeded({ eventId = `evt_${token()}`, intentId = `pi_${token()}`, amount, organizationId, clientId }) {
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type: 'payment_intent.succeeded',
    livemode: false,
    pending_webhooks: 1,
    data: {
      object: {
        id: intentId,
        object: 'payment_intent',
        amount,
        currency: 'usd',
        status: 'succeeded',
        latest_charge: `ch_${token()}`,
        last_payment_error: null,
        metadata: { organization_id: String(organizationId), client_id: String(clientId) },
      },
    },
    request: { id: null, idempotency_key: null },
  });
  return { eventId, intentId, amount, payload };
}

/** POST /api/stripe/webhook with the raw body; `signature` undefined sends no Stripe-Signature header. */
function deliver(payload, signature) {
  const headers = { 'Content-Type': 'application/json; charset=utf-8' };
  if (signature !== undefined) headers['Stripe-Signature'] = signature;
  return api.request('POST', '/api/stripe/webhook', { rawBody: payload, headers, token: null });
}

const signed = (payload, options = {}) => webhooks.generateTestHeaderString({ payload, secret: SECRET, ...options });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value (then returns it), at most WAIT_MS. */
async function waitFor(what, probe) {
  const deadline = Date.now() + WAIT_MS;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await sleep(200);
  }
  assert.fail(`${what} within ${WAIT_MS / 1000} s`);
}

describe('Stripe webhook, signed with Stripe\'s Node library', () => {
  let org;
  let organizationId;
  let clientId;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('stripe-webhook');
    organizationId = org.user.organization_id;
    assert.ok(isInt(organizationId), `organization_id: ${organizationId}`);
    const c = await org.api.post('/api/clients', { name: 'Casey Card', email: uniqueEmail('card'), age: '29' });
    assert.equal(c.status, 201, c.text);
    clientId = c.body.id;
  }));

  /** The organization's payments of the intent (the admin's list, filtered by the client). */
  async function paymentsOf(intentId) {
    const res = await org.api.get('/api/payments', {}, { query: { client_id: String(clientId), per_page: '1000' } });
    assert.equal(res.status, 200, res.text);
    return res.body.payments.filter((p) => p.stripe_payment_intent_id === intentId);
  }

  /** The event as GET /api/stripe/events shows it (platform events are listed once processed), or undefined. */
  async function eventRecord(eventId) {
    const res = await org.api.get('/api/stripe/events', {}, { query: { limit: '1000' } });
    assert.equal(res.status, 200, res.text);
    return res.body.events.find((e) => e.id === eventId);
  }

  function assertRebuilt(payment, intentId, amount) {
    assert.equal(payment.stripe_payment_intent_id, intentId);
    assert.equal(payment.client_id, clientId);
    assert.equal(payment.client_name, 'Casey Card');
    assert.equal(payment.amount_minor, amount);
    assert.equal(payment.amount, amount / 100);
    assert.equal(payment.currency, 'USD');
    assert.equal(payment.method, 'card');
    assert.equal(payment.status, 'succeeded');
    assert.equal(typeof payment.paid_at, 'string', `paid_at: ${JSON.stringify(payment)}`);
    assert.equal(payment.refunded_minor, 0);
  }

  test('a signed payment_intent.succeeded -> 200 received; the payment is rebuilt from the intent, once', async () => {
    const e = intentSucceeded({ amount: 4250, organizationId, clientId });
    const header = signed(e.payload);
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    const res = await deliver(e.payload, header);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { received: true, event_id: e.eventId, status: 'pending' });

    const [payment] = await waitFor(`the payment of ${e.intentId} shows in GET /api/payments`,
      async () => { const found = await paymentsOf(e.intentId); return found.length > 0 && found; });
    assertRebuilt(payment, e.intentId, 4250);
    const record = await waitFor(`event ${e.eventId} is listed as processed`, async () => {
      const r = await eventRecord(e.eventId);
      return r && r.status !== 'pending' && r;
    });
    assert.equal(record.status, 'processed', JSON.stringify(record));
    assert.equal(record.type, 'payment_intent.succeeded');
    assert.equal(record.deliveries, 1);
    assert.equal(record.outcome, `payment ${payment.id} received`);

    // Later polls of the worker (every second in the test profile) add nothing, and the money counts once.
    await sleep(2500);
    assert.equal((await paymentsOf(e.intentId)).length, 1);
    const dashboard = await org.api.get('/payments/revenue/dashboard');
    assert.equal(dashboard.status, 200, dashboard.text);
    assert.equal(dashboard.body.total_revenue, 42.5);
    assert.equal(dashboard.body.total_payments, 1);
  });

  test('the same event delivered 5 times, 3 of them at once -> one payment, 5 deliveries on the event', async () => {
    const e = intentSucceeded({ amount: 9900, organizationId, clientId });
    // Each delivery carries its own signature and timestamp, as Stripe's retries do.
    const concurrent = await Promise.all([0, 1, 2].map(() => deliver(e.payload, signed(e.payload))));
    const answers = [...concurrent];
    for (let i = 0; i < 2; i++) answers.push(await deliver(e.payload, signed(e.payload)));
    for (const res of answers) {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.received, true);
      assert.equal(res.body.event_id, e.eventId);
    }
    const statuses = answers.map((r) => r.body.status);
    assert.equal(statuses.filter((s) => s === 'pending').length, 1, `one delivery stores the event: ${statuses}`);
    assert.equal(statuses.filter((s) => s === 'duplicate').length, 4, `the others count: ${statuses}`);
    assert.deepEqual(statuses.slice(3), ['duplicate', 'duplicate']);

    const record = await waitFor(`event ${e.eventId} is processed with 5 deliveries`, async () => {
      const r = await eventRecord(e.eventId);
      return r && r.status !== 'pending' && r;
    });
    assert.equal(record.status, 'processed', JSON.stringify(record));
    assert.equal(record.deliveries, 5, JSON.stringify(record));
    assert.equal(record.attempts, 1, JSON.stringify(record));
    const found = await paymentsOf(e.intentId);
    assert.equal(found.length, 1, JSON.stringify(found));
    assertRebuilt(found[0], e.intentId, 9900);
    assert.equal(record.outcome, `payment ${found[0].id} received`);
    await sleep(2500);
    assert.equal((await paymentsOf(e.intentId)).length, 1);
  });

  test('a wrong secret, a stale timestamp, no header or an altered body -> 400 {error}; nothing is stored', async () => {
    const e = intentSucceeded({ amount: 1500, organizationId, clientId });

    const wrongSecret = await deliver(e.payload,
      webhooks.generateTestHeaderString({ payload: e.payload, secret: 'whsec_not_this_endpoints_secret' }));
    assertError(wrongSecret, 400);
    assert.equal(wrongSecret.body.code, 'invalid_signature');

    // Signed correctly, six minutes ago: outside the 5-minute tolerance.
    const stale = await deliver(e.payload, signed(e.payload, { timestamp: Math.floor(Date.now() / 1000) - 360 }));
    assertError(stale, 400);
    assert.equal(stale.body.code, 'invalid_signature');

    const unsigned = await deliver(e.payload, undefined);
    assertError(unsigned, 400);
    assert.equal(unsigned.body.code, 'invalid_signature');
    assert.match(unsigned.body.error, /Stripe-Signature/);

    // The signature of the body as sent by Stripe, on a body changed afterwards (the amount).
    const altered = e.payload.replace('"amount":1500', '"amount":150000');
    assert.notEqual(altered, e.payload);
    const tampered = await deliver(altered, signed(e.payload));
    assertError(tampered, 400);
    assert.equal(tampered.body.code, 'invalid_signature');

    // The rejections left nothing behind: no payment, no event, and the first valid delivery is the one that
    // stores it (answered pending, not duplicate).
    await sleep(2500);
    assert.equal((await paymentsOf(e.intentId)).length, 0);
    assert.equal(await eventRecord(e.eventId), undefined);
    const valid = await deliver(e.payload, signed(e.payload));
    assert.equal(valid.status, 200, valid.text);
    assert.equal(valid.body.status, 'pending', 'not stored before: this delivery is the first');
    const [payment] = await waitFor(`the payment of ${e.intentId} shows in GET /api/payments`,
      async () => { const found = await paymentsOf(e.intentId); return found.length > 0 && found; });
    assertRebuilt(payment, e.intentId, 1500);
  });
});
