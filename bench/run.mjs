#!/usr/bin/env node
// FitnessCRM API load benchmark (autocannon).
//
// Registers a fresh organization, creates CLIENTS clients, books SESSIONS_PER_CLIENT weekly sessions for each
// with the owner as their trainer (200 × 25 = 5,000 by default), records PAYMENTS payments by hand over the last
// twelve months, then load-tests the endpoints with CONNECTIONS concurrent connections for DURATION seconds each
// (after a WARMUP-second run that is thrown away) and reports requests/s,
// p50/p95/p99 latency and non-2xx counts, plus each endpoint's p95 and
// throughput relative to the trivial endpoint (GET /q/health/live).
//
// The Stripe webhook run sends signed payment_intent.succeeded events (a new event and intent per request, every
// REDELIVER_EVERY-th request a redelivery of an event already acknowledged); afterwards the script waits for the
// server's queue to drain and checks that every acknowledged event became exactly one payment, and the revenue
// dashboard's total is the hand-recorded payments plus each event's amount once. It exits non-zero when not.
//
// The server must run with its rate limits raised, otherwise the login and
// API runs measure the 429 path instead of the real one:
//   RATE_LIMIT_AUTH_PER_MINUTE=1000000 RATE_LIMIT_{API,USER,IP}_PER_MINUTE=10000000
//
// Environment:
//   API_URL      base URL of the server (default http://127.0.0.1:8080); loopback only
//   DURATION     seconds per measured run (default 15)
//   CONNECTIONS  concurrent connections (default 100)
//   WARMUP       seconds of the discarded warm-up run per endpoint (default 10: the JIT needs that long to compile the hot paths; 0 = none)
//   PREWARM      seconds per endpoint of a first, discarded pass over every endpoint but login (default 10; 0 = none), so the
//                JIT has compiled the whole request path before any run is measured, then SETTLE seconds idle (default 20)
//                and, when SERVER_PID is set (bench/run.sh sets it), until that process is quiet (at most SETTLE_MAX, 300 s)
//   CLIENTS      clients created before the runs (default 200)
//   SESSIONS_PER_CLIENT  weekly sessions booked per client, half of them in the past (default 25)
//   TRAINED      clients given the benchmark's workout template; the logging run rotates over them (default 50)
//   PAYMENTS     payments recorded by hand (cash, bank transfer, cheque) over the last 12 months, every tenth pending,
//                for the revenue dashboard (default 300)
//   STRIPE_WEBHOOK_SECRET  the server's webhook signing secret (bench/run.sh generates one and passes it to both);
//                required for the stripe-webhook run
//   REDELIVER_EVERY  every n-th webhook request re-sends an event already acknowledged (default 5; 0 = never)
//   WEBHOOK_DRAIN_MAX  seconds to wait at most, after the webhook run, for the server to process its queue (default
//                300; the wait also ends when no payment has been added for 30 s)
//   ONLY         comma-separated target names to run (e.g. log-workout,client-progress); the trivial one always runs
//   TIMEOUT      autocannon per-request timeout in seconds (default 30; login is slow by design)
//   RESULTS_FILE where the markdown report goes (default bench/results/latest.md)

import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  autocannon, autocannonVersion, PASSWORD, TEMPLATE_EXERCISES, assertLoopback, fmt, fmtMs, forEachLimited, intEnv,
  machineInfo, maxMs, mondayOf, newHistogram, percentileMs, ratio, recordMs, runId, templateBody,
} from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const ORGANIZATION = 'Bench Studio';
const RATE_LIMIT_ENV = {
  RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
  RATE_LIMIT_API_PER_MINUTE: '10000000',
  RATE_LIMIT_USER_PER_MINUTE: '10000000',
  RATE_LIMIT_IP_PER_MINUTE: '10000000',
};

