import { writeFile } from 'node:fs/promises';
import { renderSchemaFile } from '../schema-file.js';

const target = new URL('../../../schema.graphql', import.meta.url);
await writeFile(target, await renderSchemaFile());
console.log('schema.graphql written');
