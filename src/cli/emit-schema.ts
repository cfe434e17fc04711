import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadConfig } from '../config/config.js';
import { contractFiles, topicSettings } from '../contract-documents/asyncapi.js';
import { renderSchemaFile } from '../schema-file.js';

const root = new URL('../../../', import.meta.url);
await writeFile(new URL('schema.graphql', root), await renderSchemaFile());
console.log('schema.graphql written');

const contract = new URL('contract/', root);
await rm(contract, { recursive: true, force: true });
await mkdir(new URL('events/', contract), { recursive: true });
// The committed documents describe a service with the default settings.
const files = contractFiles(topicSettings(loadConfig({})));
for (const [path, content] of files) await writeFile(new URL(path, contract), content);
console.log(`contract/ written: ${files.size} files`);