const API_URL = (process.env.API_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const DURATION = intEnv('DURATION', 15, 1);
const CONNECTIONS = intEnv('CONNECTIONS', 100, 1);
const WARMUP = intEnv('WARMUP', 10, 0);
const PREWARM = intEnv('PREWARM', 10, 0);
const SETTLE = intEnv('SETTLE', 20, 0);
const SETTLE_MAX = intEnv('SETTLE_MAX', 300, 0);
// The server's pid (bench/run.sh passes it): after the pre-warm pass the runs wait until its CPU use has been quiet.
const SERVER_PID = process.env.SERVER_PID && /^\d+$/.test(process.env.SERVER_PID) ? process.env.SERVER_PID : null;
const CLIENTS = intEnv('CLIENTS', 200, 1);
const SESSIONS_PER_CLIENT = intEnv('SESSIONS_PER_CLIENT', 25, 1);
const TRAINED = intEnv('TRAINED', 50, 1);
const PAYMENTS = intEnv('PAYMENTS', 300, 0);
const STRIPE_WEBHOOK_SECRET = process.env.STRIPE_WEBHOOK_SECRET || '';
const REDELIVER_EVERY = intEnv('REDELIVER_EVERY', 5, 0);
const WEBHOOK_DRAIN_MAX = intEnv('WEBHOOK_DRAIN_MAX', 300, 1);
// ONLY=trivial,log-workout runs a subset of the targets (the trivial one always runs: it is the baseline).
const ONLY = (process.env.ONLY || '').split(',').map((t) => t.trim()).filter(Boolean);
const TIMEOUT = intEnv('TIMEOUT', 30, 1);
const RESULTS_FILE = process.env.RESULTS_FILE || path.join(here, 'results', 'latest.md');
// Wearables: the backfill phase's client logins, the local fake providers (bench/fake-providers.mjs, started by
// run.sh), how long to wait for the backfill and how often to poll it.
const WEARABLE_USERS = intEnv('WEARABLE_USERS', 100, 1);
const FAKE_URL = (process.env.FAKE_URL || 'http://127.0.0.1:8095').replace(/\/+$/, '');
const BACKFILL_MAX = intEnv('BACKFILL_MAX', 1200, 1);
const POLL_INTERVAL = intEnv('POLL_INTERVAL', 2, 1);
// What the server backfills (app.wearables.backfill-days) and the fake's activities per new Strava athlete.
const BACKFILL_DAYS = intEnv('BACKFILL_DAYS', 90, 1);
const STRAVA_ACTIVITIES = intEnv('STRAVA_ACTIVITIES', 12, 0);
const WEARABLE_PROVIDERS = ['fitbit', 'strava'];
// 1 keeps the phase's connections after the runs (by default they are disconnected: see disconnectWearables).
const KEEP_WEARABLES = intEnv('KEEP_WEARABLES', 0, 0);
const WEARABLE_READS = ['wearables-daily', 'wearables-workouts', 'wearables-heart-rate', 'wearables-sleep', 'integrations-status'];

function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function api(method, pathname, { body, token } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(API_URL + pathname, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text, headers: res.headers };
}

function expectStatus(res, ok, what) {
  if (!ok.includes(res.status)) {
    const hint = res.status === 429
      ? ' (rate limited: start the server with ' +
        Object.entries(RATE_LIMIT_ENV).map(([k, v]) => `${k}=${v}`).join(' ') + ')'
      : '';
    throw new Error(`${what}: expected HTTP ${ok.join('/')} but got ${res.status}${hint}: ${res.text.slice(0, 500)}`);
  }
}

async function setup() {
  const unique = runId();
  const email = `bench-${unique}@bench.example.com`;

  const reg = await api('POST', '/api/auth/register', {
    body: { email, password: PASSWORD, name: 'Bench Admin', organization_name: ORGANIZATION },
  });
  expectStatus(reg, [200, 201], 'POST /api/auth/register');
  const token = reg.json && reg.json.token;
  if (!token) throw new Error(`register response has no token: ${reg.text.slice(0, 500)}`);
  const organizationId = reg.json.user && reg.json.user.organization_id;
  if (!organizationId) throw new Error(`register response has no user.organization_id: ${reg.text.slice(0, 500)}`);
  log(`registered ${email} (organization "${ORGANIZATION}")`);

  // A few at a time: enough to be quick, not a load test of its own.
  const parallel = 5;
  const clientIds = [];
  await forEachLimited(CLIENTS, parallel, async (i) => {
    const n = String(i + 1).padStart(3, '0');
    const res = await api('POST', '/api/clients', {
      token,
      body: {
        name: `Bench Client ${n}`,
        email: `client-${n}-${unique}@bench.example.com`,
        phone: `+1555${String(1000000 + i).slice(-7)}`,
        age: String(18 + (i % 50)),
      },
    });
    expectStatus(res, [200, 201], `POST /api/clients #${i + 1}`);
    clientIds[i] = res.json.id;
  });
  log(`created ${CLIENTS} clients`);

  // The registering owner is also the studio's first trainer. Each client gets a weekly 30-minute series of
  // SESSIONS_PER_CLIENT occurrences, half in the past: client i on weekday i % 7 at (i / 7) × 30 min, so no two
  // overlap and every booking goes through the same conflict checks as the API's single bookings.
  const mine = await api('GET', '/api/trainers?per_page=1', { token });
  expectStatus(mine, [200], 'GET /api/trainers');
  const trainerId = mine.json.items[0].id;
  const firstMonday = mondayOf(new Date(Date.now() - Math.floor(SESSIONS_PER_CLIENT / 2) * 7 * 86400000));
  let sessions = 0;
  await forEachLimited(CLIENTS, parallel, async (i) => {
    const slot = Math.floor(i / 7) * 30;
    const start = new Date(firstMonday.getTime() + (i % 7) * 86400000);
    const res = await api('POST', '/api/recurring-sessions', {
      token,
      body: {
        trainer_id: trainerId,
        client_id: clientIds[i],
        start_date: start.toISOString().slice(0, 10),
        start_time: `${String(Math.floor(slot / 60)).padStart(2, '0')}:${String(slot % 60).padStart(2, '0')}`,
        recurrence_pattern: 'weekly',
        recurrence_days: [i % 7],
        occurrences: SESSIONS_PER_CLIENT,
        duration: 30,
      },
    });
    expectStatus(res, [201], `POST /api/recurring-sessions #${i + 1}`);
    sessions += res.json.sessions_created;
  });
  log(`booked ${sessions} sessions for trainer ${trainerId}`);

  // Training data: a six-exercise template assigned to the first TRAINED clients (the logging run rotates over
  // them), and a progress client with twelve weeks of history — four logged workouts a week with six sets each,
  // a weekly measurement and three goals — for the progress read.
  const library = await api('GET', '/api/workouts/exercises?per_page=1000', { token });
  expectStatus(library, [200], 'GET /api/workouts/exercises');
  const exerciseIds = library.json.exercises.filter((e) => TEMPLATE_EXERCISES.includes(e.name)).map((e) => e.id);
  if (exerciseIds.length < 4) throw new Error(`expected the shared library's barbell lifts, found ${exerciseIds.length}`);
  const template = await api('POST', '/api/workouts/templates', {
    token,
    body: templateBody('Bench full body', exerciseIds),
  });
  expectStatus(template, [201], 'POST /api/workouts/templates');
  const templateId = template.json.template.id;
  const trained = [];
  await forEachLimited(Math.min(TRAINED, CLIENTS), parallel, async (i) => {
    const res = await api('POST', '/api/workouts/assign', {
      token,
      body: { client_id: clientIds[i], workout_template_id: templateId, frequency_per_week: 3 },
    });
    expectStatus(res, [201], `POST /api/workouts/assign #${i + 1}`);
    trained[i] = { clientId: clientIds[i], clientWorkoutId: res.json.assignment.id };
  });
  log(`assigned the template to ${trained.length} clients`);

  const progressClient = trained[0];
  const days = [];
  for (let week = 0; week < 12; week++) {
    for (const offset of [0, 2, 4, 5]) days.push(week * 7 + offset);
  }
  await forEachLimited(days.length, parallel, async (n) => {
    const d = days[n];
    const when = new Date(Date.now() - (84 - d) * 86400000);
    if (when > new Date()) return;
    const res = await api('POST', '/api/workouts/log', {
      token,
      body: {
        client_id: progressClient.clientId, client_workout_id: progressClient.clientWorkoutId,
        completed_date: when.toISOString(), duration_minutes: 55, difficulty_rating: 7,
        sets: exerciseIds.map((id, i) => ({ exercise_id: id, set_number: i + 1, reps: 5, weight_kg: 50 + d })),
      },
    });
    expectStatus(res, [201], 'POST /api/workouts/log (history)');
  });
  for (let week = 0; week < 12; week++) {
    const res = await api('POST', '/api/measurements', {
      token,
      body: {
        client_id: progressClient.clientId,
        measurement_date: new Date(Date.now() - (11 - week) * 7 * 86400000).toISOString().slice(0, 10),
        weight: 90 - week * 0.5, weight_unit: 'kg', body_fat_percentage: 24 - week * 0.3, waist: 95 - week * 0.4,
        measurement_unit: 'cm', resting_heart_rate: 68 - Math.floor(week / 3),
      },
    });
    expectStatus(res, [201], 'POST /api/measurements');
  }
  for (const title of ['Squat 140 kg', 'Lose 6 kg', 'Run 10 km']) {
    const res = await api('POST', '/api/goals', {
      token,
      body: { client_id: String(progressClient.clientId), title, target_value: 100, current_value: 40, priority: 'high',
        milestones: [{ title: 'Halfway', target_value: 50 }, { title: 'Three quarters', target_value: 75 }] },
    });
    expectStatus(res, [201], 'POST /api/goals');
  }
  log(`progress client ${progressClient.clientId}: ${days.length} workouts over 12 weeks, 12 measurements, 3 goals`);

  const manual = await recordPayments(token, clientIds, parallel);

  const list = await api('GET', '/api/clients?per_page=25', { token });
  expectStatus(list, [200], 'GET /api/clients?per_page=25');
  const total = list.json && typeof list.json.total === 'number' ? list.json.total : null;
  if (total !== null && total < CLIENTS) {
    log(`warning: GET /api/clients reports total=${total}, expected >= ${CLIENTS}`);
  }
  const me = await api('GET', '/api/auth/me', { token });
  expectStatus(me, [200], 'GET /api/auth/me');
  const login = await api('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expectStatus(login, [200], 'POST /api/auth/login');

  return { email, token, organizationId, trainerId, clientIds, sessions, trained, exerciseIds, progressClient, manual };
}

const METHODS = ['cash', 'bank_transfer', 'check'];
const PAYMENT_TYPES = ['package', 'membership', 'session', 'other'];

// PAYMENTS payments recorded by hand the way the SPA's ledger form sends them (numbers as strings), rotating over
// the clients, the three manual methods and the four types, spread over the last twelve months (the dashboard's
// trend); every tenth one is pending (due next week). Returns what the revenue dashboard must then show.
async function recordPayments(token, clientIds, parallel) {
  const now = new Date();
  const manual = { receivedMinor: 0, received: 0, pendingMinor: 0, pending: 0 };
  await forEachLimited(PAYMENTS, parallel, async (i) => {
    const cents = (20 + ((i * 13) % 181)) * 100 + (i % 2 ? 50 : 0);
    const pending = i % 10 === 9;
    const body = {
      client_id: String(clientIds[i % clientIds.length]),
      amount: (cents / 100).toFixed(2),
      method: METHODS[i % METHODS.length],
      payment_type: PAYMENT_TYPES[i % PAYMENT_TYPES.length],
      description: `Bench payment ${i + 1}`,
    };
    if (pending) {
      body.status = 'pending';
      body.due_date = new Date(now.getTime() + 7 * 86400000).toISOString().slice(0, 10);
    } else {
      // Month i % 12 back, day 1-28, never later than an hour ago.
      const paid = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (i % 12), 1 + ((i * 7) % 28), 9 + (i % 9)));
      body.paid_at = new Date(Math.min(paid.getTime(), now.getTime() - 3600000)).toISOString();
    }
    const res = await api('POST', '/api/payments', { token, body });
    expectStatus(res, [201], `POST /api/payments #${i + 1}`);
    if (res.json.payment.amount_minor !== cents) {
      throw new Error(`POST /api/payments #${i + 1}: amount_minor ${res.json.payment.amount_minor}, expected ${cents}`);
    }
    if (pending) {
      manual.pendingMinor += cents;
      manual.pending++;
    } else {
      manual.receivedMinor += cents;
      manual.received++;
    }
  });
  const dash = await api('GET', '/payments/revenue/dashboard', { token });
  expectStatus(dash, [200], 'GET /payments/revenue/dashboard');
  if (Math.round(dash.json.total_revenue * 100) !== manual.receivedMinor || dash.json.total_payments !== manual.received
      || dash.json.pending_count !== manual.pending) {
    throw new Error(`the revenue dashboard does not show the payments recorded (${manual.received} received, ` +
      `${money(manual.receivedMinor)}; ${manual.pending} pending): ${dash.text.slice(0, 500)}`);
  }
  log(`recorded ${PAYMENTS} payments by hand over 12 months: ${manual.received} received (${money(manual.receivedMinor)} USD), ${manual.pending} pending`);
  return manual;
}

