import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { repoRoot } from './support/environment.js';

const run = promisify(execFile);

/** `docker compose` where the plugin is installed, else Debian's `docker-compose`. */
async function composeCommand(): Promise<[string, ...string[]]> {
  try {
    await run('docker', ['compose', 'version']);
    return ['docker', 'compose'];
  } catch {
    return ['docker-compose'];
  }
}

/** The file as Compose resolves it: validated against the Compose schema, without an engine. */
async function composeConfig(environment: Record<string, string>): Promise<string> {
  const [command, ...args] = await composeCommand();
  const { stdout } = await run(command, [...args, '-f', 'docker-compose.yml', 'config'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...environment },
  });
  return stdout;
}

interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly environment: Record<string, string>;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly healthcheck?: unknown;
}

describe('deployment', () => {
  it('docker-compose.yml is valid Compose: Postgres, KRaft Kafka, and the service once both are healthy', async () => {
    const resolved = await composeConfig({ COORDINATOR_TOKEN: 'compose-check-token-0123456789' });
    const config = parse(resolved) as { services: Record<string, ComposeService> };
    const { app, kafka, postgres } = config.services;
    assert.deepEqual(Object.keys(config.services).sort(), ['app', 'kafka', 'postgres']);
    assert.ok(app && kafka && postgres);
    assert.equal(kafka.image, 'apache/kafka:3.9.1');
    assert.equal(kafka.environment.KAFKA_PROCESS_ROLES, 'broker,controller');
    assert.ok(postgres.healthcheck && kafka.healthcheck);
    assert.ok(app.build, 'the service is built from the Dockerfile');
    assert.deepEqual(app.depends_on, {
      kafka: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
    assert.equal(app.environment.KAFKA_BROKERS, 'kafka:9092');
    assert.match(app.environment.DATABASE_URL ?? '', /@postgres:5432\//);
  });

  it('docker-compose.yml refuses to start the service without a coordinator token', async () => {
    await assert.rejects(composeConfig({}), /COORDINATOR_TOKEN/);
  });

  it('the Dockerfile builds in two stages and runs migrations, then the service, as a non-root user', async () => {
    const dockerfile = await readFile(`${repoRoot}/Dockerfile`, 'utf8');
    assert.equal(dockerfile.match(/^FROM /gm)?.length, 2);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    assert.match(runtime, /npm ci --omit=dev/);
    assert.match(runtime, /^USER node$/m);
    assert.match(runtime, /COPY --from=build \/app\/dist/);
    assert.match(runtime, /CMD .*migrate\.js && exec node dist\/src\/main\.js/);
  });
});
