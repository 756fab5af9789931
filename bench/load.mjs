#!/usr/bin/env node
// The roadmap's launch load test: 100 concurrent users of one studio, at the server's DEFAULT rate limits.
//
// Setup (through the API): registers a fresh organization (its admin), creates TRAINERS trainers and
// TRAINERS × CLIENTS_PER_TRAINER clients with passwords, assigns CLIENTS_PER_TRAINER clients to each trainer, gives
// every client a weekly session with their trainer (two weeks back to next week, so this week's calendar is full)
// and a workout template, and lets every client log a few past workouts and a measurement, so the portals and the
// progress pages have data. Every user then signs in with their own login.
//
// Measured phase: one virtual user (VU) per login. Each opens its role's pages the way the SPA does — the calls a
// page makes, issued together (Promise.all) where the SPA does — then thinks 1–5 s (uniform) and opens the next.
// VUs start spread over RAMP_UP seconds; the LOAD_DURATION seconds after that are measured.
//
// Addressing: the studio's staff (admin and trainers) share one source address (STAFF_ADDRESS, as behind one
// office router) and each client comes from an address of their own (CLIENT_NET.N). This does not rely on
// X-Forwarded-For: on Linux all of 127.0.0.0/8 is loopback, so each connection is bound to its VU's address with
// http.Agent's localAddress, and the server's rate limiter (which keys by the peer address) sees distinct callers.
// Setup writes go from a pool of SETUP_NET addresses so creating 100 people stays under the per-IP limits, and
// setup (never the measured phase) waits out a 429 for its Retry-After. The script checks in the activity log that
// the server recorded the VUs' own addresses before it measures.
//
// Environment:
//   API_URL          base URL (default http://127.0.0.1:8080); loopback IPv4 only
//   LOAD_DURATION    measured seconds (default 180)
//   RAMP_UP          seconds over which the VUs start, not measured (default 20)
//   THINK_MIN, THINK_MAX  think time between page opens in ms, uniform (default 1000, 5000)
//   TRAINERS         trainers (default 9; with the admin, the staff)
//   CLIENTS_PER_TRAINER  clients per trainer (default 10; 9 × 10 + 9 + 1 = 100 users)
//   STAFF_ADDRESS    source address of the admin and the trainers (default 127.0.1.1)
//   CLIENT_NET       clients use CLIENT_NET.1, CLIENT_NET.2, … (default 127.0.2)
//   SETUP_NET        setup uses SETUP_NET.1 … SETUP_NET.SETUP_ADDRESSES (default 127.0.3, 40 addresses)
//   REQUEST_TIMEOUT  per-request timeout in seconds (default 30)
//   RESULTS_FILE     markdown report (default bench/results/load.md)

