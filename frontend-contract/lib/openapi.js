// Validates API responses against the committed OpenAPI document (openapi.yaml at the repo root).
//
// The document is SmallRye OpenAPI output: OpenAPI 3.0 (nullable: true) or 3.1 (type arrays,
// JSON Schema 2020-12). Both are converted to a JSON schema that Ajv (2020 dialect) accepts.
import assert from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));

/** ../openapi.yaml relative to this package (the repo root), or $OPENAPI_FILE (relative to cwd). */
export function defaultOpenApiFile() {
  if (process.env.OPENAPI_FILE) return path.resolve(process.cwd(), process.env.OPENAPI_FILE);
  return path.resolve(here, '..', '..', 'openapi.yaml');
}

/** Parses OpenAPI text (YAML or JSON; YAML anchors/aliases allowed: the file is our own). */
export function parseOpenApiText(text) {
  return YAML.parse(text, { maxAliasCount: -1 });
}

/** Reads and parses an OpenAPI document (YAML or JSON). */
export function loadOpenApi(file = defaultOpenApiFile()) {
  if (!existsSync(file)) {
    throw new Error(
      `OpenAPI document not found at ${file}. Commit the server's /q/openapi output as openapi.yaml ` +
        'at the repo root, or point OPENAPI_FILE at it.',
    );
  }
  const doc = parseOpenApiText(readFileSync(file, 'utf8'));
  if (!doc || typeof doc !== 'object' || !doc.paths) {
    throw new Error(`${file} is not an OpenAPI document (no "paths")`);
  }
  return doc;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Keywords that only OpenAPI knows (or that are pure annotations): dropped before Ajv sees them.
const DROP_KEYWORDS = new Set([
  'nullable',
  'example',
  'examples',
  'xml',
  'externalDocs',
  'discriminator',
  'deprecated',
  'readOnly',
  'writeOnly',
  'x-nullable',
]);

// Formats we check; any other format (int32, int64, double, binary, password, …) is dropped.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const FORMATS = {
  // Timestamps may come with or without an offset (Java Instant/OffsetDateTime vs LocalDateTime).
  'date-time': ISO_DATE_TIME,
  'local-date-time': ISO_DATE_TIME,
  date: ISO_DATE,
  'local-date': ISO_DATE,
  time: ISO_TIME,
  'local-time': ISO_TIME,
  email: /^[^\s@]+@[^\s@]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  uri: (s) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  },
};

const COMPONENTS_ID = 'https://openapi.invalid/components.json';

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function decodePointerToken(t) {
  return decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Follows a local "#/a/b" reference inside doc. */
export function resolvePointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#')) {
    throw new Error(`only local $refs are supported, got ${JSON.stringify(ref)}`);
  }
  let cur = doc;
  for (const raw of ref.slice(1).split('/').filter((t, i) => i > 0 || t !== '')) {
    const key = decodePointerToken(raw);
    if (cur == null || !(key in Object(cur))) throw new Error(`unresolvable $ref ${ref}`);
    cur = cur[key];
  }
  return cur;
}

/** Follows $ref chains on non-schema objects (responses, media types). */
function deref(doc, obj, seen = new Set()) {
  while (isPlainObject(obj) && typeof obj.$ref === 'string') {
    if (seen.has(obj.$ref)) throw new Error(`circular $ref ${obj.$ref}`);
    seen.add(obj.$ref);
    obj = resolvePointer(doc, obj.$ref);
  }
  return obj;
}

function addNullToType(type) {
  if (type === undefined) return undefined;
  const list = Array.isArray(type) ? [...type] : [type];
  if (!list.includes('null')) list.push('null');
  return list;
}

/**
 * Converts one OpenAPI (3.0 or 3.1) schema object into a JSON schema for Ajv (2020-12 dialect).
 *
 * @param {object} schema the OpenAPI schema
 * @param {object} [options]
 * @param {(ref: string) => string} [options.mapRef] rewrites "$ref" values
 *   (default: "#/components/schemas/X" -> "#/$defs/X")
 */
export function toJsonSchema(schema, options = {}) {
  const mapRef =
    options.mapRef ??
    ((ref) => {
      const prefix = '#/components/schemas/';
      return ref.startsWith(prefix) ? `#/$defs/${ref.slice(prefix.length)}` : ref;
    });
  return convert(schema, mapRef);
}

