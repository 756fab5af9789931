// Live: the analytics page's revenue calls, sent as the SPA sends them — at the base URL without /api (contract
// section 4, item 1) — and read the way it reads them: `.toFixed` on the totals, the monthly trend as
// {month, revenue}, revenue_by_type as an object, the report's top clients by name. The payments behind them are
// recorded with the ledger's form (numbers as strings).
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../lib/client.js';
import { PASSWORD, assertError, isInt, login, once, registerOrg, requireServer, uniqueEmail } from '../lib/live.js';

describe('payments and revenue (the analytics page)', () => {
  let org;
  let clientId;
  let clientApi;

  beforeEach(once(async () => {
    await requireServer();
    org = await registerOrg('revenue');
    const email = uniqueEmail('payer');
    const c = await org.api.post('/api/clients', { name: 'Pat Payer', email, password: PASSWORD, age: '41' });
    assert.equal(c.status, 201, c.text);
    clientId = c.body.id;
    clientApi = (await login(email)).api;
    const product = await org.api.post('/api/products', {
      kind: 'package', name: '5 sessions', price: '250.00', session_count: '5', validity_days: '60',
    });
    assert.equal(product.status, 201, product.text);
    for (const body of [
      { client_id: String(clientId), product_id: String(product.body.id), method: 'cash' },
      { client_id: String(clientId), amount: '49.90', payment_type: 'session', method: 'bank_transfer', description: '' },
    ]) {
      const res = await org.api.post('/api/payments', body);
      assert.equal(res.status, 201, res.text);
      assert.ok(isInt(res.body.payment.id));
    }
  }));

  test('GET /payments/revenue/dashboard (no /api) -> numbers the page can .toFixed, a 12-month trend', async () => {
    const res = await org.api.get('/payments/revenue/dashboard');
    assert.equal(res.status, 200, res.text);
    const d = res.body;
    for (const key of ['total_revenue', 'revenue_this_month', 'revenue_this_year', 'average_payment', 'pending_amount']) {
      assert.equal(typeof d[key], 'number', `${key} is a number: ${res.text}`);
      d[key].toFixed(2);
    }
    assert.equal(d.total_revenue.toFixed(2), '299.90');
    assert.equal(d.total_payments, 2);
    assert.equal(d.average_payment.toFixed(2), '149.95');
    assert.equal(typeof d.revenue_by_type, 'object');
    assert.equal(d.revenue_by_type.package, 250);
    assert.equal(d.revenue_by_type.session, 49.9);
    assert.equal(d.monthly_trend.length, 12);
    const last = d.monthly_trend[11];
    assert.match(last.month, /^\d{4}-\d{2}$/);
    assert.equal(last.revenue.toFixed(2), '299.90');
    // The prefixed path answers the same.
    const prefixed = await org.api.get('/api/payments/revenue/dashboard');
    assert.deepEqual(prefixed.body, d);
  });

  test('GET /payments/revenue/report?start_date&end_date -> totals, by method and type, top clients by name', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await org.api.get('/payments/revenue/report', {}, { query: { start_date: today, end_date: today } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.total_revenue, 299.9);
    assert.equal(res.body.payment_count, 2);
    assert.deepEqual(res.body.date_range, { start: today, end: today });
    assert.deepEqual(res.body.revenue_by_method.map((m) => m.method).sort(), ['bank_transfer', 'cash']);
    const top = res.body.top_clients[0];
    assert.equal(top.client_id, clientId);
    assert.equal(top.client_name, 'Pat Payer');
    assert.equal(top.total.toFixed(2), '299.90');
  });

  test('the analytics routes need a token and staff; bad dates are a 400 in the JSON error shape', async () => {
    assertError(await api.get('/payments/revenue/dashboard'), 401);
    const asClient = await clientApi.get('/payments/revenue/dashboard');
    assertError(asClient, 403);
    const bad = await org.api.get('/payments/revenue/report', {}, { query: { start_date: 'not-a-date' } });
    assertError(bad, 400);
  });

  test('GET /api/payments/client/{id}/summary -> the client sees their own totals and package', async () => {
    const res = await clientApi.get('/api/payments/client/{id}/summary', { id: clientId });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.total_paid.toFixed(2), '299.90');
    assert.equal(res.body.sessions_remaining, 5);
    assert.equal(res.body.packages[0].sessions_total, 5);
  });
});