import http from 'node:http';
import zlib from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import {
  PASSWORD, TEMPLATE_EXERCISES, assertLoopback, fmt, fmtMs, forEachLimited, intEnv, machineInfo, maxMs, mondayOf,
  newHistogram, percentileMs, recordMs, runId, templateBody,
} from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const API_URL = (process.env.API_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const LOAD_DURATION = intEnv('LOAD_DURATION', 180, 1);
const RAMP_UP = intEnv('RAMP_UP', 20, 0);
const THINK_MIN = intEnv('THINK_MIN', 1000, 0);
const THINK_MAX = intEnv('THINK_MAX', 5000, THINK_MIN);
const TRAINERS = intEnv('TRAINERS', 9, 1);
const CLIENTS_PER_TRAINER = intEnv('CLIENTS_PER_TRAINER', 10, 1);
const STAFF_ADDRESS = process.env.STAFF_ADDRESS || '127.0.1.1';
const CLIENT_NET = process.env.CLIENT_NET || '127.0.2';
const SETUP_NET = process.env.SETUP_NET || '127.0.3';
const SETUP_ADDRESSES = intEnv('SETUP_ADDRESSES', 40, 1);
const REQUEST_TIMEOUT = intEnv('REQUEST_TIMEOUT', 30, 1);
const RESULTS_FILE = process.env.RESULTS_FILE || path.join(here, 'results', 'load.md');
const CLIENTS = TRAINERS * CLIENTS_PER_TRAINER;

// The targets of issue 8 for these human-paced users.
const TARGET_ERROR_RATE = 0.001;
const TARGET_P95_MS = 100;

const target = assertLoopback(API_URL);
// Source addresses are IPv4 loopback addresses, so the target must be one too.
const TARGET_HOST = target.hostname === 'localhost' ? '127.0.0.1' : target.hostname;
if (isIP(TARGET_HOST) !== 4) {
  throw new Error(`load.mjs binds each user to a 127.x source address: API_URL must be an IPv4 loopback address (got ${target.hostname})`);
}
const TARGET_PORT = Number(target.port || 80);
if (target.protocol !== 'http:') throw new Error('load.mjs speaks plain HTTP to the loopback server');
for (const [name, value] of [['STAFF_ADDRESS', STAFF_ADDRESS], ['CLIENT_NET', `${CLIENT_NET}.1`], ['SETUP_NET', `${SETUP_NET}.1`]]) {
  if (isIP(value) !== 4 || !value.startsWith('127.')) throw new Error(`${name} must be within 127.0.0.0/8 (got ${value})`);
}
if (CLIENTS > 254 || SETUP_ADDRESSES > 254) throw new Error('at most 254 clients and 254 setup addresses (one /24 each)');

function log(msg) {
  process.stderr.write(`[load] ${msg}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const thinkTime = () => THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN);

/** A browser's connection pool to the API from one source address (browsers open at most 6 per host). */
function agentFrom(localAddress) {
  return new http.Agent({ keepAlive: true, maxSockets: 6, localAddress });
}

/**
 * One HTTP request as the SPA's axios sends it (JSON, bearer token, Accept-Encoding: gzip like a browser).
 * Resolves, never rejects: {status, json, text, headers, ms} or {status: 0, error, ms} for a network error.
 */
function send(agent, method, pathname, { body, token } = {}) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (result) => {
      if (!done) {
        done = true;
        resolve(result);
      }
    };
    const started = performance.now();
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { accept: 'application/json', 'accept-encoding': 'gzip' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request({
      host: TARGET_HOST, port: TARGET_PORT, method, path: pathname, headers, agent, timeout: REQUEST_TIMEOUT * 1000,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (error) => finish({ status: 0, error, ms: performance.now() - started }));
      res.on('end', () => {
        const ms = performance.now() - started;
        let bytes = Buffer.concat(chunks);
        const wireBytes = bytes.length;
        try {
          if (res.headers['content-encoding'] === 'gzip') bytes = zlib.gunzipSync(bytes);
        } catch (error) {
          finish({ status: 0, error, ms });
          return;
        }
        const text = bytes.toString('utf8');
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          /* not JSON */
        }
        finish({ status: res.statusCode, headers: res.headers, text, json, ms, wireBytes, bytes: bytes.length });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT} s`)));
    req.on('error', (error) => finish({ status: 0, error, ms: performance.now() - started }));
    if (payload) req.write(payload);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Setup

const setupAgents = Array.from({ length: SETUP_ADDRESSES }, (_, i) => agentFrom(`${SETUP_NET}.${i + 1}`));
let setupTurn = 0;
let setupCalls = 0;
let setupWaits = 0;

/** A setup request from the next setup address; waits out a 429's Retry-After (setup only), at most 6 times. */
async function setupCall(method, pathname, { body, token, agent, ok = [200, 201] } = {}) {
  for (let attempt = 1; ; attempt++) {
    const res = await send(agent || setupAgents[setupTurn++ % setupAgents.length], method, pathname, { body, token });
    setupCalls++;
    if (res.status === 429 && attempt < 6) {
      const wait = Math.min(65, Number(res.headers['retry-after']) || 5);
      setupWaits++;
      log(`setup: ${method} ${pathname} was rate limited; waiting ${wait} s (Retry-After)`);
      await sleep(wait * 1000 + Math.random() * 500);
      continue;
    }
    if (!ok.includes(res.status)) {
      const why = res.status === 0 ? res.error.message : `HTTP ${res.status}: ${res.text.slice(0, 400)}`;
      throw new Error(`setup: ${method} ${pathname}: expected ${ok.join('/')}, got ${why}`);
    }
    return res.json;
  }
}

function loginState(body) {
  if (!body || !body.token) throw new Error(`no token in ${JSON.stringify(body).slice(0, 300)}`);
  return {
    token: body.token,
    refreshToken: body.refresh_token,
    expiresAt: Date.now() + (Number(body.expires_in) || 900) * 1000,
    user: body.user,
  };
}

