#!/usr/bin/env node
// A local Google (OAuth 2.0 + Google Health API v4) and Strava (OAuth + API v3) for the benchmark's wearables
// backfill phase. node:http only, no dependency. It plays what the server calls as the Java test fakes do
// (src/test/java/com/fitnesscrm/support/wearables/FakeGoogleHealth.java, FakeStrava.java): the same paths, JSON
// shapes, checks and generated history, plus the providers' documented rate limits, and counts every request.
//
// Google
//   GET  /o/oauth2/v2/auth            the consent page: checks the authorization request (client id, code, S256
//                                     challenge, offline access, consent prompt, the activity scope), creates a new
//                                     user who grants what was asked, 302 to redirect_uri?code&state&scope
//   POST /token                       client id/secret; authorization_code (redirect_uri and the PKCE code_verifier
//                                     against the S256 challenge, a code works once) or refresh_token
//   POST /revoke?token=               ends the user's grant
//   GET  /v4/users/me/identity        {name, healthUserId, legacyUserId}
//   GET  /v4/users/me/dataTypes/{t}/dataPoints?filter&pageSize&pageToken   AIP-160 filter on the type's own field,
//                                     newest first, 25 a page at most for sleep and exercise, 10,000 otherwise
//   POST /v4/users/me/dataTypes/{t}/dataPoints:dailyRollUp   {range:{start:{date},end:{date}}}, at most 14 days for
//                                     heart-rate, active-minutes, total-calories, time-in-heart-rate-zone, 90 otherwise
//   Limit: 300 API requests a minute per user (fixed minutes), over it 429 RESOURCE_EXHAUSTED (no Retry-After, as
//   Google documents none). Each user has 100 days of data: daily roll-ups, hourly heart-rate samples, resting
//   heart rate, zones, a sleep session a night with stages, a run every third day, weight and body fat every 7th.
//
// Strava
//   GET  /oauth/authorize             consent: a new athlete with ACTIVITIES activities in the last 90 days accepts,
//                                     302 to redirect_uri?state&code&scope
//   POST /oauth/token                 client id/secret; authorization_code (answers athlete.id) or refresh_token
//   POST /oauth/deauthorize?access_token=
//   GET  /api/v3/athlete, /api/v3/athlete/activities?after&before&page&per_page (≤ 200), /api/v3/activities/{id}
//   Limits, app-wide: 100 reads per 15-minute window (:00/:15/:30/:45 UTC) and 1,000 per UTC day (overall 200 and
//   2,000); X-RateLimit-Limit/Usage and X-ReadRateLimit-Limit/Usage ("15min,daily") on every /api/v3 answer; 429
//   over either (rejected requests count too, as Strava's do).
//
//   GET  /__stats                     JSON: requests per provider and endpoint kind, status codes, 429s, users
//   POST /__reset                     zeroes the counters (users and tokens stay)
//
// Environment: FAKE_PORT (8095), FAKE_HOST (127.0.0.1; loopback only), GOOGLE_HEALTH_CLIENT_ID / _SECRET,
// STRAVA_CLIENT_ID / _SECRET (what the token endpoints accept; the defaults are the Java fakes'),
// GOOGLE_PER_USER_PER_MINUTE (300), STRAVA_READS_15MIN (100), STRAVA_READS_DAY (1000), STRAVA_ACTIVITIES (12).

import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';

const env = (name, def) => (process.env[name] === undefined || process.env[name] === '' ? def : process.env[name]);
const intEnv = (name, def) => {
  const n = Number(env(name, String(def)));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};

const PORT = intEnv('FAKE_PORT', 8095);
const HOST = env('FAKE_HOST', '127.0.0.1');
if (!/^127\.|^localhost$|^::1$/.test(HOST)) throw new Error(`FAKE_HOST must be a loopback address (got ${HOST})`);
const GOOGLE_CLIENT_ID = env('GOOGLE_HEALTH_CLIENT_ID', 'fitnesscrm-test.apps.googleusercontent.com');
const GOOGLE_CLIENT_SECRET = env('GOOGLE_HEALTH_CLIENT_SECRET', 'GOCSPX-test-secret');
const STRAVA_CLIENT_ID = env('STRAVA_CLIENT_ID', '123456');
const STRAVA_CLIENT_SECRET = env('STRAVA_CLIENT_SECRET', 'strava-test-secret');
const GOOGLE_PER_USER_PER_MINUTE = intEnv('GOOGLE_PER_USER_PER_MINUTE', 300);
const STRAVA_READS_15MIN = intEnv('STRAVA_READS_15MIN', 100);
const STRAVA_READS_DAY = intEnv('STRAVA_READS_DAY', 1000);
const STRAVA_ACTIVITIES = intEnv('STRAVA_ACTIVITIES', 12);