function convert(schema, mapRef) {
  if (typeof schema === 'boolean') return schema;
  if (!isPlainObject(schema)) return schema;

  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROP_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    switch (key) {
      case '$ref':
        out.$ref = mapRef(value);
        break;
      case 'properties':
      case 'patternProperties':
      case '$defs':
      case 'definitions':
      case 'dependentSchemas':
        out[key] = Object.fromEntries(Object.entries(value ?? {}).map(([k, v]) => [k, convert(v, mapRef)]));
        break;
      case 'items':
        // OpenAPI 3.0 has a single schema; draft-04 style tuple arrays become prefixItems.
        if (Array.isArray(value)) out.prefixItems = value.map((v) => convert(v, mapRef));
        else out.items = convert(value, mapRef);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
      case 'prefixItems':
        out[key] = value.map((v) => convert(v, mapRef));
        break;
      case 'additionalProperties':
      case 'unevaluatedProperties':
      case 'unevaluatedItems':
      case 'not':
      case 'contains':
      case 'propertyNames':
      case 'if':
      case 'then':
      case 'else':
        out[key] = convert(value, mapRef);
        break;
      case 'format':
        if (Object.hasOwn(FORMATS, value)) out.format = value;
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        // 3.0: boolean modifier of minimum/maximum; 3.1: a number.
        if (typeof value === 'number') out[key] = value;
        break;
      }
      case 'required':
        if (Array.isArray(value) && value.length > 0) out.required = [...value];
        break;
      default:
        out[key] = value;
    }
  }

  // OpenAPI 3.0 boolean exclusiveMinimum/Maximum.
  if (schema.exclusiveMinimum === true && typeof schema.minimum === 'number') {
    out.exclusiveMinimum = schema.minimum;
    delete out.minimum;
  }
  if (schema.exclusiveMaximum === true && typeof schema.maximum === 'number') {
    out.exclusiveMaximum = schema.maximum;
    delete out.maximum;
  }

  // Nullable: 3.0 `nullable: true`, or 3.1 `type: [..., 'null']`.
  const typeList = out.type === undefined ? undefined : Array.isArray(out.type) ? out.type : [out.type];
  const nullable = schema.nullable === true || schema['x-nullable'] === true || (typeList?.includes('null') ?? false);
  if (nullable) {
    const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((k) => k in out);
    if (composed || typeList === undefined) {
      // `$ref` / `allOf` / `oneOf` (with or without a type): null, or whatever the rest says.
      const rest = { ...out };
      if (typeList) {
        const others = typeList.filter((t) => t !== 'null');
        if (others.length === 0) delete rest.type;
        else rest.type = others.length === 1 ? others[0] : others;
      }
      return { anyOf: [{ type: 'null' }, rest] };
    }
    out.type = addNullToType(out.type);
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if ('const' in out && out.const !== null) {
      out.enum = [out.const, null];
      delete out.const;
    }
  }
  return out;
}

function normalizeTemplate(p) {
  let s = String(p).split('?')[0];
  if (s.length > 1) s = s.replace(/\/+$/, '');
  return s.replace(/\{[^}/]*\}/g, '{}');
}

function describeErrors(errors) {
  return (errors ?? [])
    .slice(0, 20)
    .map((e) => {
      const where = e.instancePath || '(body)';
      const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
      return `  - ${where} ${e.message}${extra} [schema ${e.schemaPath}]`;
    })
    .join('\n');
}

function preview(body) {
  let s;
  try {
    s = typeof body === 'string' ? body : JSON.stringify(body);
  } catch {
    s = String(body);
  }
  if (s === undefined) return 'undefined';
  return s.length > 1500 ? `${s.slice(0, 1500)}… (${s.length} chars)` : s;
}

function isEmptyBody(body) {
  return body === undefined || body === null || body === '';
}

function pickMediaType(content) {
  if (!isPlainObject(content)) return undefined;
  const keys = Object.keys(content);
  if (keys.length === 0) return undefined;
  const key =
    keys.find((k) => k.split(';')[0].trim().toLowerCase() === 'application/json') ??
    keys.find((k) => /[/+]json\b/i.test(k)) ??
    keys.find((k) => k.trim() === '*/*') ??
    keys[0];
  return { key, media: content[key] };
}

/**
 * Builds a validator bound to one OpenAPI document.
 * @param {object} doc a parsed OpenAPI 3.0 / 3.1 document
 */
