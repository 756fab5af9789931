#!/usr/bin/env node
// FitnessCRM API load benchmark (autocannon).
//
// Registers a fresh organization, creates CLIENTS clients, books SESSIONS_PER_CLIENT weekly sessions for each
// with the owner as their trainer (200 × 25 = 5,000 by default), then load-tests seven
// endpoints with CONNECTIONS concurrent connections for DURATION seconds each
// (after a WARMUP-second run that is thrown away) and reports requests/s,
// p50/p95/p99 latency and non-2xx counts, plus each endpoint's p95 and
// throughput relative to the trivial endpoint (GET /q/health/live).
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
//   ONLY         comma-separated target names to run (e.g. log-workout,client-progress); the trivial one always runs
//   TIMEOUT      autocannon per-request timeout in seconds (default 30; login is slow by design)
//   RESULTS_FILE where the markdown report goes (default bench/results/latest.md)

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
// ONLY=trivial,log-workout runs a subset of the targets (the trivial one always runs: it is the baseline).
const ONLY = (process.env.ONLY || '').split(',').map((t) => t.trim()).filter(Boolean);
const TIMEOUT = intEnv('TIMEOUT', 30, 1);
const RESULTS_FILE = process.env.RESULTS_FILE || path.join(here, 'results', 'latest.md');

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

  return { email, token, trainerId, clientIds, sessions, trained, exerciseIds, progressClient };
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
        // autocannon calls a request's setupRequest before every send.
        requests: target.nextBody
          ? [{ method: target.method, path: target.path, headers: target.headers,
              setupRequest: (req) => ({ ...req, body: target.nextBody() }) }]
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

function report(results, meta) {
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

  const { email, token, trainerId, clientIds, sessions, trained, exerciseIds, progressClient } = await setup();
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
  ].filter((t) => ONLY.length === 0 || t.name === 'trivial' || ONLY.includes(t.name));

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
  }

  const meta = {
    ...machineInfo(),
    dataset: `${CLIENTS} clients, ${sessions} sessions of one trainer (week list: ${Math.round(sessions / SESSIONS_PER_CLIENT)} sessions); a template assigned to ${trained.length} clients (the logging run rotates over them); the progress client has 12 weeks of logs (4 a week, 6 sets each), 12 measurements and 3 goals`,
  };
  const md = report(results, meta);
  process.stdout.write(md + '\n');
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, md + '\n');
  log(`report written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
}

main().catch((err) => {
  process.stderr.write(`[bench] FAILED: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