const ACTIVITY = 'https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly';
const METRICS = 'https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly';
const SLEEP = 'https://www.googleapis.com/auth/googlehealth.sleep.readonly';
const HISTORY_DAYS = 100;
const DAY = 86_400_000;

// ---- stats ----

function newStats() {
  const provider = () => ({ requests: 0, rate_limited: 0, by_kind: {}, status: {}, rate_limited_by_kind: {} });
  return { since: new Date().toISOString(), google: provider(), strava: provider(), other: provider() };
}
let stats = newStats();

function count(providerName, kind, status) {
  const p = stats[providerName];
  p.requests++;
  p.by_kind[kind] = (p.by_kind[kind] || 0) + 1;
  p.status[status] = (p.status[status] || 0) + 1;
  if (status === 429) {
    p.rate_limited++;
    p.rate_limited_by_kind[kind] = (p.rate_limited_by_kind[kind] || 0) + 1;
  }
}

// ---- helpers ----

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const epochDay = (ms) => Math.floor(ms / DAY);
const dayMs = (e) => e * DAY;
const dateOf = (e) => {
  const d = new Date(dayMs(e));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const isoDate = (e) => new Date(dayMs(e)).toISOString().slice(0, 10);
const todayEpochDay = () => epochDay(Date.now());
const s256 = (verifier) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

function parseQuery(raw) {
  const out = {};
  for (const [k, v] of new URLSearchParams(raw || '')) out[k] = v;
  return out;
}

function encodeQuery(values) {
  return Object.entries(values).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

function answer(status, body, headers = {}) {
  return { status, body, headers };
}

function redirect(redirectUri, query) {
  const sep = redirectUri.includes('?') ? '&' : '?';
  return answer(302, null, { location: `${redirectUri}${sep}${encodeQuery(query)}` });
}

function googleError(code, status, message) {
  return answer(code, { error: { code, message, status } });
}

/** Google's polyline encoding of [longitude, latitude] pairs (latitude first on the wire), as Polyline.encode. */
function polyline(points) {
  let out = '';
  let lastLat = 0;
  let lastLng = 0;
  const chunk = (delta) => {
    let v = delta < 0 ? ~(delta << 1) : delta << 1;
    while (v >= 0x20) {
      out += String.fromCharCode((0x20 | (v & 0x1f)) + 63);
      v >>= 5;
    }
    out += String.fromCharCode(v + 63);
  };
  for (const [lng, lat] of points) {
    const la = Math.round(lat * 1e5);
    const ln = Math.round(lng * 1e5);
    chunk(la - lastLat);
    chunk(ln - lastLng);
    lastLat = la;
    lastLng = ln;
  }
  return out;
}
const ROUTE = polyline([[-122.4194, 37.7749], [-122.4180, 37.7760], [-122.4165, 37.7772]]);

// ---- Google ----

const google = {
  users: new Map(), // healthUserId -> user
  codes: new Map(), // code -> {user, challenge, redirectUri, scopes}
  access: new Map(), // access token -> {user, scopes, expiresAt, refresh}
  refresh: new Map(), // refresh token -> {user, scopes}
  revoked: new Set(),
  minute: new Map(), // `${user}@${minute}` -> count
};

function newGoogleUser() {
  const id = `hu${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const user = { healthUserId: id, legacyUserId: `FB${id.slice(2, 8).toUpperCase()}`, requests: 0, limited: 0 };
  google.users.set(id, user);
  return user;
}

function issueGoogle(base, withRefresh) {
  const token = `ya29.${randomUUID()}`;
  google.access.set(token, { user: base.user, scopes: base.scopes, expiresAt: Date.now() + 3599_000, refresh: base.refresh });
  const out = { access_token: token, expires_in: 3599, scope: base.scopes, token_type: 'Bearer' };
  if (withRefresh) out.refresh_token = base.refresh;
  return out;
}

function googleConsent(query) {
  const ok = query.client_id === GOOGLE_CLIENT_ID && query.response_type === 'code'
    && query.code_challenge_method === 'S256' && query.code_challenge && query.access_type === 'offline'
    && query.prompt === 'consent' && (query.scope || '').split(/\s+/).includes(ACTIVITY) && query.redirect_uri
    && query.state;
  if (!ok) return answer(400, { error: 'invalid_request', error_description: 'Not the authorization request Google expects' });
  const user = newGoogleUser();
  const code = `4/0A${randomUUID()}`;
  google.codes.set(code, { user, challenge: query.code_challenge, redirectUri: query.redirect_uri, scopes: query.scope });
  return redirect(query.redirect_uri, { code, state: query.state, scope: query.scope });
}

function googleToken(form) {
  if (form.client_id !== GOOGLE_CLIENT_ID || form.client_secret !== GOOGLE_CLIENT_SECRET) {
    return answer(401, { error: 'invalid_client' });
  }
  if (form.grant_type === 'authorization_code') {
    const code = google.codes.get(String(form.code));
    google.codes.delete(String(form.code));
    if (!code || code.redirectUri !== form.redirect_uri || !form.code_verifier
        || code.challenge !== s256(form.code_verifier)) {
      return answer(400, { error: 'invalid_grant', error_description: 'Bad code or verifier' });
    }
    const refresh = `1//0g${randomUUID()}`;
    const base = { user: code.user, scopes: code.scopes, refresh };
    google.refresh.set(refresh, base);
    return answer(200, issueGoogle(base, true));
  }
  if (form.grant_type === 'refresh_token') {
    const base = google.refresh.get(String(form.refresh_token));
    if (!base || google.revoked.has(form.refresh_token)) {
      return answer(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    }
    return answer(200, issueGoogle(base, false));
  }
  return answer(400, { error: 'unsupported_grant_type' });
}

function googleRevoke(token) {
  const t = token && (google.refresh.get(token) || google.access.get(token));
  if (!t) return answer(400, { error: 'invalid_token' });
  for (const [k, v] of google.refresh) if (v.user === t.user) google.revoked.add(k);
  for (const [k, v] of google.access) if (v.user === t.user) google.revoked.add(k);
  return answer(200, {});
}

function scopeAllows(scopes, type) {
  const needed = type === 'sleep' ? SLEEP
    : ['weight', 'body-fat', 'daily-resting-heart-rate'].includes(type) ? METRICS : ACTIVITY;
  return ` ${scopes} `.includes(` ${needed} `);
}

const FILTER = /^([a-z_.]+) >= "([^"]+)" AND ([a-z_.]+) < "([^"]+)"$/;
const FILTER_FIELD = {
  'heart-rate': 'heart_rate.sample_time.physical_time',
  weight: 'weight.sample_time.physical_time',
  'body-fat': 'body_fat.sample_time.physical_time',
  'daily-resting-heart-rate': 'daily_resting_heart_rate.date',
  sleep: 'sleep.interval.end_time',
  exercise: 'exercise.interval.civil_start_time',
};

function point(name, field, value) {
  const p = {};
  if (name) p.name = name;
  p.dataSource = { platform: 'FITBIT', recordingMethod: 'PASSIVELY_MEASURED',
    device: { displayName: 'Charge 6', formFactor: 'FITNESS_BAND', manufacturer: 'Google' } };
  p[field] = value;
  return p;
}

function sample(ms) {
  const d = new Date(ms);
  return { physicalTime: iso(ms), utcOffset: '0s', civilTime: { date: dateOf(epochDay(ms)),
    time: { hours: d.getUTCHours(), minutes: d.getUTCMinutes() } } };
}

const interval = (start, end) => ({ startTime: iso(start), startUtcOffset: '0s', endTime: iso(end), endUtcOffset: '0s' });

/** The civil (UTC) date-time of an instant as Java's LocalDateTime.toString writes it ("…T07:30", seconds if any). */
function civilString(ms) {
  const s = iso(ms).slice(0, 19);
  return s.endsWith(':00') ? s.slice(0, 16) : s;
}

/** The data points of one type on one day: [the key the filter reads, the time to order by, the data point]. */
function pointsOf(user, type, e) {
  const midnight = dayMs(e);
  const out = [];
  switch (type) {
    case 'heart-rate':
      for (let h = 0; h < 24; h++) {
        const at = midnight + h * 3_600_000 + 300_000;
        out.push([iso(at), at, point(null, 'heartRate', { sampleTime: sample(at), beatsPerMinute: String(55 + h + (e % 5)) })]);
      }
      break;
    case 'daily-resting-heart-rate':
      out.push([isoDate(e), midnight, point(null, 'dailyRestingHeartRate', { date: dateOf(e), beatsPerMinute: String(56 + (e % 4)) })]);
      break;
    case 'sleep': {
      const start = midnight - 3_600_000;
      const end = midnight + 7 * 3_600_000;
      const kinds = ['LIGHT', 'DEEP', 'REM', 'LIGHT', 'AWAKE', 'LIGHT', 'DEEP', 'REM'];
      const stages = kinds.map((type, i) => ({ type, startTime: iso(start + i * 3_600_000), endTime: iso(start + (i + 1) * 3_600_000) }));
      out.push([iso(end), end, point(`users/${user.healthUserId}/dataTypes/sleep/dataPoints/${e}`, 'sleep',
        { type: 'STAGES', interval: interval(start, end), stages, summary: { minutesAsleep: '420', minutesAwake: '60' } })]);
      break;
    }
    case 'exercise':
      if (e % 3 === 0) {
        const start = midnight + 7 * 3_600_000 + 1_800_000;
        const end = start + 1_800_000;
        const id = (2026443605080000000n + BigInt(e)).toString();
        out.push([civilString(start), start, point(`users/${user.healthUserId}/dataTypes/exercise/dataPoints/${id}`, 'exercise', {
          displayName: 'Run', exerciseType: 'RUNNING', interval: interval(start, end), activeDuration: `${1800 - 30}s`,
          metricsSummary: { caloriesKcal: 412.5, distanceMillimeters: 5012 * 1000, averageHeartRateBeatsPerMinute: '151',
            elevationGainMillimeters: 23000.0 },
        })]);
      }
      break;
    case 'weight':
      if (e % 7 === 0) {
        const at = midnight + 6 * 3_600_000;
        out.push([iso(at), at, point(null, 'weight', { sampleTime: sample(at), weightGrams: 72500.0 - (e % 10) * 100 })]);
      }
      break;
    case 'body-fat':
      if (e % 7 === 0) {
        const at = midnight + 6 * 3_600_000;
        out.push([iso(at), at, point(null, 'bodyFat', { sampleTime: sample(at), percentage: 21.4 })]);
      }
      break;
    default:
      break;
  }
  return out;
}

/** Is the filter's key within [from, to)? Dates, civil date-times and instants, each compared as its kind. */
function between(type, key, from, to) {
  if (type === 'daily-resting-heart-rate') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new Error('bad date');
    return key >= from && key < to;
  }
  const parse = type === 'exercise'
    ? (s) => {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) throw new Error('bad civil time');
      return Date.parse(`${s}Z`);
    }
    : (s) => {
      const v = Date.parse(s);
      if (!/Z$|[+-]\d{2}:\d{2}$/.test(s) || Number.isNaN(v)) throw new Error('bad timestamp');
      return v;
    };
  const v = parse(key);
  return v >= parse(from) && v < parse(to);
}