function money(minor) {
  return (minor / 100).toFixed(2);
}

// ---- Stripe webhook ----
//
// Each request is a signed payment_intent.succeeded of the platform (no `account`): a new event id and intent id,
// the metadata naming the bench organization and one of its clients (rotating), so processing rebuilds one payment
// from the intent. Every REDELIVER_EVERY-th request re-sends an event already acknowledged instead: the same id and
// body, a new signature. Every request is signed when autocannon builds it (a fresh `t`, within the 300 s
// tolerance). What was sent and acknowledged is kept here across the pre-warm, warm-up and measured runs, for the
// exactly-once check.

function newWebhookState(organizationId, clientIds) {
  return {
    organizationId, clientIds,
    tag: runId().replace(/[^a-z0-9]/gi, ''),
    events: [],
    byId: new Map(),
    // Events with at least one 2xx answer: the redeliveries pick among them.
    acked: [],
    requests: 0,
    redeliveries: 0,
    answers: 0,
    answers2xx: 0,
    // 2xx answers naming another event than the one delivered.
    misnamed: 0,
    statuses: {},
  };
}

function signature(body, t = Math.floor(Date.now() / 1000)) {
  return `t=${t},v1=${createHmac('sha256', STRIPE_WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex')}`;
}

function nextWebhookRequest(state, context) {
  const n = state.requests++;
  let event;
  if (REDELIVER_EVERY > 0 && n % REDELIVER_EVERY === REDELIVER_EVERY - 1 && state.acked.length > 0) {
    event = state.acked[(n * 7919) % state.acked.length];
    state.redeliveries++;
  } else {
    const k = state.events.length;
    const clientId = state.clientIds[k % state.clientIds.length];
    const amount = 500 + (k % 100) * 25;
    const id = `evt_bench_${state.tag}_${k}`;
    const intentId = `pi_bench_${state.tag}_${k}`;
    const body = JSON.stringify({
      id, object: 'event', api_version: '2026-07-29.dahlia', created: Math.floor(Date.now() / 1000),
      type: 'payment_intent.succeeded', livemode: false, pending_webhooks: 1,
      data: { object: {
        id: intentId, object: 'payment_intent', amount, currency: 'usd', status: 'succeeded',
        latest_charge: `ch_bench_${state.tag}_${k}`, last_payment_error: null,
        metadata: { organization_id: String(state.organizationId), client_id: String(clientId) },
      } },
      request: { id: null, idempotency_key: null },
    });
    event = { id, intentId, clientId, amount, body, sent: 0, answered: 0, acked: 0 };
    state.events.push(event);
    state.byId.set(id, event);
  }
  event.sent++;
  context.event = event;
  return { body: event.body, headers: { 'stripe-signature': signature(event.body) } };
}

// autocannon's onResponse: the answer to the event the connection's context names; a 2xx answer must name it too
// ({"received": true, "event_id": …, "status": "pending"|"duplicate"}).
function webhookAnswered(state, status, text, context) {
  state.answers++;
  const event = context.event;
  context.event = undefined;
  if (!event) return;
  event.answered++;
  if (status < 200 || status >= 300) return;
  state.answers2xx++;
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  const answered = json && json.status;
  state.statuses[answered] = (state.statuses[answered] || 0) + 1;
  if (!json || json.event_id !== event.id || json.received !== true) state.misnamed++;
  if (event.acked++ === 0) state.acked.push(event);
}

async function cardPaymentsTotal(token) {
  const res = await api('GET', '/api/payments?method=card&per_page=1', { token });
  expectStatus(res, [200], 'GET /api/payments?method=card');
  return res.json.total;
}

