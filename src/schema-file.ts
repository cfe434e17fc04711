import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createApp } from './app.js';
import { loadConfig } from './config/config.js';

export const schemaFileHeader =
  '# Generated from the code-first resolvers by `npm run schema:emit`; a test fails when stale.\n\n';

/** The schema the service serves, as committed in schema.graphql. Opens no connection. */
export async function renderSchemaFile(): Promise<string> {
  const app = await createApp(loadConfig({ RELAY_ENABLED: 'false', LOG_LEVEL: 'error' }));
  try {
    await app.init();
    const { schema } = app.get(GraphQLSchemaHost);
    return schemaFileHeader + printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