function googleList(user, type, query) {
  const f = FILTER.exec(query.filter || '');
  const field = FILTER_FIELD[type] || `${type.replace(/-/g, '_')}.interval.start_time`;
  if (!f || f[1] !== field || f[3] !== field) {
    return googleError(400, 'INVALID_ARGUMENT', `INVALID_DATA_POINT_FILTER: ${query.filter}`);
  }
  const max = type === 'sleep' || type === 'exercise' ? 25 : 10_000;
  const pageSize = Math.min(max, Number.parseInt(query.pageSize || String(max), 10) || max);
  const found = [];
  const today = todayEpochDay();
  try {
    for (let e = today - HISTORY_DAYS + 1; e <= today; e++) {
      for (const [key, at, p] of pointsOf(user, type, e)) {
        if (between(type, key, f[2], f[4])) found.push([at, p]);
      }
    }
  } catch (err) {
    return googleError(400, 'INVALID_ARGUMENT', `INVALID_DATA_POINT_FILTER: ${err.message}: ${query.filter}`);
  }
  found.sort((a, b) => b[0] - a[0]); // newest first, as Google orders them
  const offset = Number.parseInt(query.pageToken || '0', 10) || 0;
  const out = { dataPoints: found.slice(offset, offset + pageSize).map(([, p]) => p) };
  if (offset + pageSize < found.length) out.nextPageToken = String(offset + pageSize);
  return answer(200, out);
}

