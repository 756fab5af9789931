// Helpers shared by the throughput benchmark (run.mjs) and the 100-user load test (load.mjs): loopback-only
// targets, integer knobs from the environment, HdrHistograms and the number formats of the reports.

import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { isIP } from 'node:net';

const require = createRequire(import.meta.url);
export const autocannon = require('autocannon');
// autocannon keeps latencies in an HdrHistogram at 1 ms resolution and only exposes fixed percentiles (p2_5, p50,
// p75, p90, p97_5, p99, ...), no p95. So both scripts record every response time into their own HdrHistogram,
// built with hdr-histogram-js, the library autocannon itself depends on.
const requireFromAutocannon = createRequire(require.resolve('autocannon'));
export const hdr = requireFromAutocannon('hdr-histogram-js');
export const autocannonVersion = requireFromAutocannon('./package.json').version;

/** The password of every account the benchmark scripts create. */
export const PASSWORD = 'Bench-Passw0rd!2026';

export function intEnv(name, def, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  }
  return n;
}

/** Load goes to this machine only: throws unless the URL's host is 127.0.0.0/8, localhost or ::1. */
export function assertLoopback(urlString) {
  let url;
  try {
    url = new URL(urlString);
  } catch {
    throw new Error(`API_URL is not a valid URL: ${urlString}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL must be http(s): ${urlString}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!isLoopbackHost(host)) {
    throw new Error(`refusing to benchmark ${url.host}: only loopback addresses (127.0.0.0/8, localhost, ::1) are allowed`);
  }
  return url;
}

export function isLoopbackHost(host) {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** A histogram of response times in microseconds, 1 µs to 1 h, three significant digits. */
export function newHistogram() {
  return hdr.build({
    bitBucketSize: 64,
    autoResize: true,
    lowestDiscernibleValue: 1, // 1 µs
    highestTrackableValue: 3_600_000_000, // 1 h in µs
    numberOfSignificantValueDigits: 3,
  });
}

/** Records a response time given in milliseconds. */
export function recordMs(histogram, ms) {
  histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
}

/** The value at a percentile in milliseconds (NaN for an empty histogram). */
export function percentileMs(histogram, p) {
  return histogram.totalCount > 0 ? histogram.getValueAtPercentile(p) / 1000 : NaN;
}

export function maxMs(histogram) {
  return histogram.totalCount > 0 ? histogram.maxValue / 1000 : NaN;
}

export function fmt(n, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** Milliseconds with about three significant digits. */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

export function ratio(a, b, digits = 2) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(digits)}×` : 'n/a';
}

function nproc() {
  try {
    return execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  }
}

/** Date and machine lines for a report header. */
export function machineInfo() {
  return {
    date: new Date().toISOString(),
    nproc: nproc(),
    cpu: (os.cpus()[0] && os.cpus()[0].model.trim()) || 'unknown CPU',
    memGiB: (os.totalmem() / 2 ** 30).toFixed(0),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Monday 00:00 UTC of the week containing `date` (the bench organizations run on UTC). */
export function mondayOf(date) {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

/** A token unique to this run, for e-mail addresses. */
export function runId() {
  return `${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The barbell lifts of the shared exercise library that the benchmark templates are made of. */
export const TEMPLATE_EXERCISES = ['Barbell Back Squat', 'Barbell Bench Press', 'Conventional Deadlift', 'Pull-Up',
  'Overhead Press', 'Barbell Row'];

/** The body of POST /api/workouts/templates for a six-exercise full-body template of `exerciseIds`. */
export function templateBody(name, exerciseIds) {
  return {
    name, category: 'strength', difficulty: 'intermediate', duration_minutes: 60,
    exercises: exerciseIds.map((id, i) => ({ exercise_id: id, order: i + 1, sets: 3, reps: '5', rest_seconds: 120, weight: '60' })),
  };
}

/** Runs `fn(i)` for i in [0, count) with at most `parallel` at a time, in order of i. */
export async function forEachLimited(count, parallel, fn) {
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      await fn(i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}