// Waits until the card payments number at least the events acknowledged and have not changed for 5 s (two of the
// worker's 2-second polls), or have not changed for 30 s while fewer (stalled), or until the deadline. Platform
// events are listed by GET /api/stripe/events only once processed (their organization is known from the payment),
// so the payments are what can be watched.
async function untilDrained(token, expected, deadline) {
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const total = await cardPaymentsTotal(token);
    if (total !== last) {
      last = total;
      since = Date.now();
    } else if (total >= expected && Date.now() - since >= 5000) {
      return { total, stalled: false };
    } else if (Date.now() - since >= 30000) {
      return { total, stalled: true };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { total: last, stalled: false };
}

async function allCardPayments(token) {
  const payments = [];
  for (let page = 1; ; page++) {
    const res = await api('GET', `/api/payments?method=card&per_page=1000&page=${page}`, { token });
    expectStatus(res, [200], `GET /api/payments?method=card&page=${page}`);
    payments.push(...res.json.payments);
    if (!res.json.has_next) return payments;
  }
}

// The exactly-once check, once the queue has drained: every event acknowledged (2xx) is exactly one payment of its
// intent with its amount and client; an event never acknowledged may have been applied only if one of its requests
// went unanswered (cut off when a run ended: the server may have stored it); no other card payment exists; the
// dashboard's total is the hand-recorded payments plus each applied event's amount once; and each event the
// admin's list shows (the newest 1,000) is processed with as many deliveries as were acknowledged, at most as many
// as were sent.
async function checkWebhooks(state, token, manual) {
  const acked = state.events.filter((e) => e.acked > 0);
  const started = Date.now();
  const deadline = started + WEBHOOK_DRAIN_MAX * 1000;
  log(`webhook: ${state.requests} requests (${state.redeliveries} redeliveries), ${state.answers2xx} acknowledged, ` +
    `${acked.length} distinct events; waiting for the queue to drain (at most ${WEBHOOK_DRAIN_MAX} s)`);
  let verdict;
  for (;;) {
    const { stalled } = await untilDrained(token, acked.length, deadline);
    verdict = await verifyWebhooks(state, token, manual, acked);
    // Only events still missing can arrive by waiting longer.
    if (verdict.ok || verdict.missing === 0 || stalled || Date.now() >= deadline) break;
    log(`  not yet: ${verdict.problems.join('; ')}`);
  }
  verdict.drainSeconds = (Date.now() - started) / 1000;
  return verdict;
}

async function verifyWebhooks(state, token, manual, acked) {
  const problems = [];
  if (acked.length === 0) problems.push('no event was acknowledged (is STRIPE_WEBHOOK_SECRET the server\'s?)');
  if (state.misnamed) problems.push(`${state.misnamed} 2xx answers do not name the event delivered`);
  const payments = await allCardPayments(token);
  const byIntent = new Map();
  let doubled = 0;
  for (const p of payments) {
    if (byIntent.has(p.stripe_payment_intent_id)) doubled++;
    else byIntent.set(p.stripe_payment_intent_id, p);
  }
  if (doubled) problems.push(`${doubled} payments repeat an intent`);
  let applied = 0;
  let appliedUnanswered = 0;
  let expectedMinor = manual.receivedMinor;
  const missing = [];
  const wrong = [];
  const unexplained = [];
  for (const e of state.events) {
    const p = byIntent.get(e.intentId);
    if (!p) {
      if (e.acked > 0) missing.push(e.id);
      continue;
    }
    byIntent.delete(e.intentId);
    applied++;
    expectedMinor += e.amount;
    if (p.amount_minor !== e.amount || p.currency !== 'USD' || p.client_id !== e.clientId || p.status !== 'succeeded') {
      wrong.push(`${e.intentId}: ${p.amount_minor} ${p.currency} client ${p.client_id} ${p.status}`);
    }
    if (e.acked === 0) {
      if (e.sent > e.answered) appliedUnanswered++;
      else unexplained.push(e.id);
    }
  }
  if (missing.length) problems.push(`${missing.length} acknowledged events have no payment (${missing.slice(0, 3).join(', ')}…)`);
  if (wrong.length) problems.push(`${wrong.length} payments differ from their intent (${wrong.slice(0, 3).join('; ')})`);
  if (unexplained.length) problems.push(`${unexplained.length} events answered only with an error were applied (${unexplained.slice(0, 3).join(', ')})`);
  if (byIntent.size) problems.push(`${byIntent.size} card payments belong to no event sent`);

  const dash = await api('GET', '/payments/revenue/dashboard', { token });
  expectStatus(dash, [200], 'GET /payments/revenue/dashboard');
  const totalMinor = Math.round(dash.json.total_revenue * 100);
  if (totalMinor !== expectedMinor) problems.push(`total_revenue ${money(totalMinor)} != expected ${money(expectedMinor)}`);
  if (dash.json.total_payments !== manual.received + applied) {
    problems.push(`total_payments ${dash.json.total_payments} != ${manual.received} + ${applied}`);
  }

  const listed = await api('GET', '/api/stripe/events?limit=1000', { token });
  expectStatus(listed, [200], 'GET /api/stripe/events?limit=1000');
  let shown = 0;
  const badRecords = [];
  for (const r of listed.json.events) {
    const e = state.byId.get(r.id);
    if (!e) continue;
    shown++;
    if (r.status !== 'processed' || r.deliveries < e.acked || r.deliveries > e.sent) {
      badRecords.push(`${r.id}: ${r.status}, ${r.deliveries} deliveries (${e.acked} acknowledged, ${e.sent} sent)`);
    }
  }
  if (badRecords.length) problems.push(`${badRecords.length} listed events disagree (${badRecords.slice(0, 3).join('; ')})`);

  const deliveries = acked.reduce((sum, e) => sum + e.acked, 0);
  return {
    ok: problems.length === 0,
    problems,
    missing: missing.length,
    distinct: acked.length,
    deliveries,
    redeliveries: deliveries - acked.length,
    unanswered: state.requests - state.answers,
    non2xx: state.answers - state.answers2xx,
    statuses: state.statuses,
    payments: payments.length,
    appliedUnanswered,
    shown,
    totalMinor,
    expectedMinor,
  };
}

function webhookLine(v) {
  const extra = v.appliedUnanswered
    ? ` (${v.distinct} + ${v.appliedUnanswered} whose request was cut off unanswered at a run's end)` : '';
  return `Webhook exactly-once: ${v.distinct} distinct events (${v.deliveries} deliveries incl. ${v.redeliveries} ` +
    `redeliveries) → ${v.payments} payments${extra}, total ${money(v.totalMinor)} = expected ${money(v.expectedMinor)}: ` +
    (v.ok ? 'OK' : `FAILED: ${v.problems.join('; ')}`) +
    ` (${v.unanswered} requests unanswered, ${v.non2xx} non-2xx; ${v.shown} events of the admin's list processed with` +
    ` their deliveries; queue drained in ${fmt(v.drainSeconds)} s)`;
}

// ---- Wearables: backfill phase ----
//
// WEARABLE_USERS client logins of the bench organization each connect Fitbit (Google Health) and Strava through the
// local fakes (bench/fake-providers.mjs): the connect call as the client, the consent URL followed without redirects
// (the fake's consent page grants at once and answers 302 to our callback), the callback on API_URL, whose 303 must
// send the SPA to status=connected. Then the server's worker backfills 90 days of each; the phase ends when every
// connection reports backfill_percent 100 and pending_jobs 0. The fake counts what the server asked of it.

const DAY_MS = 86_400_000;

async function fakeStats() {
  const res = await fetch(`${FAKE_URL}/__stats`, { signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`GET ${FAKE_URL}/__stats answered ${res.status}`);
  return res.json();
}

/** after − before of a provider's counters: {requests, rate_limited, by_kind, rate_limited_by_kind}. */
function statsDiff(before, after, provider) {
  const b = before[provider];
  const a = after[provider];
  const diff = (x, y) => Object.fromEntries(Object.entries(y).map(([k, v]) => [k, v - (x[k] || 0)]).filter(([, v]) => v));
  return { requests: a.requests - b.requests, rate_limited: a.rate_limited - b.rate_limited,
    by_kind: diff(b.by_kind, a.by_kind), rate_limited_by_kind: diff(b.rate_limited_by_kind, a.rate_limited_by_kind) };
}

/**
 * The fewest requests a server could make for one user's backfill with the providers' documented caps, over the
 * server's backfill range: today and BACKFILL_DAYS before (91 civil days, UTC). Fitbit: the token exchange, the
 * identity, steps/distance/floors dailyRollUp at 90 days a call, active-minutes/total-calories/
 * time-in-heart-rate-zone at 14, heart-rate samples at 10,000 a page (24 a day), resting heart rate in one page,
 * sleep and exercise at 25 a page, weight and body fat in one page each. Strava: the token exchange (it names the
 * athlete) and the activity list at 200 a page.
 */
function backfillMinimum() {
  const days = BACKFILL_DAYS + 1;
  const today = Math.floor(Date.now() / DAY_MS);
  let runs = 0;
  for (let e = today - BACKFILL_DAYS; e <= today; e++) if (e % 3 === 0) runs++;
  const fitbit = {
    token: 1, identity: 1,
    'steps, distance, floors (90-day cap)': 3 * Math.ceil(days / 90),
    'active-minutes, total-calories, time-in-heart-rate-zone (14-day cap)': 3 * Math.ceil(days / 14),
    'heart-rate samples': Math.ceil((24 * days) / 10_000),
    'daily-resting-heart-rate': 1,
    sleep: Math.ceil(days / 25),
    exercise: Math.max(1, Math.ceil(runs / 25)),
    weight: 1, 'body-fat': 1,
  };
  const strava = { token: 1, activities: Math.max(1, Math.ceil(STRAVA_ACTIVITIES / 200)) };
  const sum = (o) => Object.values(o).reduce((s, v) => s + v, 0);
  return { days, runs, fitbit, strava, fitbitPerUser: sum(fitbit), stravaPerUser: sum(strava) };
}

async function loginAs(email) {
  const res = await api('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expectStatus(res, [200], `POST /api/auth/login (${email})`);
  return res.json.token;
}

/** One provider connected the way the browser does it; returns the SPA URL the callback sent the browser to. */
async function connectOne(user, provider) {
  const started = await api('POST', `/api/wearables/${provider}/connect`, { token: user.token });
  expectStatus(started, [200], `POST /api/wearables/${provider}/connect`);
  const consentUrl = started.json && started.json.authorization_url;
  if (!consentUrl || !consentUrl.startsWith(`${FAKE_URL}/`)) {
    throw new Error(`${provider}: authorization_url ${consentUrl} is not the local fake's (${FAKE_URL})`);
  }
  const consent = await fetch(consentUrl, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  await consent.arrayBuffer();
  const back = consent.headers.get('location');
  if (consent.status !== 302 || !back) throw new Error(`${provider} consent answered ${consent.status} (no redirect)`);
  const callback = new URL(back);
  if (`${callback.protocol}//${callback.host}` !== new URL(API_URL).origin
      || callback.pathname !== `/api/wearables/${provider}/callback`) {
    throw new Error(`${provider} consent redirected to ${back}, not to our callback on ${API_URL}`);
  }
  const res = await fetch(API_URL + callback.pathname + callback.search, { redirect: 'manual',
    signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  const spa = res.headers.get('location') || '';
  let outcome = {};
  try {
    outcome = Object.fromEntries(new URL(spa).searchParams);
  } catch {
    /* not a URL */
  }
  if (res.status !== 303 || outcome.status !== 'connected' || outcome.wearable !== provider) {
    throw new Error(`${provider} callback answered ${res.status} → ${spa || '(no Location)'}`);
  }
  return spa;
}

async function connectionsOf(user) {
  let res = await api('GET', '/api/wearables/connections', { token: user.token });
  if (res.status === 401) {
    user.token = await loginAs(user.email);
    res = await api('GET', '/api/wearables/connections', { token: user.token });
  }
  expectStatus(res, [200], 'GET /api/wearables/connections');
  return res.json.connections || [];
}

function backfilled(connections) {
  return WEARABLE_PROVIDERS.every((p) => {
    const c = connections.find((x) => x.provider === p);
    return c && c.status === 'active' && c.backfill_percent === 100 && c.pending_jobs === 0;
  });
}

async function wearablesBackfill(adminToken, unique) {
  const users = [];
  // Client logins: POST /api/clients with a password creates the login; bcrypt makes each a few hundred ms.
  await forEachLimited(WEARABLE_USERS, 4, async (i) => {
    const n = String(i + 1).padStart(3, '0');
    const email = `wearable-${n}-${unique}@bench.example.com`;
    const res = await api('POST', '/api/clients', {
      token: adminToken,
      body: { name: `Wearable Client ${n}`, email, password: PASSWORD, phone: `+1555${String(2000000 + i).slice(-7)}`,
        age: String(20 + (i % 40)) },
    });
    expectStatus(res, [200, 201], `POST /api/clients (wearable user #${i + 1})`);
    users[i] = { n: i + 1, email, clientId: res.json.id };
  });
  await forEachLimited(WEARABLE_USERS, 4, async (i) => {
    users[i].token = await loginAs(users[i].email);
  });
  log(`wearables: ${WEARABLE_USERS} client logins created and signed in`);

  const minimum = backfillMinimum();
  const before = await fakeStats();
  const t0 = Date.now();
  let connectedAt = 0;
  // The first failure stops the others (no new connection is started after it) and is thrown once they end.
  let failure = null;
  await forEachLimited(WEARABLE_USERS, 4, async (i) => {
    try {
      for (const p of WEARABLE_PROVIDERS) if (!failure) await connectOne(users[i], p);
    } catch (e) {
      failure = failure || new Error(`wearable user #${i + 1}: ${e.message}`);
    }
  });
  if (failure) throw failure;
  connectedAt = Date.now();
  log(`wearables: ${WEARABLE_USERS * WEARABLE_PROVIDERS.length} connections made in ${fmt((connectedAt - t0) / 1000)} s ` +
    '(each SPA redirect said status=connected); waiting for the backfill');

  // Poll each user not yet done, a few at a time, a round every POLL_INTERVAL s; a user done stays done (nothing
  // else queues work for them), and a last round over everyone confirms it.
  const pending = new Set(users.map((u) => u.n - 1));
  const deadline = t0 + BACKFILL_MAX * 1000;
  let doneAt = null;
  let polls = 0;
  let lastLog = Date.now();
  let latest = new Map();
  while (Date.now() < deadline) {
    const round = Date.now();
    await forEachLimited(pending.size, 5, async (k) => {
      const i = [...pending][k];
      if (i === undefined) return;
      const conns = await connectionsOf(users[i]);
      polls++;
      latest.set(i, conns);
    });
    for (const [i, conns] of latest) if (backfilled(conns)) pending.delete(i);
    if (pending.size === 0) {
      // Confirm on everyone.
      const notDone = [];
      await forEachLimited(users.length, 5, async (i) => {
        const conns = await connectionsOf(users[i]);
        polls++;
        latest.set(i, conns);
        if (!backfilled(conns)) notDone.push(i);
      });
      if (notDone.length === 0) {
        doneAt = Date.now();
        break;
      }
      for (const i of notDone) pending.add(i);
    }
    if (Date.now() - lastLog >= 15_000) {
      lastLog = Date.now();
      const all = [...latest.values()].flat();
      const pct = all.length ? all.reduce((s, c) => s + (c.backfill_percent || 0), 0) / all.length : 0;
      const jobs = all.reduce((s, c) => s + (c.pending_jobs || 0), 0);
      const s = await fakeStats().catch(() => null);
      log(`  backfill ${fmt((Date.now() - t0) / 1000)} s: ${users.length - pending.size}/${users.length} users done, ` +
        `mean ${fmt(pct)} %, ${jobs} jobs pending` + (s ? `; fake: Google ${s.google.requests}, Strava ${s.strava.requests} requests, ` +
        `429s ${s.google.rate_limited + s.strava.rate_limited}` : ''));
    }
    const wait = POLL_INTERVAL * 1000 - (Date.now() - round);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const after = await fakeStats();
  const google = statsDiff(before, after, 'google');
  const strava = statsDiff(before, after, 'strava');
  // The consent pages are the browser's requests (the benchmark's), not the server's.
  const serverRequests = (d) => d.requests - (d.by_kind.consent || 0);
  const stuck = [...pending].slice(0, 5).map((i) => `user ${i + 1}: ` + (latest.get(i) || []).map((c) =>
    `${c.provider} ${c.status} ${c.backfill_percent}% pending ${c.pending_jobs}${c.last_error ? ` (${c.last_error})` : ''}` +
    `${c.paused_until ? ` paused until ${c.paused_until}` : ''}`).join(', '));
  const result = {
    users: WEARABLE_USERS,
    connectSeconds: (connectedAt - t0) / 1000,
    wallSeconds: ((doneAt || Date.now()) - t0) / 1000,
    finished: doneAt !== null,
    stuck,
    pendingUsers: pending.size,
    polls,
    minimum,
    google: { ...google, server: serverRequests(google), minimum: minimum.fitbitPerUser * WEARABLE_USERS },
    strava: { ...strava, server: serverRequests(strava), minimum: minimum.stravaPerUser * WEARABLE_USERS },
    fakeAfter: { googleUsers: after.google_users, stravaWindow: after.strava_window },
    firstUser: users[0],
    clientIds: users.map((u) => u.clientId),
  };
  log(`  ${backfillLine(result)}`);
  return result;
}

/** After the backfill, what the first user's data reads show (as the admin, with client_id). */
async function checkWearableData(adminToken, clientId) {
  const get = async (p) => {
    const res = await api('GET', p, { token: adminToken });
    expectStatus(res, [200], `GET ${p}`);
    return res.json;
  };
  const daily = await get(`/api/wearables/daily?client_id=${clientId}`);
  const days = new Set((daily.daily || []).map((d) => d.date));
  const workouts = await get(`/api/wearables/workouts?client_id=${clientId}`);
  const heart = await get(`/api/wearables/heart-rate?client_id=${clientId}&include=samples&from=${isoDay(Date.now() - 6 * DAY_MS)}`);
  const sleep = await get(`/api/wearables/sleep?client_id=${clientId}`);
  const list = (j) => Object.values(j).find(Array.isArray) || [];
  const samples = list(heart).reduce((s, d) => s + (Array.isArray(d.samples) ? d.samples.length : 0), 0);
  const check = {
    dailyDays: days.size,
    dailyFrom: daily.from,
    dailyTo: daily.to,
    workouts: list(workouts).length,
    // Sessions both providers recorded (a Fitbit run and its Strava twin), shown once.
    mergedWorkouts: list(workouts).filter((w) => (w.sources || []).length > 1).length,
    heartRateDays: list(heart).length,
    samples,
    sleep: list(sleep).length,
    ok: days.size === 30,
  };
  log(`  data of client ${clientId}: daily ${check.dailyDays} days (${check.dailyFrom}..${check.dailyTo}), ` +
    `${check.workouts} workouts (${check.mergedWorkouts} from both providers), heart rate ${check.heartRateDays} days with ${samples} samples, ` +
    `${check.sleep} sleep sessions: ${check.ok ? 'OK' : 'FAILED (expected 30 days of daily data)'}`);
  return check;
}

/**
 * After the runs: every wearable connection of the phase disconnected as the admin (DELETE
 * /api/wearables/{provider}?client_id=), which revokes the grant at the fake and deletes the connection with its
 * tokens and jobs (the synced data stays). Otherwise they would stay active in the benchmark's schema with tokens
 * sealed under this run's throwaway ENCRYPTION_KEY: the next run's server could not open them, and their daily syncs
 * and any job left pending would fail there (SecretBox: "Cannot decrypt: sealed with key …").
 */
async function disconnectWearables(adminToken, clientIds) {
  let done = 0;
  const failed = [];
  await forEachLimited(clientIds.length, 5, async (i) => {
    for (const p of WEARABLE_PROVIDERS) {
      const res = await api('DELETE', `/api/wearables/${p}?client_id=${clientIds[i]}`, { token: adminToken });
      if (res.status === 200 || res.status === 204) done++;
      else if (res.status !== 404) failed.push(`${p} of client ${clientIds[i]}: ${res.status}`);
    }
  });
  log(`wearables: ${done} connections disconnected after the runs${failed.length ? `; failed: ${failed.slice(0, 3).join(', ')}` : ''}`);
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function backfillLine(r) {
  return `Wearables backfill: ${r.users} users × Fitbit + Strava, ${r.finished ? '' : 'NOT FINISHED after '}` +
    `${fmt(r.wallSeconds)} s from the first connect (connecting took ${fmt(r.connectSeconds)} s); ` +
    `server requests: Google ${r.google.server} (minimum ${r.google.minimum}, ×${fmt(r.google.server / r.google.minimum, 2)}), ` +
    `Strava ${r.strava.server} (minimum ${r.strava.minimum}, ×${fmt(r.strava.server / r.strava.minimum, 2)}); ` +
    `429s received: Google ${r.google.rate_limited}, Strava ${r.strava.rate_limited}`;
}

function backfillSection(r, check) {
  const lines = [];
  const m = r.minimum;
  lines.push('## Wearables backfill');
  lines.push('');
  lines.push(`${r.users} client logins each connect Fitbit (Google Health API) and Strava through the local fakes ` +
    '(`bench/fake-providers.mjs`: Google\'s 300 requests a minute per user, Strava\'s 100 reads per 15 minutes and ' +
    '1,000 a day app-wide); the server backfills 90 days of each. Wall time: from the first connect call until every ' +
    `connection reports \`backfill_percent\` 100 and \`pending_jobs\` 0 (polled every ${POLL_INTERVAL} s per unfinished user).`);
  lines.push('');
  lines.push('| | |');
  lines.push('|---|---|');
  lines.push(`| wall time | **${fmt(r.wallSeconds)} s**${r.finished ? '' : ` — NOT FINISHED (BACKFILL_MAX ${BACKFILL_MAX} s; ${r.pendingUsers} users not done)`} (connecting all ${r.users * 2}: ${fmt(r.connectSeconds)} s) |`);
  lines.push(`| Google requests by the server | **${r.google.server}** (${fmt(r.google.server / r.users, 1)} per user); minimum ${r.google.minimum} (${m.fitbitPerUser} per user): ×${fmt(r.google.server / r.google.minimum, 2)} |`);
  lines.push(`| Strava requests by the server | **${r.strava.server}** (${fmt(r.strava.server / r.users, 1)} per user); minimum ${r.strava.minimum} (${m.stravaPerUser} per user): ×${fmt(r.strava.server / r.strava.minimum, 2)} |`);
  lines.push(`| 429s received | Google ${r.google.rate_limited}, Strava ${r.strava.rate_limited} |`);
  lines.push(`| status polls | ${r.polls} |`);
  if (check) {
    lines.push(`| first user's data | daily: ${check.dailyDays} days (${check.dailyFrom} to ${check.dailyTo}) ${check.ok ? '✓' : '✗ (expected 30)'}; ` +
      `workouts (merged, 30 days): ${check.workouts}, ${check.mergedWorkouts} of them from both providers; heart rate (7 days, samples): ${check.heartRateDays} days, ${check.samples} samples; sleep (30 days): ${check.sleep} |`);
  }
  lines.push('');
  const kinds = (d) => Object.entries(d.by_kind).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`Google requests by endpoint (the consent pages are the benchmark's, not counted above): ${kinds(r.google)}.`);
  lines.push('');
  lines.push(`Strava requests by endpoint: ${kinds(r.strava)}.`);
  lines.push('');
  lines.push(`Minimum per Fitbit user, for the server's ${m.days}-day range (today and 90 days back; ${m.runs} runs in it): ` +
    Object.entries(m.fitbit).map(([k, v]) => `${k} ${v}`).join(' + ') + ` = ${m.fitbitPerUser}. Per Strava user: ` +
    Object.entries(m.strava).map(([k, v]) => `${k} ${v}`).join(' + ') + ` = ${m.stravaPerUser} (see bench/README.md).`);
  if (r.stuck.length) {
    lines.push('');
    lines.push(`Unfinished: ${r.stuck.join('; ')}`);
  }
  lines.push('');
  return lines.join('\n');
}

// Runs autocannon once. With a histogram, every response time is recorded
// into it in microseconds (all status codes, like autocannon's own default).
function runAutocannon(target, seconds, histogram) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: API_URL + target.path,
        method: target.method,
        headers: target.headers,
        body: target.body,
        // Targets that must send a different body each time (a new slot per booking) give a function;
        // autocannon calls a request's setupRequest before every send. nextRequest gives the body and extra
        // headers (a signature per request); onResponse sees each answer's status and body. Both get the connection's
        // context: with one request in flight per connection, what setupRequest puts there belongs to the next answer.
        requests: target.nextBody || target.nextRequest
          ? [{ method: target.method, path: target.path, headers: target.headers,
              setupRequest: (req, context) => {
                if (target.nextBody) return { ...req, body: target.nextBody() };
                const next = target.nextRequest(context);
                return { ...req, body: next.body, headers: { ...req.headers, ...next.headers } };
              },
              onResponse: target.onResponse }]
          : undefined,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: TIMEOUT,
        // We only need the raw counters; percentiles come from `histogram`.
        skipAggregateResult: true,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (histogram) {
      instance.on('response', (_client, _statusCode, _bytes, responseTimeMs) => {
        recordMs(histogram, responseTimeMs);
      });
    }
  });
}

// CPU seconds (user + system) the process has used, from /proc (Linux).
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
}

// Waits (at most SETTLE_MAX s) until the idle server has used under 5 % of a core for three seconds in a row: on two
// cores the JIT's compile queue after the pre-warm pass takes minutes to drain, and a run measured meanwhile
// measures the compiler.
async function untilQuiet(pid) {
  const started = Date.now();
  let quiet = 0;
  let last = cpuSeconds(pid);
  while (quiet < 3 && Date.now() - started < SETTLE_MAX * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = cpuSeconds(pid);
    quiet = now - last < 0.05 ? quiet + 1 : 0;
    last = now;
  }
  log(`server quiet after ${Math.round((Date.now() - started) / 1000)} s${quiet < 3 ? ' (SETTLE_MAX reached, still busy)' : ''}`);
}

function summarize(target, raw, hist) {
  // raw: autocannon's un-aggregated result (skipAggregateResult): counters,
  // status codes and duration in seconds. hist: response times in µs.
  const pct = (p) => percentileMs(hist, p);
  return {
    name: target.name,
    method: target.method,
    path: target.path,
    requests: raw.totalCompletedRequests,
    duration: raw.duration,
    rps: raw.duration > 0 ? raw.totalCompletedRequests / raw.duration : 0,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: maxMs(hist),
    non2xx: raw.non2xx,
    errors: raw.errors,
    timeouts: raw.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(raw.statusCodeStats || {}).map(([code, v]) => [code, v.count]),
    ),
  };
}

function report(results, meta, webhook, backfill, wearableCheck) {
  const base = results[0];
  const lines = [];
  lines.push('# FitnessCRM API benchmark');
  lines.push('');
  lines.push(`- Date: ${meta.date}`);
  lines.push(`- Data: ${meta.dataset}`);
  lines.push(`- Machine: nproc=${meta.nproc}, ${meta.cpu}, ${meta.memGiB} GiB RAM, ${meta.platform}`);
  lines.push(`- Load: autocannon ${autocannonVersion} on Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per endpoint after a pre-warm pass (${PREWARM} s per endpoint, then ${SETTLE} s idle) and a ${WARMUP} s warm-up (login: no warm-up, at least 45 s), request timeout ${TIMEOUT} s`);
  lines.push(`- Target: ${API_URL} (the load generator shares the machine with the server)`);
  lines.push(`- Server rate limits raised by configuration for this run: ${Object.entries(RATE_LIMIT_ENV).map(([k, v]) => `\`${k}=${v}\``).join(', ')}`);
  lines.push(`- Data: one fresh organization, ${CLIENTS} clients; login is bcrypt cost 12, so its throughput is CPU bound`);
  lines.push('');
  lines.push('| Endpoint | Requests/s | p50 (ms) | p95 (ms) | p99 (ms) | Non-2xx | Errors | p95 vs trivial | Throughput vs trivial |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    lines.push(
      `| \`${r.method} ${r.path}\` | ${fmt(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p95)} | ${fmtMs(r.p99)} | ${r.non2xx} | ${r.errors} | ${ratio(r.p95, base.p95)} | ${ratio(r.rps, base.rps, 3)} |`,
    );
  }
  lines.push('');
  lines.push('Status codes per endpoint (measured run):');
  lines.push('');
  for (const r of results) {
    const codes = Object.entries(r.statusCodes).map(([c, n]) => `${c}: ${n}`).join(', ') || 'none';
    lines.push(`- \`${r.method} ${r.path}\`: ${codes}; ${r.requests} responses in ${fmt(r.duration, 2)} s; timeouts ${r.timeouts}`);
  }
  lines.push('');
  if (webhook) {
    lines.push(webhookLine(webhook));
    lines.push('');
    lines.push(`Webhook answers (all runs): ${Object.entries(webhook.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}. ` +
      'Each request a new signed payment_intent.succeeded (new event and intent id, rebuilt into a payment of a bench ' +
      `client) or, every ${REDELIVER_EVERY}th, a redelivery of an event already acknowledged; the check ran after the ` +
      'server had processed its queue (see bench/README.md, "The webhook and the exactly-once check").');
    lines.push('');
  }
  if (backfill) lines.push(backfillSection(backfill, wearableCheck));
  lines.push('Latencies: every response of the measured run (any status), timed by autocannon and recorded in an HdrHistogram (3 significant digits); p95 is not among autocannon\'s own percentiles. Requests/s: completed responses divided by the run\'s duration. "Errors" counts connection errors and timeouts. Ratios divide each endpoint\'s p95 and requests/s by those of `GET /q/health/live`.');
  lines.push('');
  return lines.join('\n');
}