const ROLLUP_14 = new Set(['heart-rate', 'active-minutes', 'total-calories', 'time-in-heart-rate-zone']);
const ROLLUP_FIELD = { 'total-calories': 'totalCalories', 'active-minutes': 'activeMinutes', 'time-in-heart-rate-zone': 'timeInHeartRateZone' };

function civilEpochDay(d) {
  if (!d || d.year == null) return null;
  return epochDay(Date.UTC(Number(d.year), Number(d.month) - 1, Number(d.day)));
}

function googleRollUp(type, raw) {
  let body;
  try {
    body = JSON.parse(raw || '{}');
  } catch {
    return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
  }
  const start = civilEpochDay(body?.range?.start?.date);
  const end = civilEpochDay(body?.range?.end?.date);
  if (start == null || end == null || !(end > start)) {
    return googleError(400, 'INVALID_ARGUMENT', 'range.start and range.end are required');
  }
  const maxDays = ROLLUP_14.has(type) ? 14 : 90;
  if (start + maxDays < end) return googleError(400, 'INVALID_ARGUMENT', `The range exceeds ${maxDays} days for ${type}`);
  const today = todayEpochDay();
  const points = [];
  for (let e = start; e < end; e++) {
    if (e < today - (HISTORY_DAYS - 1) || e > today) continue;
    const steps = 8000 + ((e * 37) % 4000);
    let value;
    switch (type) {
      case 'steps': value = { countSum: String(steps) }; break;
      case 'distance': value = { millimetersSum: String(steps * 750) }; break;
      case 'floors': value = { countSum: String(8 + (e % 5)) }; break;
      case 'active-minutes': value = { activeMinutesRollupByActivityLevel: [
        { activityLevel: 'LIGHT', activeMinutesSum: '120' },
        { activityLevel: 'MODERATE', activeMinutesSum: '25' },
        { activityLevel: 'VIGOROUS', activeMinutesSum: String(10 + (e % 20)) }] }; break;
      case 'total-calories': value = { kcalSum: 2150.0 + (e % 300) }; break;
      case 'time-in-heart-rate-zone': value = { timeInHeartRateZones: [
        { heartRateZone: 'LIGHT', duration: '3600s' },
        { heartRateZone: 'MODERATE', duration: '1500s' },
        { heartRateZone: 'VIGOROUS', duration: '600s' }] }; break;
      default: return googleError(400, 'INVALID_ARGUMENT', `No daily roll-up for ${type}`);
    }
    points.push({ civilStartTime: { date: dateOf(e) }, civilEndTime: { date: dateOf(e + 1) }, [ROLLUP_FIELD[type] || type]: value });
  }
  return answer(200, { rollupDataPoints: points });
}

