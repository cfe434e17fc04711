import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { renderSchemaFile } from '../src/schema-file.js';
import { repoRoot } from './support/environment.js';

describe('schema.graphql', () => {
  it('is the schema the code serves (run `npm run schema:emit` after changing it)', async () => {
    const committed = await readFile(`${repoRoot}/schema.graphql`, 'utf8');
    assert.equal(committed, await renderSchemaFile());
  });
});
