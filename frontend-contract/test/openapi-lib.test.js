// Unit tests of lib/openapi.js and lib/client.js on inline documents: no server needed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { createValidator, defaultOpenApiFile, loadOpenApi, toJsonSchema } from '../lib/openapi.js';
import { createClient, fillTemplate } from '../lib/client.js';

// Shaped like SmallRye OpenAPI 3.0 output.
const doc30 = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/api/clients/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } }],
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Client' } } } },
          404: { $ref: '#/components/responses/NotFound' },
        },
      },
      delete: { responses: { 204: { description: 'gone' } } },
    },
    '/api/clients': {
      get: {
        responses: {
          '2XX': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/ClientPage' } } } },
          default: {
            description: 'error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
        },
      },
    },
    '/api/crm/assignments': {
      get: {
        responses: {
          200: {
            description: 'bare array',
            content: {
              'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Assignment' } } },
            },
          },
        },
      },
    },
    '/api/things': {
      get: {
        responses: {
          200: {
            description: 'misc keywords',
            content: {
              'application/json;charset=UTF-8': {
                schema: {
                  type: 'object',
                  xml: { name: 'thing' },
                  example: { n: 1 },
                  discriminator: { propertyName: 'kind' },
                  properties: {
                    n: { type: 'integer', format: 'int32', minimum: 0, exclusiveMinimum: true, deprecated: true },
                    when: { type: 'string', format: 'date-time' },
                    day: { type: 'string', format: 'date' },
                    amount: { type: 'number', format: 'double' },
                    kind: { type: 'string', enum: ['a', 'b'], nullable: true },
                    tags: { type: 'object', additionalProperties: { type: 'integer' } },
                    'x-weird': { type: 'string' },
                  },
                  required: ['n'],
                },
              },
            },
          },
        },
      },
    },
    '/api/text': {
      get: { responses: { 200: { description: 'any', content: { 'text/plain': {} } } } },
    },
  },
  components: {
    responses: {
      NotFound: {
        description: 'not found',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      },
    },
    schemas: {
      ErrorResponse: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'string' },
          status: { type: 'integer', format: 'int32' },
          code: { type: 'string', nullable: true },
          details: { type: 'array', nullable: true, items: { $ref: '#/components/schemas/FieldError' } },
        },
      },
      FieldError: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
      Client: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'integer', format: 'int64' },
          name: { type: 'string', nullable: true },
          age: { type: 'integer', format: 'int32', nullable: true },
          status: { type: 'string', enum: ['active', 'inactive', 'pending'], nullable: true },
          created_at: { type: 'string', format: 'date-time' },
          trainer: { allOf: [{ $ref: '#/components/schemas/Trainer' }], nullable: true },
          coach: { $ref: '#/components/schemas/Trainer', nullable: true },
        },
      },
      Trainer: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
      'Page(Client)': {
        type: 'object',
        properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Client' } } },
      },
      ClientPage: {
        type: 'object',
        required: ['items', 'total'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Client' } },
          clients: { type: 'array', items: { $ref: '#/components/schemas/Client' } },
          total: { type: 'integer', format: 'int64' },
          page: { $ref: '#/components/schemas/Page(Client)' },
        },
      },
      Assignment: {
        type: 'object',
        properties: { id: { type: 'integer' }, trainer_id: { type: 'integer' }, client_id: { type: 'integer' } },
      },
    },
  },
};

// Shaped like SmallRye OpenAPI 3.1 output (JSON Schema 2020-12 nullability).
const doc31 = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/trainers/{trainer_id}': {
      get: {
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Trainer' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Trainer: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'integer', format: 'int64' },
          bio: { type: ['string', 'null'], examples: ['Coach'] },
          hourly_rate: { type: ['number', 'null'], format: 'double' },
          level: { type: ['string', 'null'], enum: ['junior', 'senior'] },
          manager: { anyOf: [{ $ref: '#/components/schemas/Trainer' }, { type: 'null' }] },
          mentor: { $ref: '#/components/schemas/Trainer', type: ['object', 'null'] },
          tags: { type: 'array', items: { type: 'string' }, prefixItems: [{ type: 'string' }] },
        },
      },
    },
  },
};

const client = { id: 5, name: 'Ann', age: 34, status: 'active', created_at: '2026-01-02T03:04:05.123456' };

