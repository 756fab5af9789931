// auth-refresh.js: silent access-token refresh for the FitnessCRM SPA. No dependencies.
//
// The API issues a 15-minute access token (stored in localStorage.auth_token, as before) and a
// rotating refresh token (stored in localStorage.refresh_token by saveLogin). When a request answers
// 401, this module calls POST /api/auth/refresh once (one refresh in flight however many requests
// fail together), stores the new tokens and retries each failed request once. When the refresh
// fails, it clears auth_token, refresh_token and auth_user and calls onLogout.
//
// axios:  import { installAuthRefresh, saveLogin } from './auth-refresh.js';
//         installAuthRefresh(api, { baseURL: import.meta.env.VITE_API_URL });
//         // after a successful login:  saveLogin(response.data);
// fetch:  const authFetch = createAuthFetch({ baseURL });  await authFetch('/api/auth/me');

export const TOKEN_KEY = 'auth_token';
export const REFRESH_KEY = 'refresh_token';
export const USER_KEY = 'auth_user';
export const REFRESH_PATH = '/api/auth/refresh';

// A 401 from these means "wrong credentials" or "session over", never "access token expired".
const NO_REFRESH = /\/api\/auth\/(login|register|refresh|logout|logout-all|accept-invite|forgot-password|reset-password|change-password)(\?|$)/;

function defaultStorage() {
  return typeof localStorage !== 'undefined' ? localStorage : undefined;
}

function defaultOnLogout() {
  if (typeof window !== 'undefined' && window.location) {
    window.location.href = '/login.html?redirect=' + encodeURIComponent(window.location.pathname);
  }
}

function trimBase(baseURL) {
  return String(baseURL ?? '').replace(/\/+$/, '');
}

/** Stores token, refresh_token and user from a login / register / accept-invite / refresh response. */
export function saveLogin(responseData, storage = defaultStorage()) {
  if (!responseData || !storage) return;
  if (responseData.token) storage.setItem(TOKEN_KEY, responseData.token);
  if (responseData.refresh_token) storage.setItem(REFRESH_KEY, responseData.refresh_token);
  if (responseData.user) storage.setItem(USER_KEY, JSON.stringify(responseData.user));
}

/** Removes auth_token, refresh_token and auth_user. */
export function clearLogin(storage = defaultStorage()) {
  if (!storage) return;
  storage.removeItem(TOKEN_KEY);
  storage.removeItem(REFRESH_KEY);
  storage.removeItem(USER_KEY);
}

function bearerOf(value) {
  const m = /^Bearer\s+(.+)$/i.exec(String(value ?? '').trim());
  return m ? m[1] : null;
}

/**
 * The shared core: a single-flight refresh plus the decision taken after a 401.
 * @returns {{refresh(): Promise<string>, tokenAfter401(usedToken: string|null): Promise<string>,
 *   shouldRefresh(url: string, usedToken: string|null): boolean}}
 */
export function createRefresher({
  baseURL = '',
  storage = defaultStorage(),
  fetchImpl = globalThis.fetch?.bind(globalThis),
  onLogout = defaultOnLogout,
} = {}) {
  const base = trimBase(baseURL);
  let inFlight = null;

  function logout() {
    const wasLoggedIn = storage.getItem(TOKEN_KEY) != null || storage.getItem(REFRESH_KEY) != null;
    clearLogin(storage);
    // Only the first failure of a session logs out; late 401s of the same batch find storage empty.
    if (wasLoggedIn) onLogout?.();
  }

  async function callRefresh(refreshToken) {
    const res = await fetchImpl(base + REFRESH_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    let data = null;
    try {
      data = await res.json();
    } catch {
      /* not JSON */
    }
    if (!res.ok || !data?.token) {
      const err = new Error(`token refresh failed (HTTP ${res.status})`);
      err.status = res.status;
      err.data = data;
      throw err;
    }
    return data;
  }

  async function doRefresh() {
    const startToken = storage.getItem(REFRESH_KEY);
    const run = async () => {
      // Another tab may have rotated the tokens while we waited for the lock.
      const current = storage.getItem(REFRESH_KEY);
      if (current && startToken && current !== startToken && storage.getItem(TOKEN_KEY)) {
        return storage.getItem(TOKEN_KEY);
      }
      if (!current) throw new Error('no refresh token stored');
      const data = await callRefresh(current);
      saveLogin(data, storage);
      return data.token;
    };
    try {
      // Web Locks keep two tabs from spending the same refresh token (a reuse revokes the family).
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks?.request ? await locks.request('fitnesscrm-auth-refresh', run) : await run();
    } catch (err) {
      logout();
      throw err;
    }
  }

  /** Refreshes the tokens; concurrent callers share one request. Resolves to the new access token. */
  function refresh() {
    inFlight ??= doRefresh().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  /** After a 401 of a request sent with usedToken: the token to retry with (refreshing if needed). */
  function tokenAfter401(usedToken) {
    const current = storage.getItem(TOKEN_KEY);
    // Someone refreshed since this request was sent: just retry with the newer token.
    if (current && usedToken && current !== usedToken && !inFlight) return Promise.resolve(current);
    return refresh();
  }

  /** A 401 is worth a refresh when the request carried a token and was not an auth call itself. */
  function shouldRefresh(url, usedToken) {
    return Boolean(usedToken) && !NO_REFRESH.test(String(url ?? '').split('#')[0]);
  }

  return { refresh, tokenAfter401, shouldRefresh, logout, storage };
}

function headerGet(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') {
    const v = headers.get(name);
    if (v != null) return v;
  }
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key] : undefined;
}

