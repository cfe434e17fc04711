import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/config.js';
import { contractFiles, topicSettings } from '../src/contract-documents/asyncapi.js';
import {
  assertWithinContract,
  currentSchemaVersion,
  eventSchemaFile,
  sprintEventTypes,
} from '../src/sprints/sprint-events.js';
import {
  upcastSprintEvent as upcast,
  sprintEventUpcasters as upcasters,
} from '../src/sprints/sprint-events.js';
import type { RecordedEvent } from '../src/event-store/event-store.js';
import { toKafkaMessage } from '../src/event-store/kafka-message.js';
import { decide, fold, type SprintCommand } from '../src/sprints/sprint.js';
import { type SprintEvent } from '../src/sprints/sprint-events.js';
import {
  cancelledSprintScenario,
  clockScenario,
  everyEventScenario,
} from './builders/every-event.scenario.js';
import { event, history, now } from './builders/given-when-then.js';
import { aSprintPlan } from './builders/sprint-plan.builder.js';
import { repoRoot } from './support/environment.js';

const contractDir = `${repoRoot}/contract`;

async function committedFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of ['asyncapi.yaml', 'sprint-plan.schema.json']) {
    files.set(name, await readFile(`${contractDir}/${name}`, 'utf8'));
  }
  for (const name of await readdir(`${contractDir}/events`)) {
    files.set(`events/${name}`, await readFile(`${contractDir}/events/${name}`, 'utf8'));
  }
  return files;
}

/** A validator over the committed documents, the way a downstream service would build one. */
async function committedContract() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv-formats is CommonJS: under NodeNext its function is the module's `default`.
  ajvFormats.default(ajv);
  const files = await committedFiles();
  const asyncapi = parse(files.get('asyncapi.yaml') ?? '') as {
    components: {
      schemas: Record<string, object>;
      messages: Record<string, { name: string; headers: unknown; payload: unknown }>;
    };
  };
  const envelope = ajv.compile(asyncapi.components.schemas.EventEnvelope ?? {});
  const headers = ajv.compile(asyncapi.components.schemas.CloudEventHeaders ?? {});
  const payloads = new Map<string, ValidateFunction>();
  for (const [path, content] of files) {
    if (path.startsWith('events/')) {
      payloads.set(path.slice('events/'.length), ajv.compile(JSON.parse(content) as object));
    }
  }
  return { asyncapi, envelope, headers, payloads };
}

function errorsOf(validate: ValidateFunction): string {
  return JSON.stringify(validate.errors, null, 2);
}

function played(commands: readonly SprintCommand[]): SprintEvent[] {
  const events: SprintEvent[] = [event('SprintPlanned', { plan: aSprintPlan() })];
  for (const command of commands) {
    events.push(...decide(command, fold(null, events), { now }));
  }
  return events;
}

/** The events of the scenarios as the service would record them, in order. */
function scenarioEvents(): SprintEvent[] {
  return [
    ...played(everyEventScenario),
    ...played(cancelledSprintScenario).slice(1),
    ...history(...clockScenario).slice(1),
  ];
}