async function setup() {
  const unique = runId();
  const mail = (who) => `load-${who}-${unique}@load.example.com`;
  const staffAgent = agentFrom(STAFF_ADDRESS);

  const adminEmail = mail('admin');
  const admin = loginState(await setupCall('POST', '/api/auth/register', {
    body: { email: adminEmail, password: PASSWORD, name: 'Load Admin', organization_name: 'Load Studio' },
  }));
  const token = admin.token;
  log(`registered ${adminEmail} (organization "Load Studio")`);

  // Trainers and clients, with logins; each client assigned to one trainer.
  const trainers = [];
  await forEachLimited(TRAINERS, 4, async (t) => {
    const email = mail(`trainer${t + 1}`);
    const body = await setupCall('POST', '/api/trainers', {
      token,
      body: { name: `Load Trainer ${t + 1}`, email, password: PASSWORD, phone: `+1555200${String(t).padStart(4, '0')}`,
        specialization: 'Strength', certification: 'NSCA-CPT', experience: '5' },
    });
    trainers[t] = { id: body.id, email, clients: [] };
  });
  const clients = [];
  await forEachLimited(CLIENTS, 4, async (c) => {
    const email = mail(`client${c + 1}`);
    const body = await setupCall('POST', '/api/clients', {
      token,
      body: { name: `Load Client ${c + 1}`, email, password: PASSWORD, phone: `+1555300${String(c).padStart(4, '0')}`,
        age: String(20 + (c % 40)), goals: 'Get stronger, three sessions a week' },
    });
    clients[c] = { id: body.id, email, trainer: trainers[Math.floor(c / CLIENTS_PER_TRAINER)], address: `${CLIENT_NET}.${c + 1}` };
    clients[c].trainer.clients.push(clients[c]);
  });
  await forEachLimited(CLIENTS, 5, async (c) => {
    await setupCall('POST', '/api/crm/assign', { token, body: { trainer_id: clients[c].trainer.id, client_id: clients[c].id } });
  });
  log(`created ${TRAINERS} trainers and ${CLIENTS} clients, ${CLIENTS_PER_TRAINER} assigned to each trainer`);

  // A weekly hour with their trainer for every client, from two weeks ago to next week: this week's calendar holds
  // CLIENTS_PER_TRAINER sessions per trainer, and the dashboards have past and upcoming sessions. Client j of a
  // trainer: weekday j % 5 at 07:00 + 2 h × floor(j / 5), so a trainer's sessions never overlap.
  const firstMonday = new Date(mondayOf(new Date()).getTime() - 14 * 86400000);
  let sessions = 0;
  await forEachLimited(CLIENTS, 5, async (c) => {
    const j = c % CLIENTS_PER_TRAINER;
    const day = j % 5;
    const hour = 7 + 2 * Math.floor(j / 5);
    const body = await setupCall('POST', '/api/recurring-sessions', {
      token,
      body: {
        trainer_id: clients[c].trainer.id, client_id: clients[c].id,
        start_date: new Date(firstMonday.getTime() + day * 86400000).toISOString().slice(0, 10),
        start_time: `${String(hour % 24).padStart(2, '0')}:00`, recurrence_pattern: 'weekly', recurrence_days: [day],
        occurrences: 4, duration: 60,
      },
    });
    sessions += body.sessions_created;
  });
  log(`booked ${sessions} sessions`);

  // A template (made by the admin from the staff address: the activity log then shows that address) assigned to
  // every client.
  const library = await setupCall('GET', '/api/workouts/exercises?per_page=1000', { token });
  const exerciseIds = library.exercises.filter((e) => TEMPLATE_EXERCISES.includes(e.name)).map((e) => e.id);
  if (exerciseIds.length < 4) throw new Error(`expected the shared library's barbell lifts, found ${exerciseIds.length}`);
  const template = await setupCall('POST', '/api/workouts/templates', {
    token, agent: staffAgent, body: templateBody('Load full body', exerciseIds),
  });
  const templateId = template.template.id;
  await forEachLimited(CLIENTS, 5, async (c) => {
    const body = await setupCall('POST', '/api/workouts/assign', {
      token, body: { client_id: clients[c].id, workout_template_id: templateId, frequency_per_week: 3 },
    });
    clients[c].clientWorkoutId = body.assignment.id;
  });
  log(`template ${templateId} assigned to every client`);

  // Logins. bcrypt makes each one cost a few hundred ms of CPU, so a few at a time. The credential limits are 5 a
  // minute per IP and per account: each client signs in from their own address; the trainers sign in from setup
  // addresses (ten staff logins from the one staff address would take two minutes at 5 a minute).
  await forEachLimited(TRAINERS, 3, async (t) => {
    trainers[t].login = loginState(await setupCall('POST', '/api/auth/login', {
      agent: setupAgents[(t * 7 + 3) % setupAgents.length], body: { email: trainers[t].email, password: PASSWORD },
    }));
  });
  await forEachLimited(CLIENTS, 3, async (c) => {
    clients[c].agent = agentFrom(clients[c].address);
    clients[c].login = loginState(await setupCall('POST', '/api/auth/login', {
      agent: clients[c].agent, body: { email: clients[c].email, password: PASSWORD },
    }));
  });
  log(`signed in ${TRAINERS} trainers and ${CLIENTS} clients`);

  // History, written by each client from their own address: three past workouts and a measurement.
  await forEachLimited(CLIENTS, 5, async (c) => {
    const me = clients[c];
    for (const daysAgo of [12, 8, 3]) {
      await setupCall('POST', '/api/workouts/log', {
        agent: me.agent, token: me.login.token, body: logBody(me, exerciseIds, new Date(Date.now() - daysAgo * 86400000)),
      });
    }
    await setupCall('POST', '/api/measurements', {
      agent: me.agent, token: me.login.token,
      body: { client_id: me.id, measurement_date: new Date(Date.now() - 5 * 86400000).toISOString().slice(0, 10),
        weight: 70 + (c % 30), weight_unit: 'kg', body_fat_percentage: 18 + (c % 10), waist: 80 + (c % 20),
        measurement_unit: 'cm', resting_heart_rate: 60 + (c % 15) },
    });
  });
  log(`${CLIENTS} clients logged 3 workouts and a measurement each`);

  await checkAddresses(token, clients, staffAgent);
  return { admin, trainers, clients, exerciseIds, staffAgent, sessions, templateId };
}

