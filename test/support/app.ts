import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import type { AppConfig } from '../../src/config/config.js';
import { repoRoot } from './environment.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly url: string;
  /** The same calls, made with another token (or none). */
  as(token: string | null): TestApp;
  graphql<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResponse<Data>>;
  /** Runs `name(input: $input) { ... }`; the input type is the mutation's name + "Input". */
  mutate<Payload = MutationResult>(
    name: string,
    input: Record<string, unknown>,
    selection?: string,
  ): Promise<Payload>;
  /** Imports the demo sprint, fixtures/sprint-4.yaml (`sprint-4`), and expects it accepted. */
  importDemoSprint(): Promise<void>;
  close(): Promise<void>;
}

export interface GraphqlResponse<Data> {
  readonly data?: Data;
  readonly errors?: {
    message: string;
    extensions?: { code?: string; field?: string | null; requestId?: string };
  }[];
}

export interface MutationResult {
  readonly events: { type: string; eventId: string; streamVersion: number; position: number }[];
  readonly userErrors: {
    code: string;
    field: string | null;
    message: string;
    allowed: string[] | null;
  }[];
  readonly replayed: boolean;
  readonly [entity: string]: unknown;
}

/**
 * The whole service in this process, serving HTTP on a free port (or `port`), relay included. Calls carry
 * the coordinator token of the test configuration unless `as` says otherwise.
 */
export async function startTestApp(config: AppConfig, port = 0): Promise<TestApp> {
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  const url = await app.getUrl();
  return client(app, url, config.coordinatorToken);
}

function client(app: NestFastifyApplication, url: string, token: string | null): TestApp {
  async function graphql<Data>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResponse<Data>> {
    const call = request(url).post('/graphql');
    if (token !== null) void call.set('authorization', `Bearer ${token}`);
    const response = await call.send({ query, variables });
    return response.body as GraphqlResponse<Data>;
  }
  return {
    app,
    url,
    as: (other) => client(app, url, other),
    graphql,
    async mutate<Payload>(name: string, input: Record<string, unknown>, selection = '') {
      const type = `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Input`;
      const body = await graphql<Record<string, Payload>>(
        `mutation ($input: ${type}!) {
          ${name}(input: $input) {
            events { type eventId streamVersion position }
            userErrors { code field message allowed }
            replayed
            ${selection}
          }
        }`,
        { input },
      );
      const payload = body.data?.[name];
      if (!payload) throw new Error(`${name} failed: ${JSON.stringify(body.errors)}`);
      return payload;
    },
    async importDemoSprint() {
      const plan = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
      const imported = await this.mutate('importSprintPlan', { plan });
      assert.deepEqual(imported.userErrors, []);
    },
    close: () => app.close(),
  };
}