/** Returns [kind, answer]. */
function handleGoogle(method, path, query, form, body, bearer) {
  if (path === '/o/oauth2/v2/auth' && method === 'GET') return ['consent', googleConsent(query)];
  if (path === '/token' && method === 'POST') return [`token:${form.grant_type || '?'}`, googleToken(form)];
  if (path === '/revoke' && method === 'POST') return ['revoke', googleRevoke(query.token || form.token)];
  const m = /^\/v4\/users\/me\/(?:(identity)|dataTypes\/([a-z-]+)\/dataPoints(:dailyRollUp)?)$/.exec(path);
  const kind = !m ? 'unknown' : m[1] ? 'identity' : m[3] ? `dailyRollUp:${m[2]}` : `dataPoints:${m[2]}`;
  if (!path.startsWith('/v4/users/me/')) return [kind, googleError(404, 'NOT_FOUND', 'No such method')];
  const token = bearer && google.access.get(bearer);
  if (!token || google.revoked.has(bearer) || token.expiresAt < Date.now()) {
    return [kind, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')];
  }
  const user = token.user;
  user.requests++;
  const key = `${user.healthUserId}@${Math.floor(Date.now() / 60_000)}`;
  const used = (google.minute.get(key) || 0) + 1;
  google.minute.set(key, used);
  if (used > GOOGLE_PER_USER_PER_MINUTE) {
    user.limited++;
    return [kind, googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Requests per user'")];
  }
  if (!m) return [kind, googleError(404, 'NOT_FOUND', 'No such method')];
  if (m[1]) {
    if (method !== 'GET') return [kind, googleError(404, 'NOT_FOUND', 'No such method')];
    return [kind, answer(200, { name: 'users/me/identity', healthUserId: user.healthUserId, legacyUserId: user.legacyUserId })];
  }
  const type = m[2];
  if (!scopeAllows(token.scopes, type)) {
    return [kind, googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.')];
  }
  if (m[3]) {
    if (method !== 'POST') return [kind, googleError(404, 'NOT_FOUND', 'No such method')];
    return [kind, googleRollUp(type, body)];
  }
  if (method !== 'GET') return [kind, googleError(404, 'NOT_FOUND', 'No such method')];
  return [kind, googleList(user, type, query)];
}

// ---- Strava ----

const strava = {
  // Athlete and activity ids from one counter, as Strava's are unique: started from this process's start time, so
  // the athletes of another run (whose connections stay in the benchmark's schema) are never met again — the server
  // refuses a Strava account already connected to another client (account_already_connected).
  ids: Math.floor(Date.now() / 1000) * 100_000,
  activities: new Map(), // athlete -> [activity]
  codes: new Map(), // code -> athlete
  access: new Map(), // access -> token
  refresh: new Map(), // refresh -> token
  windowKey: -1,
  dayKey: -1,
  reads15: 0,
  readsDay: 0,
};

function newAthlete() {
  strava.ids++;
  const id = strava.ids;
  const list = [];
  // ACTIVITIES activities, a week apart from two days ago (the last 79 days by default): every other one a run at
  // 07:30 UTC on a day of a Fitbit run (the same session from two providers, for the merged view), the others a
  // ride at 17:00 UTC.
  const today = todayEpochDay();
  for (let k = 0; k < STRAVA_ACTIVITIES; k++) {
    let e = today - 2 - 7 * k;
    if (k % 2 === 0) {
      e -= ((e % 3) + 3) % 3;
      list.push(activity(id, 'Morning Run', 'Run', dayMs(e) + 7 * 3_600_000 + 1_800_000, 1800, 5012, 151.0));
    } else {
      list.push(activity(id, 'Evening Ride', 'Ride', dayMs(e) + 17 * 3_600_000, 3600, 25000, null));
    }
  }
  strava.activities.set(id, list);
  return id;
}

function activity(athlete, name, sportType, start, elapsed, distance, avgHr) {
  strava.ids++;
  return { id: strava.ids, athlete, name, sportType, start, elapsed, moving: elapsed - 40, distance, avgHr,
    maxHr: avgHr == null ? null : avgHr + 20, elevation: 31.5 };
}

function summary(a, detailed) {
  const m = {
    id: a.id, resource_state: detailed ? 3 : 2, athlete: { id: a.athlete, resource_state: 1 }, name: a.name,
    distance: a.distance, moving_time: a.moving, elapsed_time: a.elapsed, total_elevation_gain: a.elevation,
    type: a.sportType, sport_type: a.sportType, start_date: iso(a.start), start_date_local: iso(a.start - 8 * 3_600_000),
    timezone: '(GMT-08:00) America/Los_Angeles', utc_offset: -28800.0, has_heartrate: a.avgHr != null,
    average_heartrate: a.avgHr, max_heartrate: a.maxHr, manual: false,
    map: { id: `a${a.id}`, summary_polyline: ROUTE, resource_state: 2 },
  };
  if (detailed) {
    m.calories = 402.0;
    m.device_name = 'Garmin Forerunner 265';
  }
  return m;
}

const fault = (message, field, code) => ({ message, errors: [{ resource: 'Athlete', field, code }] });

function issueStrava(athlete) {
  const t = { athlete, access: randomUUID().replace(/-/g, ''), refresh: randomUUID().replace(/-/g, ''),
    expiresAt: Date.now() + 21_600_000 };
  strava.access.set(t.access, t);
  strava.refresh.set(t.refresh, t);
  return t;
}

function stravaTokenBody(t) {
  const expiresAt = Math.floor(t.expiresAt / 1000);
  return { token_type: 'Bearer', expires_at: expiresAt, expires_in: Math.max(0, expiresAt - Math.floor(Date.now() / 1000)),
    refresh_token: t.refresh, access_token: t.access };
}

function stravaToken(form) {
  if (form.client_id !== STRAVA_CLIENT_ID || form.client_secret !== STRAVA_CLIENT_SECRET) {
    return answer(401, fault('Authorization Error', 'client_id', 'invalid'));
  }
  if (form.grant_type === 'authorization_code') {
    const athlete = strava.codes.get(String(form.code));
    strava.codes.delete(String(form.code));
    if (athlete === undefined) return answer(400, fault('Bad Request', 'code', 'invalid'));
    const out = stravaTokenBody(issueStrava(athlete));
    out.athlete = { id: athlete, username: `athlete${athlete}`, resource_state: 2 };
    return answer(200, out);
  }
  if (form.grant_type === 'refresh_token') {
    const t = strava.refresh.get(String(form.refresh_token));
    if (!t) return answer(400, fault('Bad Request', 'refresh_token', 'invalid'));
    if (t.expiresAt > Date.now() + 3_600_000) return answer(200, stravaTokenBody(t));
    // A new pair: the old refresh token is invalid from now on.
    strava.refresh.delete(t.refresh);
    strava.access.delete(t.access);
    return answer(200, stravaTokenBody(issueStrava(t.athlete)));
  }
  return answer(400, fault('Bad Request', 'grant_type', 'invalid'));
}

function stravaConsent(query) {
  if (query.client_id !== STRAVA_CLIENT_ID || query.response_type !== 'code' || !query.state || !query.redirect_uri) {
    return answer(400, { message: 'Bad Request', errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }] });
  }
  const athlete = newAthlete();
  const code = randomUUID().replace(/-/g, '');
  strava.codes.set(code, athlete);
  return redirect(query.redirect_uri, { state: query.state, code, scope: query.scope || 'read' });
}

/** The app-wide read usage, in 15-minute windows from :00/:15/:30/:45 UTC and UTC days. */
function stravaWindows() {
  const now = Date.now();
  const w = Math.floor(now / 900_000);
  const d = Math.floor(now / DAY);
  if (w !== strava.windowKey) {
    strava.windowKey = w;
    strava.reads15 = 0;
  }
  if (d !== strava.dayKey) {
    strava.dayKey = d;
    strava.readsDay = 0;
  }
}

function withLimits(a) {
  a.headers['x-ratelimit-limit'] = `${STRAVA_READS_15MIN * 2},${STRAVA_READS_DAY * 2}`;
  a.headers['x-ratelimit-usage'] = `${strava.reads15},${strava.readsDay}`;
  a.headers['x-readratelimit-limit'] = `${STRAVA_READS_15MIN},${STRAVA_READS_DAY}`;
  a.headers['x-readratelimit-usage'] = `${strava.reads15},${strava.readsDay}`;
  return a;
}

function stravaRead(path, query, t) {
  if (path === '/api/v3/athlete') {
    return answer(200, { id: t.athlete, username: `athlete${t.athlete}`, firstname: 'Test', lastname: 'Athlete' });
  }
  if (path === '/api/v3/athlete/activities') {
    const after = Number(query.after || 0);
    const before = query.before === undefined ? Number.MAX_SAFE_INTEGER : Number(query.before);
    const page = Math.max(1, Number.parseInt(query.page || '1', 10) || 1);
    const perPage = Math.min(200, Number.parseInt(query.per_page || '30', 10) || 30);
    const list = (strava.activities.get(t.athlete) || [])
      .filter((a) => a.start / 1000 > after && a.start / 1000 < before)
      .sort((a, b) => a.start - b.start);
    return answer(200, list.slice((page - 1) * perPage, page * perPage).map((a) => summary(a, false)));
  }
  const m = /^\/api\/v3\/activities\/(\d+)$/.exec(path);
  if (m) {
    const a = (strava.activities.get(t.athlete) || []).find((x) => String(x.id) === m[1]);
    return a ? answer(200, summary(a, true)) : answer(404, fault('Record Not Found', 'id', 'invalid'));
  }
  return answer(404, { message: 'Record Not Found' });
}

function handleStrava(method, path, query, form, bearer) {
  if (path === '/oauth/authorize' && method === 'GET') return ['consent', stravaConsent(query)];
  if (path === '/oauth/token' && method === 'POST') return [`token:${form.grant_type || '?'}`, stravaToken(form)];
  if (path === '/oauth/deauthorize' && method === 'POST') {
    const t = strava.access.get(query.access_token || form.access_token || '');
    if (!t) return ['deauthorize', answer(401, fault('Authorization Error', 'access_token', 'invalid'))];
    for (const [k, v] of strava.access) if (v.athlete === t.athlete) strava.access.delete(k);
    for (const [k, v] of strava.refresh) if (v.athlete === t.athlete) strava.refresh.delete(k);
    return ['deauthorize', answer(200, { access_token: t.access })];
  }
  const kind = path === '/api/v3/athlete' ? 'athlete' : path === '/api/v3/athlete/activities' ? 'activities'
    : /^\/api\/v3\/activities\/\d+$/.test(path) ? 'activity' : 'unknown';
  if (!path.startsWith('/api/v3/')) return [kind, answer(404, { message: 'Record Not Found' })];
  stravaWindows();
  const t = bearer && strava.access.get(bearer);
  if (!t || t.expiresAt < Date.now()) {
    return [kind, withLimits(answer(401, fault('Authorization Error', 'access_token', 'invalid')))];
  }
  strava.reads15++;
  strava.readsDay++;
  if (strava.reads15 > STRAVA_READS_15MIN || strava.readsDay > STRAVA_READS_DAY) {
    return [kind, withLimits(answer(429, { message: 'Rate Limit Exceeded',
      errors: [{ resource: 'Application', field: 'rate limit', code: 'exceeded' }] }))];
  }
  return [kind, withLimits(method === 'GET' ? stravaRead(path, query, t) : answer(404, { message: 'Record Not Found' }))];
}

// ---- server ----

function statsBody() {
  const users = [...google.users.values()];
  const perUser = users.map((u) => u.requests);
  return {
    ...stats,
    now: new Date().toISOString(),
    google_users: {
      count: users.length,
      api_requests_min: perUser.length ? Math.min(...perUser) : 0,
      api_requests_max: perUser.length ? Math.max(...perUser) : 0,
      rate_limited_users: users.filter((u) => u.limited > 0).length,
    },
    strava_athletes: strava.activities.size,
    strava_window: { reads_15min: strava.reads15, reads_day: strava.readsDay,
      limits: { reads_15min: STRAVA_READS_15MIN, reads_day: STRAVA_READS_DAY } },
    limits: { google_per_user_per_minute: GOOGLE_PER_USER_PER_MINUTE },
  };
}

function dispatch(method, path, query, form, body, bearer) {
  if (path === '/__stats' && method === 'GET') return [null, null, answer(200, statsBody())];
  if (path === '/__reset' && method === 'POST') {
    stats = newStats();
    return [null, null, answer(200, { reset: true })];
  }
  if (path === '/o/oauth2/v2/auth' || path === '/token' || path === '/revoke' || path.startsWith('/v4/')) {
    const [kind, a] = handleGoogle(method, path, query, form, body, bearer);
    return ['google', kind, a];
  }
  if (path.startsWith('/oauth/') || path.startsWith('/api/v3/')) {
    const [kind, a] = handleStrava(method, path, query, form, bearer);
    return ['strava', kind, a];
  }
  return ['other', `${method} ${path}`, answer(404, { message: 'Not Found' })];
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let out;
    try {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url, 'http://fake');
      const query = parseQuery(url.search);
      const form = (req.headers['content-type'] || '').startsWith('application/x-www-form-urlencoded') ? parseQuery(body) : {};
      const auth = req.headers.authorization || '';
      const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : null;
      const [providerName, kind, a] = dispatch(req.method, url.pathname, query, form, body, bearer);
      out = a;
      if (providerName) count(providerName, kind, a.status);
    } catch (err) {
      out = answer(500, { error: String(err && err.stack ? err.stack : err) });
      count('other', 'error', 500);
    }
    const payload = out.body == null ? '' : JSON.stringify(out.body);
    res.writeHead(out.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...out.headers });
    res.end(payload);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(PORT, HOST, () => {
  process.stderr.write(`[fake-providers] Google (OAuth + Health API v4) and Strava on http://${HOST}:${PORT}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
