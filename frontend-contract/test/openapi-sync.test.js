// Live: the committed openapi.yaml documents the same operations as the running server's /q/openapi.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createValidator, defaultOpenApiFile, getValidator, parseOpenApiText } from '../lib/openapi.js';
import { API_URL, requireServer } from '../lib/live.js';

describe('openapi.yaml', () => {
  beforeEach(requireServer);

  test('the committed openapi.yaml lists the operations the server serves at /q/openapi', async () => {
    const res = await fetch(`${API_URL}/q/openapi`, { headers: { Accept: 'application/yaml' } });
    const text = await res.text();
    assert.equal(res.status, 200, `GET /q/openapi: ${res.status} ${text.slice(0, 200)}`);
    const live = createValidator(parseOpenApiText(text)).listOperations();
    const committed = getValidator().listOperations();
    const missing = live.filter((op) => !committed.includes(op));
    const extra = committed.filter((op) => !live.includes(op));
    assert.deepEqual(
      { missing, extra },
      { missing: [], extra: [] },
      `${defaultOpenApiFile()} is out of date with ${API_URL}/q/openapi ` +
        '(missing = served but not committed; extra = committed but not served). ' +
        `Regenerate it: curl -s ${API_URL}/q/openapi > openapi.yaml`,
    );
  });
});