/** The server must have seen each VU's own source address, or the test would measure something else. */
async function checkAddresses(token, clients, staffAgent) {
  const logs = await setupCall('GET', '/api/activity?entity_type=workout_log&limit=1000', { token });
  const templates = await setupCall('GET', '/api/activity?entity_type=workout_template&limit=10', { token });
  const seen = new Map();
  for (const a of logs.activities || []) seen.set(a.entity_id, a.ip_address);
  const byClient = new Map();
  for (const a of logs.activities || []) {
    if (!byClient.has(a.user_identifier)) byClient.set(a.user_identifier, new Set());
    byClient.get(a.user_identifier).add(a.ip_address);
  }
  const wrong = clients.filter((c) => {
    const ips = byClient.get(c.email);
    return !ips || ips.size !== 1 || !ips.has(c.address);
  });
  const staffIps = new Set((templates.activities || []).map((a) => a.ip_address));
  if (wrong.length > 0 || !staffIps.has(STAFF_ADDRESS)) {
    const example = wrong[0] ? `${wrong[0].email} expected ${wrong[0].address}, recorded ${[...(byClient.get(wrong[0].email) || [])].join(',') || 'nothing'}` : '';
    throw new Error(`the server did not record the VUs' source addresses (${wrong.length} clients wrong; ${example}; staff: ${[...staffIps].join(',')}). ` +
      'Is TRUSTED_PROXIES set, or the server behind a proxy?');
  }
  log(`the server saw each client's own address (${CLIENT_NET}.1–${CLIENT_NET}.${clients.length}) and the staff's ${STAFF_ADDRESS}`);
}