function expectFail(fn, ...patterns) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, 'expected an error');
  assert.equal(err.name, 'AssertionError', `expected an AssertionError, got ${err.name}: ${err.message}`);
  for (const p of patterns) assert.match(err.message, p);
  return err;
}

describe('toJsonSchema', () => {
  test('3.0 nullable becomes a type array, enums accept null, OpenAPI-only keywords are dropped', () => {
    const s = toJsonSchema({
      type: 'string',
      enum: ['a'],
      nullable: true,
      example: 'a',
      xml: {},
      deprecated: true,
      'x-foo': 1,
      format: 'int64',
    });
    assert.deepEqual(s, { type: ['string', 'null'], enum: ['a', null] });
  });

  test('nullable $ref / allOf become anyOf with null; refs point to $defs', () => {
    assert.deepEqual(toJsonSchema({ $ref: '#/components/schemas/X', nullable: true }), {
      anyOf: [{ type: 'null' }, { $ref: '#/$defs/X' }],
    });
    assert.deepEqual(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/X' }], nullable: true, type: 'object' }), {
      anyOf: [{ type: 'null' }, { allOf: [{ $ref: '#/$defs/X' }], type: 'object' }],
    });
  });

  test('3.1 type arrays are kept; boolean exclusiveMinimum is converted; empty required dropped', () => {
    assert.deepEqual(toJsonSchema({ type: ['integer', 'null'] }), { type: ['integer', 'null'] });
    assert.deepEqual(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true }), {
      type: 'number',
      exclusiveMinimum: 0,
    });
    assert.deepEqual(toJsonSchema({ type: 'number', maximum: 9, exclusiveMaximum: false }), { type: 'number', maximum: 9 });
    assert.deepEqual(toJsonSchema({ type: 'object', required: [] }), { type: 'object' });
  });

  test('recurses into properties, items, additionalProperties and combinators', () => {
    const s = toJsonSchema({
      type: 'object',
      properties: { a: { type: 'array', items: { type: 'string', nullable: true } } },
      additionalProperties: { type: 'integer', nullable: true },
      oneOf: [{ type: 'object', example: {} }],
    });
    assert.deepEqual(s, {
      type: 'object',
      properties: { a: { type: 'array', items: { type: ['string', 'null'] } } },
      additionalProperties: { type: ['integer', 'null'] },
      oneOf: [{ type: 'object' }],
    });
  });
});