function recorded(events: readonly SprintEvent[]): RecordedEvent[] {
  return events.map((sprintEvent, index) => ({
    position: 100 + index,
    transactionId: String(5000 + index),
    streamId: 'sprint-test',
    streamVersion: index + 1,
    eventId: `6f1c9a52-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: sprintEvent.type,
    schemaVersion: currentSchemaVersion(sprintEvent.type),
    data: sprintEvent.data,
    metadata: {
      actor: 'dev',
      actorKind: 'AGENT',
      principalId: 'token-1',
      role: 'AGENT',
      command: 'LogHours',
      correlationId: null,
      causationId: null,
      idempotencyKey: null,
    },
    recordedAt: new Date(now),
  }));
}

describe('the event contract', () => {
  it('is committed under contract/ exactly as the code generates it (run `npm run schema:emit`)', async () => {
    const generated = contractFiles(topicSettings(loadConfig({})));
    const committed = await committedFiles();
    assert.deepEqual([...committed.keys()].sort(), [...generated.keys()].sort());
    for (const [path, content] of generated) assert.equal(committed.get(path), content, path);
  });

  it('is a valid AsyncAPI 3.0 document, by the specification’s own JSON Schema', async () => {
    const specification = createRequire(import.meta.url)(
      '@asyncapi/specs/schemas/3.0.0.json',
    ) as object;
    // The bundled schema carries its own copy of the draft-07 meta-schema.
    const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(specification);
    const document = parse((await committedFiles()).get('asyncapi.yaml') ?? '') as Record<
      string,
      unknown
    >;
    assert.ok(validate(document), errorsOf(validate));
    assert.equal(validate({ ...document, channels: { sprintEvents: { address: 7 } } }), false);
  });

  it('has a schema file and an AsyncAPI message for every version of every event type', async () => {
    const { asyncapi, payloads } = await committedContract();
    for (const type of sprintEventTypes) {
      for (let version = 1; version <= currentSchemaVersion(type); version += 1) {
        assert.ok(payloads.has(eventSchemaFile(type, version)), `${type} v${version} schema`);
        assert.equal(asyncapi.components.messages[`${type}.v${version}`]?.name, type);
      }
    }
  });

  it('holds every event the service emits, as it stands on the topic', async () => {
    const { envelope, headers, payloads } = await committedContract();
    const events = recorded(scenarioEvents());
    assert.deepEqual(
      new Set(events.map((recordedEvent) => recordedEvent.type)),
      new Set(sprintEventTypes),
      'the scenario emits every event type (extend test/builders/every-event.scenario.ts)',
    );
    for (const recordedEvent of events) {
      const message = toKafkaMessage(recordedEvent);
      const value = JSON.parse(message.value) as { type: string; data: unknown };
      assert.ok(envelope(value), `${value.type} envelope: ${errorsOf(envelope)}`);
      assert.ok(headers(message.headers), `${value.type} headers: ${errorsOf(headers)}`);
      const schemaFile = eventSchemaFile(
        recordedEvent.type as SprintEvent['type'],
        recordedEvent.schemaVersion,
      );
      const payload = payloads.get(schemaFile);
      assert.ok(payload, `no schema ${schemaFile}`);
      assert.ok(payload(value.data), `${schemaFile}: ${errorsOf(payload)}`);
    }
  });

  it('refuses a payload that does not keep to its schema', async () => {
    const { payloads } = await committedContract();
    const hoursLogged = payloads.get('HoursLogged.v2.schema.json');
    assert.ok(hoursLogged);
    const valid = { taskId: '1.1', agent: 'dev', hours: 1, totalHours: 1, note: null, at: now };
    assert.ok(hoursLogged(valid));
    assert.equal(hoursLogged({ ...valid, hours: 0 }), false);
    assert.equal(hoursLogged({ ...valid, surprise: true }), false);
    assert.equal(hoursLogged({ ...valid, note: undefined }), false);
  });

  it('is checked before an event is recorded', () => {
    const logged = event('HoursLogged', {
      taskId: '1.1',
      agent: 'dev',
      hours: 1,
      totalHours: 1,
      note: null,
    });
    assert.doesNotThrow(() => {
      assertWithinContract(logged);
    });
    const slip = { ...logged, data: { ...logged.data, totalHours: Number.NaN } } as SprintEvent;
    assert.throws(() => {
      assertWithinContract(slip);
    }, /HoursLogged breaks its schema/);
  });

  it('upcasts every older version to the next, so readers only see the current one', async () => {
    const { payloads } = await committedContract();
    for (const type of sprintEventTypes) {
      for (let version = 1; version < currentSchemaVersion(type); version += 1) {
        assert.ok(upcasters[type]?.[version], `an upcaster for ${type} from v${version}`);
      }
    }
    const v1 = { taskId: '1.1', agent: 'dev', hours: 1, totalHours: 1, at: now };
    assert.ok(payloads.get('HoursLogged.v1.schema.json')?.(v1));
    const current = upcast('HoursLogged', 1, v1);
    assert.deepEqual(current, { schemaVersion: 2, data: { ...v1, note: null } });
    assert.ok(payloads.get('HoursLogged.v2.schema.json')?.(current.data));
    assert.deepEqual(upcast('HoursLogged', 2, current.data), current, 'current stays as it is');
  });
});