export function createValidator(doc) {
  if (!doc || !isPlainObject(doc.paths)) throw new Error('createValidator: not an OpenAPI document (no "paths")');

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false });
  for (const [name, fmt] of Object.entries(FORMATS)) ajv.addFormat(name, fmt);

  // Component schemas live in one registered schema; response schemas point into it.
  const componentSchemas = doc.components?.schemas ?? {};
  const safeNames = new Map();
  const used = new Set();
  for (const name of Object.keys(componentSchemas)) {
    let safe = name.replace(/[^A-Za-z0-9_.-]/g, '_') || '_';
    while (used.has(safe)) safe += '_';
    used.add(safe);
    safeNames.set(name, safe);
  }

  const mapRef = (ref) => {
    const prefix = '#/components/schemas/';
    if (typeof ref === 'string' && ref.startsWith(prefix)) {
      const rest = ref.slice(prefix.length).split('/');
      const name = decodePointerToken(rest[0]);
      const safe = safeNames.get(name);
      if (!safe) throw new Error(`$ref ${ref} names no schema under components.schemas`);
      return `${COMPONENTS_ID}#/$defs/${[safe, ...rest.slice(1)].join('/')}`;
    }
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      // Any other local pointer (rare in SmallRye output): not supported by the bundle.
      throw new Error(`unsupported $ref ${ref} (only #/components/schemas/* is supported in schemas)`);
    }
    return ref;
  };

  const defs = {};
  for (const [name, schema] of Object.entries(componentSchemas)) defs[safeNames.get(name)] = convert(schema, mapRef);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: defs });

  const operationIndex = new Map(); // normalized path -> actual key
  for (const key of Object.keys(doc.paths)) {
    const n = normalizeTemplate(key);
    if (!operationIndex.has(n)) operationIndex.set(n, key);
  }

  const compiled = new Map();

  /** Finds the operation object for METHOD + path template; path parameter names may differ. */
  function findOperation(method, pathTemplate) {
    const m = String(method).toLowerCase();
    const bare = String(pathTemplate).split('?')[0];
    const key = Object.hasOwn(doc.paths, bare) ? bare : operationIndex.get(normalizeTemplate(bare));
    const item = key === undefined ? undefined : deref(doc, doc.paths[key]);
    const op = item?.[m];
    return op ? { pathKey: key, operation: op } : undefined;
  }

  /** The documented response object for a status: exact code, then 2XX-style range, then default. */
  function findResponse(method, pathTemplate, status) {
    const found = findOperation(method, pathTemplate);
    const label = `${String(method).toUpperCase()} ${pathTemplate}`;
    if (!found) {
      const known = Object.entries(doc.paths)
        .filter(([p, item]) => normalizeTemplate(p) === normalizeTemplate(pathTemplate) && item)
        .flatMap(([, item]) => Object.keys(item).filter((k) => HTTP_METHODS.includes(k)));
      assert.fail(
        `${label}: operation not documented in openapi.yaml` +
          (known.length ? ` (documented methods for that path: ${known.join(', ')})` : ' (path not documented)'),
      );
    }
    const responses = found.operation.responses ?? {};
    const code = String(status);
    const range = `${code[0]}XX`;
    const responseKey = [code, range, range.toLowerCase(), 'default'].find((k) => Object.hasOwn(responses, k));
    if (responseKey === undefined) {
      assert.fail(
        `${label}: status ${status} not documented in openapi.yaml ` +
          `(documented: ${Object.keys(responses).join(', ') || 'none'}; add it or a "default" response)`,
      );
    }
    return { ...found, responseKey, response: deref(doc, responses[responseKey]) };
  }

  /**
   * Asserts that `body` matches the documented response schema for METHOD pathTemplate status.
   * @returns {{pathKey: string, responseKey: string, mediaType?: string}}
   */
  function validateResponse(method, pathTemplate, status, body) {
    const label = `${String(method).toUpperCase()} ${pathTemplate} -> ${status}`;
    const { pathKey, response, responseKey } = findResponse(method, pathTemplate, status);
    const picked = pickMediaType(response?.content);
    if (!picked) {
      if (isEmptyBody(body)) return { pathKey, responseKey };
      assert.fail(
        `${label}: openapi.yaml documents response "${responseKey}" of ${pathKey} without content, ` +
          `but the server sent a body: ${preview(body)}`,
      );
    }
    const media = deref(doc, picked.media);
    if (!media?.schema) return { pathKey, responseKey, mediaType: picked.key };

    const cacheKey = `${String(method).toLowerCase()} ${pathKey} ${responseKey} ${picked.key}`;
    let validate = compiled.get(cacheKey);
    if (!validate) {
      try {
        validate = ajv.compile(convert(media.schema, mapRef));
      } catch (err) {
        assert.fail(`${label}: cannot compile the response schema of ${pathKey} (${responseKey}): ${err.message}`);
      }
      compiled.set(cacheKey, validate);
    }
    if (!validate(body)) {
      throw new assert.AssertionError({
        message:
          `${label}: response body does not match openapi.yaml (${pathKey}, response "${responseKey}", ` +
          `${picked.key}):\n${describeErrors(validate.errors)}\nbody: ${preview(body)}`,
        actual: body,
        expected: media.schema,
        operator: 'validateResponse',
      });
    }
    return { pathKey, responseKey, mediaType: picked.key };
  }

  /** Every documented operation as "METHOD /path". */
  function listOperations() {
    const ops = [];
    for (const [p, rawItem] of Object.entries(doc.paths)) {
      const item = deref(doc, rawItem) ?? {};
      for (const m of HTTP_METHODS) if (item[m]) ops.push(`${m.toUpperCase()} ${p}`);
    }
    return ops.sort();
  }

  return { doc, ajv, findOperation, findResponse, validateResponse, listOperations };
}

let defaultValidator;

/** The validator for openapi.yaml at the repo root (or $OPENAPI_FILE), loaded once. */
export function getValidator() {
  defaultValidator ??= createValidator(loadOpenApi());
  return defaultValidator;
}

/**
 * Asserts that a response matches openapi.yaml. Throws an AssertionError naming the path, the status
 * and Ajv's errors; also fails when the operation or the status is not documented.
 */
export function validateResponse(method, pathTemplate, status, body) {
  return getValidator().validateResponse(method, pathTemplate, status, body);
}