describe('validateResponse (OpenAPI 3.0 document)', () => {
  const v = createValidator(doc30);

  test('a matching body passes; path parameter names may differ from the document', () => {
    assert.equal(v.validateResponse('GET', '/api/clients/{id}', 200, client).pathKey, '/api/clients/{id}');
    v.validateResponse('get', '/api/clients/{client_id}', 200, { ...client, name: null, age: null, status: null });
    v.validateResponse('GET', '/api/clients/{client_id}', 200, { ...client, trainer: null, coach: null });
    v.validateResponse('GET', '/api/clients/{client_id}', 200, { ...client, trainer: { id: 1 }, coach: { id: 2 } });
    v.validateResponse('GET', '/api/clients/{client_id}/', 200, { ...client, extra_field: 'allowed' });
  });

  test('a mismatch throws an AssertionError naming the path, the status and the Ajv errors', () => {
    const err = expectFail(
      () => v.validateResponse('GET', '/api/clients/{client_id}', 200, { ...client, age: '34' }),
      /GET \/api\/clients\/\{client_id\} -> 200/,
      /\/age must be integer,null/,
      /"age":"34"/,
    );
    assert.deepEqual(err.actual, { ...client, age: '34' });
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 200, { name: 'x' }), /must have required property 'id'/);
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 200, { ...client, status: 'gone' }), /\/status must be equal to one of/);
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 200, { ...client, trainer: { id: 'x' } }), /\/trainer/);
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 200, '<html>500</html>'), /must be object/);
  });

  test('date-time accepts ISO-8601 with or without offset, rejects other strings', () => {
    for (const ts of ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.123+01:00', '2026-01-02T03:04:05', '2026-01-02T03:04']) {
      v.validateResponse('GET', '/api/clients/{id}', 200, { ...client, created_at: ts });
    }
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 200, { ...client, created_at: 'yesterday' }), /format/);
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 200, { ...client, created_at: 1700000000 }), /string/);
  });

  test('$ref responses, 2XX ranges and default', () => {
    v.validateResponse('GET', '/api/clients/{id}', 404, { error: 'Client not found', status: 404, code: 'not_found' });
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 404, { message: 'nope' }), /-> 404/, /'error'/);
    const page = { items: [client], clients: [client], total: 1, page: { items: [] } };
    assert.equal(v.validateResponse('GET', '/api/clients?per_page=1000', 200, page).responseKey, '2XX');
    assert.equal(v.validateResponse('GET', '/api/clients', 400, { error: 'bad', details: [{ field: 'x', message: 'y' }] }).responseKey, 'default');
    expectFail(() => v.validateResponse('GET', '/api/clients', 200, { items: [{ id: 'a', name: 'b' }], total: 1 }), /\/items\/0\/id/);
  });

  test('bare arrays', () => {
    v.validateResponse('GET', '/api/crm/assignments', 200, [{ id: 1, trainer_id: 2, client_id: 3 }]);
    expectFail(() => v.validateResponse('GET', '/api/crm/assignments', 200, { assignments: [] }), /must be array/);
  });

  test('undocumented operations and statuses fail', () => {
    expectFail(() => v.validateResponse('GET', '/api/nope', 200, {}), /GET \/api\/nope/, /not documented/);
    expectFail(() => v.validateResponse('POST', '/api/clients/{id}', 200, {}), /POST/, /documented methods for that path: get, delete/);
    expectFail(() => v.validateResponse('GET', '/api/clients/{id}', 500, { error: 'x' }), /status 500 not documented/, /200, 404/);
  });

  test('responses without content accept only an empty body', () => {
    v.validateResponse('DELETE', '/api/clients/{id}', 204, null);
    v.validateResponse('DELETE', '/api/clients/{id}', 204, '');
    expectFail(() => v.validateResponse('DELETE', '/api/clients/{id}', 204, { message: 'x' }), /without content/);
  });

  test('unknown keywords are ignored, known formats checked, others (int32, double) ignored', () => {
    v.validateResponse('GET', '/api/things', 200, { n: 1, when: '2026-05-01T10:00:00Z', day: '2026-05-01', amount: 1.5, kind: null, tags: { a: 1 } });
    expectFail(() => v.validateResponse('GET', '/api/things', 200, { n: 0 }), /\/n must be > 0/);
    expectFail(() => v.validateResponse('GET', '/api/things', 200, { n: 1, day: '01/05/2026' }), /\/day must match format "date"/);
    expectFail(() => v.validateResponse('GET', '/api/things', 200, { n: 1, tags: { a: 'x' } }), /\/tags\/a must be integer/);
    v.validateResponse('GET', '/api/text', 200, 'anything at all');
  });

  test('listOperations', () => {
    assert.deepEqual(v.listOperations(), [
      'DELETE /api/clients/{id}',
      'GET /api/clients',
      'GET /api/clients/{id}',
      'GET /api/crm/assignments',
      'GET /api/text',
      'GET /api/things',
    ]);
  });
});

describe('validateResponse (OpenAPI 3.1 document)', () => {
  const v = createValidator(doc31);

  test('type arrays, anyOf-null refs, enums with null', () => {
    v.validateResponse('GET', '/api/trainers/{id}', 200, { id: 1, bio: null, hourly_rate: null, level: null, manager: null, mentor: null });
    v.validateResponse('GET', '/api/trainers/{id}', 200, {
      id: 1,
      bio: 'b',
      hourly_rate: 55.5,
      level: 'senior',
      manager: { id: 2 },
      mentor: { id: 3 },
      tags: ['a', 'b'],
    });
    expectFail(() => v.validateResponse('GET', '/api/trainers/{id}', 200, { id: 1, hourly_rate: '55.5' }), /\/hourly_rate must be number,null/);
    expectFail(() => v.validateResponse('GET', '/api/trainers/{id}', 200, { id: 1, level: 'boss' }), /\/level/);
    expectFail(() => v.validateResponse('GET', '/api/trainers/{id}', 200, { id: 1, manager: { id: 'x' } }), /\/manager/);
  });
});