async function main() {
  assertLoopback(API_URL);

  const header = [
    `FitnessCRM benchmark against ${API_URL}: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per endpoint.`,
    `The server must run with raised rate limits: ${Object.entries(RATE_LIMIT_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}`,
  ];
  for (const l of header) log(l);

  const live = await api('GET', '/q/health/live').catch((e) => {
    throw new Error(`server not reachable at ${API_URL}: ${e.message}`);
  });
  expectStatus(live, [200], 'GET /q/health/live');

  const selected = (name) => ONLY.length === 0 || ONLY.includes(name);
  if (selected('stripe-webhook') && !STRIPE_WEBHOOK_SECRET) {
    throw new Error('STRIPE_WEBHOOK_SECRET must be the server\'s webhook signing secret (bench/run.sh sets both), ' +
      'or leave stripe-webhook out with ONLY');
  }

  const wearablesWanted = selected('wearables-backfill') || WEARABLE_READS.some((t) => ONLY.includes(t));
  if (wearablesWanted) {
    assertLoopback(FAKE_URL);
    const probe = await fakeStats().catch((e) => {
      throw new Error(`the fake providers are not reachable at ${FAKE_URL} (bench/run.sh starts them): ${e.message}`);
    });
    if (!probe.google || !probe.strava) throw new Error(`${FAKE_URL}/__stats is not bench/fake-providers.mjs`);
  }

  const setupResult = await setup();
  const { email, organizationId, trainerId, clientIds, sessions, trained, exerciseIds, progressClient, manual } =
    setupResult;
  let { token } = setupResult;

  // The wearables backfill (before the pre-warm: the data reads need its data), then a fresh admin token, as the
  // registration's 15-minute one would not outlast the runs after it.
  let backfill = null;
  let wearableCheck = null;
  if (wearablesWanted) {
    log(`wearables backfill: ${WEARABLE_USERS} users × ${WEARABLE_PROVIDERS.join(' + ')} (fakes at ${FAKE_URL})`);
    backfill = await wearablesBackfill(token, runId());
    token = await loginAs(email);
    wearableCheck = await checkWearableData(token, backfill.firstUser.clientId);
  }
  const wearableClient = backfill ? backfill.firstUser.clientId : null;
  const weekAgo = new Date(Date.now() - 7 * 86400000).toISOString().slice(0, 10);
  const webhook = newWebhookState(organizationId, clientIds);
  let webhookVerdict = null;
  let logged = 0;
  const monday = mondayOf(new Date());
  const sunday = new Date(monday.getTime() + 7 * 86400000 - 1);
  // Fresh slots for the booking benchmark: 30-minute steps starting two years ahead, far from the series.
  let bookingSlot = 0;
  const bookingsFrom = Date.now() + 2 * 365 * 86400000;
  const auth = { authorization: `Bearer ${token}`, accept: 'application/json' };

  const targets = [
    { name: 'trivial', method: 'GET', path: '/q/health/live', headers: { accept: 'application/json' } },
    { name: 'clients', method: 'GET', path: '/api/clients?per_page=25', headers: auth },
    { name: 'me', method: 'GET', path: '/api/auth/me', headers: auth },
    {
      name: 'sessions-week',
      method: 'GET',
      path: `/api/sessions?trainer_id=${trainerId}&start_date=${monday.toISOString()}&end_date=${sunday.toISOString()}`,
      headers: auth,
    },
    {
      name: 'book-session',
      method: 'POST',
      path: '/api/sessions',
      headers: { ...auth, 'content-type': 'application/json' },
      nextBody: () => {
        const n = bookingSlot++;
        return JSON.stringify({
          trainer_id: trainerId,
          client_id: clientIds[n % clientIds.length],
          session_date: new Date(bookingsFrom + n * 30 * 60000).toISOString(),
          duration: 30,
        });
      },
    },
    { name: 'dashboard', method: 'GET', path: '/api/crm/dashboard', headers: auth },
    {
      // A trainer logging a client's workout: six sets, each checked against the exercise library, written with
      // the log, and every set's personal records (Epley 1RM, heaviest, volume) updated in the same transaction.
      name: 'log-workout',
      method: 'POST',
      path: '/api/workouts/log',
      headers: { ...auth, 'content-type': 'application/json' },
      nextBody: () => {
        const n = logged++;
        const who = trained[n % trained.length];
        return JSON.stringify({
          client_id: who.clientId, client_workout_id: who.clientWorkoutId, duration_minutes: 50,
          difficulty_rating: 8, notes: 'bench',
          sets: exerciseIds.map((id, i) => ({ exercise_id: id, set_number: i + 1, reps: 5 + (n % 3), weight_kg: 60 + (n % 40) })),
        });
      },
    },
    {
      // The client portal's figures for a client with twelve weeks of history: completion per week, streaks in the
      // client's zone, next session, newest measurement and goal counts.
      name: 'client-progress',
      method: 'GET',
      path: `/api/clients/${progressClient.clientId}/progress`,
      headers: auth,
    },
    // The analytics page's figures (the SPA's path, without /api): totals, this month and year, pending, by type,
    // the 12-month trend, over the hand-recorded payments (and, after the webhook runs, the rebuilt card payments);
    // a read model cached in Redis until a payment changes.
    { name: 'revenue-dashboard', method: 'GET', path: '/payments/revenue/dashboard', headers: auth },
    {
      // Stripe delivering payment_intent.succeeded events: the signature verified against the raw body, the event
      // stored under its id (a redelivery only counts), the answer; the worker rebuilds the payment afterwards.
      // After its measured run, the queue is drained and the exactly-once check made (before login).
      name: 'stripe-webhook',
      method: 'POST',
      path: '/api/stripe/webhook',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      nextRequest: (context) => nextWebhookRequest(webhook, context),
      onResponse: (status, body, context) => webhookAnswered(webhook, status, body, context),
      after: async () => {
        // A fresh token: the registration's 15-minute one may be near its end this late in a full run.
        const fresh = await api('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
        expectStatus(fresh, [200], 'POST /api/auth/login');
        webhookVerdict = await checkWebhooks(webhook, fresh.json.token, manual);
        log(`  ${webhookLine(webhookVerdict)}`);
      },
    },
    // Wearable data reads as the admin, for the first wearable user (the backfill's data: 30 days by default).
    { name: 'wearables-daily', method: 'GET', path: `/api/wearables/daily?client_id=${wearableClient}`, headers: auth },
    { name: 'wearables-workouts', method: 'GET', path: `/api/wearables/workouts?client_id=${wearableClient}`, headers: auth },
    {
      name: 'wearables-heart-rate',
      method: 'GET',
      path: `/api/wearables/heart-rate?client_id=${wearableClient}&include=samples&from=${weekAgo}`,
      headers: auth,
    },
    { name: 'wearables-sleep', method: 'GET', path: `/api/wearables/sleep?client_id=${wearableClient}`, headers: auth },
    { name: 'integrations-status', method: 'GET', path: '/api/integrations/status', headers: auth },
    {
      name: 'login',
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
      // Last: the logins still queued in the server when the run ends are hashed after it (abandoned ones are
      // skipped, but a hash already running finishes), and must not steal the CPU of another endpoint's run.
      // bcrypt (cost 12) is CPU bound: 100 queued logins take ~12 s on 2 cores. A warm-up would leave such a
      // backlog in the server's queue for the measured run, and 15 s would see only the first completions;
      // so no warm-up and a longer run (the JIT has been warmed by the setup's logins and the trivial run).
      warmup: 0,
      duration: Math.max(DURATION, 45),
    },
  ].filter((t) => t.name === 'trivial' || selected(t.name))
    .filter((t) => !WEARABLE_READS.includes(t.name) || wearableClient !== null);

  // A first pass over every endpoint, then a pause: on two cores the JIT's single C2 thread falls behind the
  // whole app's hot code (a recording showed ~2,000 methods queued and C2 busy a full core during the measured
  // runs), so without it each run would measure the compiler catching up with the code paths of that endpoint.
  if (PREWARM > 0) {
    for (const target of targets.filter((t) => t.name !== 'login' && t.name !== 'trivial')) {
      log(`pre-warm ${target.method} ${target.path} (${PREWARM} s)`);
      await runAutocannon(target, PREWARM, null);
    }
    log(`settling ${SETTLE} s`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE * 1000));
    if (SERVER_PID) await untilQuiet(SERVER_PID);
  }

  const results = [];
  for (const target of targets) {
    const warmup = target.warmup ?? WARMUP;
    const duration = target.duration ?? DURATION;
    if (warmup > 0) {
      log(`warm-up ${target.method} ${target.path} (${warmup} s)`);
      await runAutocannon(target, warmup, null);
    }
    log(`measuring ${target.method} ${target.path} (${duration} s)`);
    const hist = newHistogram();
    const started = new Date();
    const raw = await runAutocannon(target, duration, hist);
    const s = summarize(target, raw, hist);
    if (typeof hist.destroy === 'function') hist.destroy();
    results.push(s);
    // The window (UTC times of day) selects this run's samples of a JFR recording: bench/jfr-breakdown.py --window.
    log(`  window ${started.toISOString().slice(11, 19)}-${new Date().toISOString().slice(11, 19)}`);
    log(`  ${fmt(s.rps)} req/s, p50 ${fmtMs(s.p50)} ms, p95 ${fmtMs(s.p95)} ms, p99 ${fmtMs(s.p99)} ms, non-2xx ${s.non2xx}, errors ${s.errors}`);
    if (s.statusCodes['429']) {
      log(`  warning: ${s.statusCodes['429']} responses were 429: the server's rate limits were not raised`);
    }
    if (s.statusCodes['401']) {
      log(`  warning: ${s.statusCodes['401']} responses were 401 (token expired or rejected?)`);
    }
    if (target.after) await target.after();
  }

  const meta = {
    ...machineInfo(),
    dataset: `${CLIENTS} clients, ${sessions} sessions of one trainer (week list: ${Math.round(sessions / SESSIONS_PER_CLIENT)} sessions); a template assigned to ${trained.length} clients (the logging run rotates over them); the progress client has 12 weeks of logs (4 a week, 6 sets each), 12 measurements and 3 goals; ${PAYMENTS} payments recorded by hand over 12 months (${manual.received} received, ${money(manual.receivedMinor)} USD; ${manual.pending} pending)`,
  };
  if (backfill) {
    meta.dataset += `; ${WEARABLE_USERS} client logins with Fitbit and Strava connected and backfilled (90 days; the reads are the first one's)`;
  }
  const md = report(results, meta, webhookVerdict, backfill, wearableCheck);
  process.stdout.write(md + '\n');
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, md + '\n');
  log(`report written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
  if (backfill && KEEP_WEARABLES === 0) await disconnectWearables(await loginAs(email), backfill.clientIds);
  if (wearableCheck && !wearableCheck.ok) {
    throw new Error(`the first wearable user's daily data shows ${wearableCheck.dailyDays} days, not 30`);
  }
  if (backfill && !backfill.finished) {
    throw new Error(`the wearables backfill did not finish within ${BACKFILL_MAX} s: ${backfill.stuck.join('; ')}`);
  }
  if (webhookVerdict && !webhookVerdict.ok) {
    throw new Error(`the webhook exactly-once check failed: ${webhookVerdict.problems.join('; ')}`);
  }
}

main().catch((err) => {
  process.stderr.write(`[bench] FAILED: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
