// Test support only (not used by the SPA): in-memory storage, a counting fetch, a minimal fake axios.

/** A localStorage look-alike. */
export function memoryStorage(initial = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    dump: () => Object.fromEntries(map),
  };
}

/** Wraps a fetch and records every call as {method, url, path}. */
export function countingFetch(inner = globalThis.fetch) {
  const calls = [];
  const f = async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    calls.push({ method, url: String(url), path: new URL(String(url)).pathname });
    return inner(url, init);
  };
  f.calls = calls;
  f.count = (method, path) => calls.filter((c) => c.method === method && c.path === path).length;
  return f;
}

/**
 * A minimal axios-like instance: callable with a config, .get/.post, defaults, response
 * interceptors run in registration order, errors carry {config, response}. Like the SPA, a request
 * interceptor puts localStorage.auth_token into the Authorization header of every request.
 */
export function fakeAxios({ baseURL, storage, fetchImpl = globalThis.fetch, headersFactory = (h) => ({ ...h }) }) {
  const responseInterceptors = [];

  async function dispatch(config) {
    const given = config.headers ?? {};
    const headers = headersFactory(typeof given.toJSON === 'function' ? given.toJSON() : given);
    const token = storage.getItem('auth_token');
    if (token) {
      if (typeof headers.set === 'function') headers.set('Authorization', `Bearer ${token}`);
      else headers.Authorization = `Bearer ${token}`;
    }
    const sent = { ...config, headers, baseURL: config.baseURL ?? instance.defaults.baseURL };
    const plain = typeof headers.toJSON === 'function' ? headers.toJSON() : headers;
    const res = await fetchImpl(sent.baseURL + sent.url, {
      method: (sent.method ?? 'get').toUpperCase(),
      headers: { ...plain, ...(sent.data !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: sent.data !== undefined ? JSON.stringify(sent.data) : undefined,
    });
    const text = await res.text();
    let data = text;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      /* keep text */
    }
    const response = { status: res.status, data, config: sent, headers: Object.fromEntries(res.headers) };
    if (res.status >= 400) {
      const err = new Error(`Request failed with status code ${res.status}`);
      err.config = sent;
      err.response = response;
      throw err;
    }
    return response;
  }

  function instance(config) {
    let p = dispatch(config);
    for (const { fulfilled, rejected } of responseInterceptors) p = p.then(fulfilled, rejected);
    return p;
  }
  instance.get = (url, config = {}) => instance({ ...config, url, method: 'get' });
  instance.post = (url, data, config = {}) => instance({ ...config, url, data, method: 'post' });
  instance.defaults = { baseURL, headers: { common: {} } };
  instance.interceptors = {
    response: {
      use(fulfilled, rejected) {
        responseInterceptors.push({
          fulfilled: fulfilled ?? ((r) => r),
          rejected:
            rejected ??
            ((e) => {
              throw e;
            }),
        });
        return responseInterceptors.length - 1;
      },
    },
  };
  return instance;
}

/** An AxiosHeaders look-alike (get/set/toJSON, case-insensitive). */
export function headersWithGetSet(initial = {}) {
  const map = new Map(Object.entries(initial).map(([k, v]) => [k.toLowerCase(), [k, v]]));
  return {
    get: (k) => map.get(k.toLowerCase())?.[1],
    set(k, v) {
      map.set(k.toLowerCase(), [k, v]);
      return this;
    },
    toJSON: () => Object.fromEntries([...map.values()]),
  };
}