function logBody(client, exerciseIds, completed) {
  const n = Math.floor(Math.random() * 1000);
  return {
    client_id: client.id, client_workout_id: client.clientWorkoutId,
    completed_date: completed ? completed.toISOString() : undefined,
    duration_minutes: 45 + (n % 30), difficulty_rating: 5 + (n % 5), notes: 'Felt good',
    sets: exerciseIds.slice(0, 4).map((id, i) => ({ exercise_id: id, set_number: i + 1, reps: 5 + (n % 4), weight_kg: 40 + (n % 50) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Measurement

const stats = new Map(); // route template -> figures
let windowStart = Infinity;
let windowEnd = Infinity;
const pageOpens = { admin: 0, trainer: 0, client: 0 };
const byRole = Object.fromEntries(['admin', 'trainer', 'client'].map((r) => [r, { calls: 0, errors: 0, throttled: 0 }]));
const bodyBytes = { wire: 0, decoded: 0 };
const loadAverage = { start: NaN, end: NaN };

function statsFor(route) {
  let s = stats.get(route);
  if (!s) {
    s = { route, count: 0, errors: 0, expected: 0, throttled: 0, network: 0, statuses: {}, all: newHistogram(), ok: newHistogram() };
    stats.set(route, s);
  }
  return s;
}

function inWindow(startedAt) {
  return startedAt >= windowStart && startedAt < windowEnd;
}

/** Records one response: any non-2xx not listed in `expected` is an error, and so is a network error. */
function record(role, route, res, startedAt, expected) {
  if (!inWindow(startedAt)) return;
  const s = statsFor(route);
  s.count++;
  byRole[role].calls++;
  recordMs(s.all, res.ms);
  const code = res.status === 0 ? 'network' : String(res.status);
  s.statuses[code] = (s.statuses[code] || 0) + 1;
  if (res.status !== 0) {
    bodyBytes.wire += res.wireBytes;
    bodyBytes.decoded += res.bytes;
  }
  if (res.status >= 200 && res.status < 300) {
    recordMs(s.ok, res.ms);
  } else if (expected.includes(res.status)) {
    s.expected++;
  } else {
    s.errors++;
    byRole[role].errors++;
    if (res.status === 429) {
      s.throttled++;
      byRole[role].throttled++;
    }
    if (res.status === 0) s.network++;
  }
}

/** A signed-in user's browser tab: its own connections, tokens and the SPA's refresh-on-expiry behaviour. */
class VirtualUser {
  constructor(role, name, agent, login) {
    this.role = role;
    this.name = name;
    this.agent = agent;
    this.login = login;
    this.refreshing = null;
  }

  /** One API call of a page, grouped under `route` (the route template) in the report. */
  async call(route, method, pathname, { body, expected = [] } = {}) {
    const startedAt = Date.now();
    let res = await send(this.agent, method, pathname, { body, token: this.login.token });
    if (res.status === 401 && await this.refresh()) {
      // The SPA refreshes the access token after a 401 and replays the request once.
      record(this.role, route, res, startedAt, [401]);
      res = await send(this.agent, method, pathname, { body, token: this.login.token });
    }
    record(this.role, route, res, startedAt, expected);
    return res;
  }

  /** Rotates the tokens (one refresh in flight per user, as auth-refresh.js does); false when it failed. */
  refresh() {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        const startedAt = Date.now();
        const res = await send(this.agent, 'POST', '/api/auth/refresh', { body: { refresh_token: this.login.refreshToken } });
        record(this.role, 'POST /api/auth/refresh', res, startedAt, []);
        if (res.status === 200 && res.json && res.json.token) {
          this.login = { ...this.login, ...loginState(res.json), user: this.login.user };
          return true;
        }
        return false;
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Refreshes ahead of expiry: a minute before the 15-minute access token runs out. */
  async keepFresh() {
    if (Date.now() > this.login.expiresAt - 60_000) await this.refresh();
  }
}

function weekRange() {
  const monday = mondayOf(new Date());
  const sunday = new Date(monday.getTime() + 7 * 86400000 - 1);
  return `start_date=${encodeURIComponent(monday.toISOString())}&end_date=${encodeURIComponent(sunday.toISOString())}`;
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** The pages of each role and the calls the SPA makes when it opens them. */
function pagesOf(vu, data) {
  if (vu.role === 'admin') {
    const dashboard = () => Promise.all([
      vu.call('GET /api/crm/dashboard', 'GET', '/api/crm/dashboard'),
      vu.call('GET /api/trainers?per_page=1000', 'GET', '/api/trainers?per_page=1000'),
      vu.call('GET /api/clients?per_page=1000', 'GET', '/api/clients?per_page=1000'),
      vu.call('GET /api/crm/assignments', 'GET', '/api/crm/assignments'),
      vu.call('GET /api/activity/recent?limit', 'GET', '/api/activity/recent?limit=100'),
    ]);
    const clientList = () => Promise.all([
      vu.call('GET /api/clients?per_page=1000', 'GET', '/api/clients?per_page=1000'),
      vu.call('GET /api/trainers?per_page=1000', 'GET', '/api/trainers?per_page=1000'),
      vu.call('GET /api/crm/assignments', 'GET', '/api/crm/assignments'),
    ]);
    return { landing: dashboard, pages: [dashboard, clientList] };
  }
  if (vu.role === 'trainer') {
    const t = vu.trainer;
    const portal = async () => {
      await vu.call('GET /api/trainers/me', 'GET', '/api/trainers/me');
      await Promise.all([
        vu.call('GET /api/clients', 'GET', '/api/clients'),
        vu.call('GET /api/crm/assignments', 'GET', '/api/crm/assignments'),
        vu.call('GET /api/crm/dashboard', 'GET', '/api/crm/dashboard'),
      ]);
    };
    const calendarWeek = () => vu.call('GET /api/sessions?trainer_id&start_date&end_date', 'GET',
      `/api/sessions?trainer_id=${t.id}&${weekRange()}`);
    const clientWorkouts = () => {
      const c = pick(t.clients);
      return Promise.all([
        vu.call('GET /api/workouts/assignments/{client_id}', 'GET', `/api/workouts/assignments/${c.id}`),
        vu.call('GET /api/workouts/logs/{client_id}', 'GET', `/api/workouts/logs/${c.id}`),
        vu.call('GET /api/workouts/templates?created_by', 'GET', `/api/workouts/templates?created_by=${t.id}`),
      ]);
    };
    const clientProgress = () => {
      const c = pick(t.clients);
      return Promise.all([
        vu.call('GET /api/clients/{id}/progress', 'GET', `/api/clients/${c.id}/progress`),
        vu.call('GET /api/measurements/client/{id}/progress', 'GET', `/api/measurements/client/${c.id}/progress`),
        vu.call('GET /api/goals/client/{id}/summary', 'GET', `/api/goals/client/${c.id}/summary`),
      ]);
    };
    return { landing: portal, pages: [portal, calendarWeek, clientWorkouts, clientProgress] };
  }
  const me = vu.client;
  const dashboard = () => Promise.all([
    vu.call('GET /api/auth/me', 'GET', '/api/auth/me'),
    vu.call('GET /api/clients/me', 'GET', '/api/clients/me'),
    vu.call('GET /api/crm/dashboard', 'GET', '/api/crm/dashboard'),
    // The client portal shows the client's own trainers (their contact cards).
    vu.call('GET /api/trainers', 'GET', '/api/trainers'),
    vu.call('GET /api/sessions?client_id&start_date&end_date', 'GET', `/api/sessions?client_id=${me.id}&${weekRange()}`),
  ]);
  const workouts = () => Promise.all([
    vu.call('GET /api/workouts/assignments/{client_id}', 'GET', `/api/workouts/assignments/${me.id}`),
    vu.call('GET /api/workouts/logs/{client_id}', 'GET', `/api/workouts/logs/${me.id}`),
  ]);
  const progress = () => Promise.all([
    vu.call('GET /api/clients/{id}/progress', 'GET', `/api/clients/${me.id}/progress`),
    vu.call('GET /api/measurements/client/{id}/progress', 'GET', `/api/measurements/client/${me.id}/progress`),
    vu.call('GET /api/goals/client/{id}/summary', 'GET', `/api/goals/client/${me.id}/summary`),
  ]);
  const logWorkout = async () => {
    const res = await vu.call('POST /api/workouts/log', 'POST', '/api/workouts/log', { body: logBody(me, data.exerciseIds) });
    if (res.status === 201) {
      // The page shows the new log and the figures it changed.
      await Promise.all([
        vu.call('GET /api/workouts/logs/{client_id}', 'GET', `/api/workouts/logs/${me.id}`),
        vu.call('GET /api/clients/{id}/progress', 'GET', `/api/clients/${me.id}/progress`),
      ]);
    }
  };
  // The dashboard is opened most, logging a workout least.
  return { landing: dashboard, pages: [dashboard, dashboard, dashboard, workouts, workouts, progress, progress, logWorkout] };
}

async function runUser(vu, data, startDelay) {
  await sleep(startDelay);
  const { landing, pages } = pagesOf(vu, data);
  let page = landing;
  while (Date.now() < windowEnd) {
    await vu.keepFresh();
    if (Date.now() >= windowStart) pageOpens[vu.role]++;
    await page();
    await sleep(thinkTime());
    page = pick(pages);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function report(meta) {
  const rows = [...stats.values()].sort((a, b) => a.route.split(' ')[1].localeCompare(b.route.split(' ')[1]) || a.route.localeCompare(b.route));
  const total = rows.reduce((acc, r) => ({
    count: acc.count + r.count, errors: acc.errors + r.errors, throttled: acc.throttled + r.throttled,
    expected: acc.expected + r.expected, network: acc.network + r.network,
  }), { count: 0, errors: 0, throttled: 0, expected: 0, network: 0 });
  const errorRate = total.count > 0 ? total.errors / total.count : NaN;
  const slow = rows.filter((r) => !(percentileMs(r.all, 95) <= TARGET_P95_MS));
  const checks = [
    [Number.isFinite(errorRate) && errorRate < TARGET_ERROR_RATE, `error rate ${fmt(errorRate * 100, 2)} % (target < ${TARGET_ERROR_RATE * 100} %)`],
    [total.throttled === 0, `${total.throttled} responses were 429 (target 0)`],
    [slow.length === 0, slow.length === 0 ? `p95 ≤ ${TARGET_P95_MS} ms on every endpoint`
      : `p95 over ${TARGET_P95_MS} ms on ${slow.length} of ${rows.length} endpoints: ${slow.map((r) => `\`${r.route}\` ${fmtMs(percentileMs(r.all, 95))} ms`).join(', ')}`],
  ];
  const lines = [];
  lines.push('# FitnessCRM launch load test: 100 users of one studio at the default rate limits');
  lines.push('');
  lines.push(`- Date: ${meta.date}`);
  lines.push(`- Machine: nproc=${meta.nproc}, ${meta.cpu}, ${meta.memGiB} GiB RAM, ${meta.platform}; the load generator shares it with the server, PostgreSQL and Redis`);
  lines.push(`- Load average of the machine (1 min) as the measured window started and ended: ${fmt(loadAverage.start, 1)} and ${fmt(loadAverage.end, 1)} (${meta.nproc} CPUs)`);
  lines.push(`- Target: ${API_URL}, rate limits at the server's defaults (the script does not change them), TRUSTED_PROXIES unset`);
  lines.push(`- Users: ${1 + TRAINERS + CLIENTS} (1 admin, ${TRAINERS} trainers, ${CLIENTS} clients, ${CLIENTS_PER_TRAINER} per trainer), each with their own login; staff from ${STAFF_ADDRESS}, each client from their own address ${CLIENT_NET}.1–${CLIENT_NET}.${CLIENTS}`);
  lines.push(`- Data: ${meta.sessions} sessions (a weekly hour per client, two weeks back to next week), one template assigned to every client, 3 logged workouts and a measurement per client before the run`);
  lines.push(`- Run: ${RAMP_UP} s ramp-up (not measured), then ${LOAD_DURATION} s measured; think time ${fmt(THINK_MIN / 1000, 0)}–${fmt(THINK_MAX / 1000, 0)} s (uniform) between page opens; Accept-Encoding: gzip`);
  lines.push(`- Page opens measured: admin ${pageOpens.admin}, trainers ${pageOpens.trainer}, clients ${pageOpens.client}; ${total.count} API calls (${fmt(total.count / LOAD_DURATION, 1)}/s)`);
  lines.push(`- Response bodies: ${fmt(bodyBytes.decoded / 2 ** 20, 1)} MiB of JSON, ${fmt(bodyBytes.wire / 2 ** 20, 1)} MiB on the wire (gzip for bodies of 1 KB and more)`);
  lines.push(`- Setup: ${meta.setupCalls} calls in ${fmt(meta.setupSeconds, 0)} s${meta.setupWaits ? `, ${meta.setupWaits} waits on Retry-After` : ''}`);
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  for (const [ok, text] of checks) lines.push(`- ${ok ? 'MET' : 'NOT MET'}: ${text}`);
  lines.push('');
  lines.push('## Per role');
  lines.push('');
  lines.push('| Role | Source address | Users | Page opens | Calls | Errors | 429s |');
  lines.push('|---|---|---:|---:|---:|---:|---:|');
  const roleRows = [['admin', STAFF_ADDRESS + ' (shared by the staff)', 1], ['trainer', STAFF_ADDRESS + ' (shared by the staff)', TRAINERS], ['client', `${CLIENT_NET}.N, one each`, CLIENTS]];
  for (const [role, address, users] of roleRows) {
    const r = byRole[role];
    lines.push(`| ${role} | ${address} | ${users} | ${pageOpens[role]} | ${r.calls} | ${r.errors} | ${r.throttled} |`);
  }
  lines.push('');
  lines.push('## Per endpoint');
  lines.push('');
  lines.push('| Endpoint | Calls | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | p95 of 2xx (ms) | Errors | Error rate | 429s | Statuses |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const statuses = Object.entries(r.statuses).sort().map(([c, n]) => `${c}: ${n}`).join(', ');
    lines.push(`| \`${r.route}\` | ${r.count} | ${fmtMs(percentileMs(r.all, 50))} | ${fmtMs(percentileMs(r.all, 95))} | ${fmtMs(percentileMs(r.all, 99))} | ${fmtMs(maxMs(r.all))} | ${fmtMs(percentileMs(r.ok, 95))} | ${r.errors} | ${fmt(r.count ? (r.errors / r.count) * 100 : NaN, 2)} % | ${r.throttled} | ${statuses} |`);
  }
  lines.push(`| **all** | ${total.count} | | | | | | ${total.errors} | ${fmt(errorRate * 100, 2)} % | ${total.throttled} | network errors: ${total.network}; expected non-2xx: ${total.expected} |`);
  lines.push('');
  lines.push('Latencies: each call from the request being sent to the last byte of its response, measured by the load generator, recorded in an HdrHistogram (3 significant digits); the percentiles cover every response of the endpoint (any status), "p95 of 2xx" only its successful ones. Errors: responses other than 2xx and the expected ones, plus network errors and timeouts. Expected: a 401 answered by a token refresh (the SPA refreshes and replays). Only calls started in the measured window count.');
  lines.push('');
  return { md: lines.join('\n'), checks };
}

async function main() {
  log(`launch load test against ${API_URL}: ${1 + TRAINERS + CLIENTS} users, ${RAMP_UP} s ramp-up + ${LOAD_DURATION} s measured, default rate limits`);
  const live = await send(agentFrom('127.0.0.1'), 'GET', '/q/health/live');
  if (live.status !== 200) throw new Error(`server not reachable at ${API_URL}: ${live.status === 0 ? live.error.message : live.status}`);

  const setupStarted = performance.now();
  const data = await setup();
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  log(`setup took ${fmt(setupSeconds, 0)} s (${setupCalls} calls)`);

  const users = [
    Object.assign(new VirtualUser('admin', 'admin', data.staffAgent, data.admin), {}),
    ...data.trainers.map((t, i) => Object.assign(new VirtualUser('trainer', `trainer ${i + 1}`, agentFrom(STAFF_ADDRESS), t.login), { trainer: t })),
    ...data.clients.map((c, i) => Object.assign(new VirtualUser('client', `client ${i + 1}`, c.agent, c.login), { client: c })),
  ];
  const now = Date.now();
  windowStart = now + RAMP_UP * 1000;
  windowEnd = windowStart + LOAD_DURATION * 1000;
  log(`${users.length} users starting over ${RAMP_UP} s; measuring until ${new Date(windowEnd).toISOString()}`);
  setTimeout(() => {
    loadAverage.start = os.loadavg()[0];
  }, Math.max(0, windowStart - Date.now()));
  setTimeout(() => {
    loadAverage.end = os.loadavg()[0];
  }, Math.max(0, windowEnd - Date.now()));
  const progress = setInterval(() => {
    if (Date.now() < windowStart) return;
    let calls = 0;
    let errors = 0;
    let throttled = 0;
    for (const s of stats.values()) {
      calls += s.count;
      errors += s.errors;
      throttled += s.throttled;
    }
    log(`${fmt((Date.now() - windowStart) / 1000, 0)} s: ${calls} calls, ${errors} errors, ${throttled} × 429`);
  }, 30_000);
  await Promise.all(users.map((vu) => runUser(vu, data, Math.random() * RAMP_UP * 1000)));
  clearInterval(progress);

  const { md, checks } = report({
    ...machineInfo(), sessions: data.sessions, setupCalls, setupWaits, setupSeconds,
  });
  process.stdout.write(md + '\n');
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, md + '\n');
  log(`report written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
  const met = checks.every(([ok]) => ok);
  log(met ? 'TARGETS MET' : `TARGETS NOT MET: ${checks.filter(([ok]) => !ok).map(([, t]) => t).join('; ')}`);
  // Report only: the exit code says whether the test ran, not whether the targets were met.
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`[load] FAILED: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