describe('loading openapi.yaml', () => {
  test('loadOpenApi parses YAML; OPENAPI_FILE overrides the default path', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fc-openapi-'));
    const file = path.join(dir, 'openapi.yaml');
    writeFileSync(file, YAML.stringify(doc30));
    const loaded = loadOpenApi(file);
    assert.equal(loaded.openapi, '3.0.3');
    createValidator(loaded).validateResponse('GET', '/api/clients/{id}', 200, client);

    const saved = process.env.OPENAPI_FILE;
    try {
      process.env.OPENAPI_FILE = file;
      assert.equal(defaultOpenApiFile(), file);
      delete process.env.OPENAPI_FILE;
      assert.match(defaultOpenApiFile(), /openapi\.yaml$/);
      assert.ok(!defaultOpenApiFile().includes(`${path.sep}frontend-contract${path.sep}`), 'default is the repo root');
    } finally {
      if (saved === undefined) delete process.env.OPENAPI_FILE;
      else process.env.OPENAPI_FILE = saved;
    }
    assert.throws(() => loadOpenApi(path.join(dir, 'missing.yaml')), /not found/);
  });
});

describe('lib/client.js (fake fetch)', () => {
  const v = createValidator(doc30);

  function fakeFetch(respond) {
    const calls = [];
    const f = async (url, init) => {
      calls.push({ url, init });
      const { status = 200, body, type = 'application/json' } = respond(url, init);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return new Response(status === 204 ? null : text, { status, headers: { 'content-type': type } });
    };
    f.calls = calls;
    return f;
  }

  test('fillTemplate', () => {
    assert.equal(fillTemplate('/api/clients/{client_id}', { client_id: 5 }), '/api/clients/5');
    assert.equal(fillTemplate('/a/{x}', { x: 'a b/c' }), '/a/a%20b%2Fc');
    assert.throws(() => fillTemplate('/a/{x}', {}), /missing path parameter "x"/);
  });

  test('sends bearer + JSON, fills the template, parses JSON, validates against the template', async () => {
    const fetchImpl = fakeFetch(() => ({ body: client }));
    const api = createClient({ baseURL: 'http://api.test/', token: 'tok', fetchImpl, validateResponse: v.validateResponse });
    const res = await api.get('/api/clients/{client_id}', { client_id: 5 });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, client);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(fetchImpl.calls[0].url, 'http://api.test/api/clients/5');
    assert.equal(fetchImpl.calls[0].init.headers.Authorization, 'Bearer tok');
    assert.equal(fetchImpl.calls[0].init.method, 'GET');

    await api.get('/api/clients?per_page=1000', undefined, { query: { search: 'a b' } }).catch(() => {});
    assert.equal(fetchImpl.calls[1].url, 'http://api.test/api/clients?per_page=1000&search=a+b');
  });

  test('post/put argument forms and raw bodies', async () => {
    const fetchImpl = fakeFetch(() => ({ body: client }));
    const api = createClient({ baseURL: 'http://api.test', fetchImpl, validate: false });
    await api.post('/api/clients', { name: 'A', age: '34' });
    assert.equal(fetchImpl.calls[0].init.body, '{"name":"A","age":"34"}');
    assert.equal(fetchImpl.calls[0].init.headers['Content-Type'], 'application/json');
    assert.equal(fetchImpl.calls[0].init.headers.Authorization, undefined);
    await api.put('/api/clients/{id}', { id: 7 }, { status: 'inactive' });
    assert.equal(fetchImpl.calls[1].url, 'http://api.test/api/clients/7');
    assert.equal(fetchImpl.calls[1].init.body, '{"status":"inactive"}');
    await api.post('/api/auth/login', undefined, { rawBody: '{"email": ' });
    assert.equal(fetchImpl.calls[2].init.body, '{"email": ');
    await api.withToken('t2').delete('/api/clients/{id}', { id: 1 });
    assert.equal(fetchImpl.calls[3].init.headers.Authorization, 'Bearer t2');
  });

  test('an undocumented shape makes the call reject with the validation error', async () => {
    const api = createClient({
      baseURL: 'http://api.test',
      fetchImpl: fakeFetch(() => ({ status: 404, body: '<html>Not Found</html>', type: 'text/html' })),
      validateResponse: v.validateResponse,
    });
    await assert.rejects(api.get('/api/clients/{client_id}', { client_id: 1 }), /-> 404[\s\S]*must be object/);
  });
});