function headerSet(headers, name, value) {
  if (typeof headers.set === 'function') {
    headers.set(name, value);
    return headers;
  }
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase() && k !== name) delete headers[k];
  headers[name] = value;
  return headers;
}

/**
 * axios: adds a response interceptor that refreshes once on 401 and retries the request.
 * Install it right after creating the instance, before any interceptor of the SPA's own that
 * logs out on 401 (response interceptors run in the order they were added).
 * @returns {number} the interceptor id (for axiosInstance.interceptors.response.eject)
 */
export function installAuthRefresh(axiosInstance, { baseURL, storage = defaultStorage(), onLogout = defaultOnLogout, fetchImpl } = {}) {
  const base = trimBase(baseURL ?? axiosInstance.defaults?.baseURL ?? '');
  const refresher = createRefresher({ baseURL: base, storage, onLogout, fetchImpl });

  return axiosInstance.interceptors.response.use(
    (response) => response,
    async (error) => {
      const config = error?.config;
      if (error?.response?.status !== 401 || !config || config._authRetried) throw error;
      const usedToken = bearerOf(headerGet(config.headers, 'Authorization'));
      const url = `${config.baseURL ?? ''}${config.url ?? ''}`;
      if (!refresher.shouldRefresh(url, usedToken)) throw error;

      let token;
      try {
        token = await refresher.tokenAfter401(usedToken);
      } catch {
        throw error; // storage cleared and onLogout called by the refresher
      }
      const common = axiosInstance.defaults?.headers?.common;
      if (common && headerGet(common, 'Authorization') !== undefined) headerSet(common, 'Authorization', `Bearer ${token}`);
      config._authRetried = true;
      config.headers = headerSet(config.headers ?? {}, 'Authorization', `Bearer ${token}`);
      return axiosInstance(config);
    },
  );
}

/**
 * fetch: returns authFetch(path, init) that adds the bearer token from storage, and on a 401
 * refreshes once (single-flight) and retries once. A plain-object `body` is sent as JSON.
 * The retry re-sends init.body, so use strings / plain objects, not streams.
 * When the refresh fails, the original 401 response is returned (after clearing storage and onLogout).
 */
export function createAuthFetch({
  baseURL = '',
  storage = defaultStorage(),
  fetchImpl = globalThis.fetch?.bind(globalThis),
  onLogout = defaultOnLogout,
} = {}) {
  const base = trimBase(baseURL);
  const refresher = createRefresher({ baseURL: base, storage, fetchImpl, onLogout });

  function prepare(input, init, token) {
    const url = /^https?:\/\//i.test(input) ? input : base + input;
    const headers = new Headers(init.headers ?? {});
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    let body = init.body;
    if (body != null && (Array.isArray(body) || Object.getPrototypeOf(body) === Object.prototype)) {
      body = JSON.stringify(body);
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    }
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return { url, init: { ...init, headers, body } };
  }

  async function authFetch(input, init = {}) {
    const explicit = bearerOf(new Headers(init.headers ?? {}).get('Authorization'));
    const usedToken = explicit ?? storage.getItem(TOKEN_KEY);
    const first = prepare(input, init, usedToken);
    const res = await fetchImpl(first.url, first.init);
    if (res.status !== 401 || !refresher.shouldRefresh(first.url, usedToken)) return res;

    let token;
    try {
      token = await refresher.tokenAfter401(usedToken);
    } catch {
      return res;
    }
    const retry = prepare(input, init, token);
    return fetchImpl(retry.url, retry.init);
  }
  authFetch.refresher = refresher;
  return authFetch;
}
