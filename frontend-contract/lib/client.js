// A small fetch-based client that talks to the API the way the SPA does (JSON bodies, Bearer token)
// and checks every response against openapi.yaml, using the path template the caller names.
//
//   const api = createClient({ token });
//   const { status, body } = await api.get('/api/clients/{client_id}', { client_id: 5 });
//   await api.get('/api/trainers?per_page=1000');
//   await api.post('/api/clients', { name: 'Ann', age: '34' });
//   await api.put('/api/trainers/{id}', { id: 3 }, { bio: 'Coach' });
import { validateResponse as defaultValidateResponse } from './openapi.js';

export const API_URL = (process.env.API_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

const DEFAULT_TIMEOUT_MS = Number(process.env.API_TIMEOUT_MS || 15000);

/** Replaces {name} placeholders with URL-encoded params; throws when one is missing. */
export function fillTemplate(template, params = {}) {
  return template.replace(/\{([^}/]+)\}/g, (_, name) => {
    if (params == null || params[name] === undefined || params[name] === null) {
      throw new Error(`fillTemplate: missing path parameter "${name}" for ${template}`);
    }
    return encodeURIComponent(String(params[name]));
  });
}

function buildQuery(templateQuery, query) {
  const qs = new URLSearchParams(templateQuery ?? '');
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, String(x)));
    else qs.set(k, v === null ? '' : String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

function parseBody(text, contentType) {
  if (text === '') return null;
  const looksJson = /[/+]json\b/i.test(contentType ?? '') || /^\s*[[{"]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * @param {object} [options]
 * @param {string} [options.baseURL] default $API_URL or http://127.0.0.1:8080
 * @param {string|null} [options.token] bearer token sent with every request
 * @param {boolean} [options.validate] check responses against openapi.yaml (default true)
 * @param {typeof fetch} [options.fetchImpl]
 * @param {(method, template, status, body) => unknown} [options.validateResponse]
 */
export function createClient(options = {}) {
  const {
    baseURL = API_URL,
    validate = true,
    fetchImpl = globalThis.fetch,
    validateResponse = defaultValidateResponse,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  } = options;

  const client = {
    baseURL: baseURL.replace(/\/+$/, ''),
    token: options.token ?? null,
    /** The last response (for debugging failed assertions). */
    last: null,

    /**
     * @param {string} method
     * @param {string} template path template, optionally with a query string: '/api/clients/{id}?x=1'
     * @param {object} [opts] {params, query, body (JSON-encoded), rawBody (sent as is), headers,
     *   token (overrides client.token; null sends none), validate (false skips openapi.yaml)}
     * @returns {Promise<{status: number, headers: Record<string,string>, body: any, text: string}>}
     */
    async request(method, template, opts = {}) {
      const [pathTemplate, templateQuery] = template.split('?');
      const url = client.baseURL + fillTemplate(pathTemplate, opts.params) + buildQuery(templateQuery, opts.query);
      const headers = { Accept: 'application/json', ...(opts.headers ?? {}) };
      const token = opts.token !== undefined ? opts.token : client.token;
      if (token && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
        headers.Authorization = `Bearer ${token}`;
      }
      let body;
      if (opts.rawBody !== undefined) {
        body = opts.rawBody;
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
          headers['Content-Type'] = 'application/json';
        }
      } else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['Content-Type'] = 'application/json';
      }

      const upper = method.toUpperCase();
      let res;
      try {
        res = await fetchImpl(url, { method: upper, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        throw new Error(`${upper} ${url} failed: ${err.cause?.message ?? err.message}`, { cause: err });
      }
      const text = await res.text();
      const result = {
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: parseBody(text, res.headers.get('content-type')),
        text,
        method: upper,
        url,
        template: pathTemplate,
      };
      client.last = result;
      if (validate && opts.validate !== false) validateResponse(upper, pathTemplate, res.status, result.body);
      return result;
    },

    get(template, params, opts = {}) {
      return client.request('GET', template, { ...opts, params });
    },
    delete(template, params, opts = {}) {
      return client.request('DELETE', template, { ...opts, params });
    },
    // post/put/patch: (template, body, opts) when the template has no {param};
    // (template, params, body, opts) when it has.
    post(template, ...args) {
      return client.request('POST', template, bodyArgs(template, args));
    },
    put(template, ...args) {
      return client.request('PUT', template, bodyArgs(template, args));
    },
    patch(template, ...args) {
      return client.request('PATCH', template, bodyArgs(template, args));
    },

    /** A client for the same server with another token. */
    withToken(token) {
      return createClient({ ...options, baseURL: client.baseURL, token });
    },
  };
  return client;
}

function bodyArgs(template, args) {
  if (/\{[^}]+\}/.test(template.split('?')[0])) {
    const [params, body, opts = {}] = args;
    return { ...opts, params, body };
  }
  const [body, opts = {}] = args;
  return { ...opts, body };
}

/** A default client without a token. */
export const api = createClient();
