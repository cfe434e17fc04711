import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { renderSchemaFile } from '../src/schema-file.js';
import { repoRoot } from './support/environment.js';

const committed = await readFile(`${repoRoot}/schema.graphql`, 'utf8');
const schema = buildSchema(committed);

/** Every type, field, argument and enum value without a description, by its coordinate. */
function undocumented(of: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(of.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const fields: readonly (GraphQLField<unknown, unknown> | GraphQLInputField)[] = Object.values(
        type.getFields(),
      );
      for (const field of fields) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

/** A field that answers a list of objects, plain (not a connection's `nodes`). */
function plainObjectLists(of: GraphQLSchema): string[] {
  const lists: string[] = [];
  for (const type of Object.values(of.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const list = getNullableType(field.type);
      if (isListType(list) && isObjectType(getNamedType(list))) {
        lists.push(`${type.name}.${field.name}`);
      }
    }
  }
  return lists;
}

/**
 * The one rule for plain lists (README, "Lists and pages"): a list that grows with a sprint's
 * work or with the service's use is a connection; a plain list is a thing's own parts, as many
 * as the plan or the answer itself makes them. These are those parts.
 */
const partsOfTheirThing = [
  // A sprint's plan and what the dashboard draws of it: as many as the plan has.
  ...['agents', 'phases', 'tasks', 'deliverables', 'checkpoints', 'risks', 'qualityTargets'].map(
    (field) => `Sprint.${field}`,
  ),
  ...['commands', 'contacts', 'fileLocations', 'nextSteps'].map((field) => `Sprint.${field}`),
  'AgentCard.tasks',
  'AgentCommands.blocks',
  'CriticalPathView.tasks',
  'Dashboard.agents',
  'Dashboard.openBlockers',
  'Dashboard.phases',
  'PhaseTracker.deliverables',
  'PhaseTracker.tasks',
  'SprintMetricsView.phases',
  'SprintMetricsView.phaseVelocity',
  'SprintMetricsView.quality',
  'SprintMetricsView.burndown',
  // What one mutation, one preview or one error is made of.
  'PlanPreview.changes',
  'PlanChange.fields',
];

describe('schema.graphql', () => {
  it('is the schema the code serves (run `npm run schema:emit` after changing it)', async () => {
    assert.equal(committed, await renderSchemaFile());
  });

  it('describes every type, field, argument and enum value', () => {
    assert.deepEqual(undocumented(schema), []);
  });

  it('answers every list that grows with use as a full Relay connection', () => {
    const connections = Object.values(schema.getTypeMap()).filter(
      (type) => isObjectType(type) && type.name.endsWith('Connection'),
    );
    assert.ok(connections.length >= 7, `connections: ${connections.length}`);
    const pageInfo = schema.getType('PageInfo');
    assert.ok(isObjectType(pageInfo));
    assert.deepEqual(Object.keys(pageInfo.getFields()).sort(), [
      'endCursor',
      'hasNextPage',
      'hasPreviousPage',
      'startCursor',
    ]);
    const fieldsAnswering = (name: string): GraphQLField<unknown, unknown>[] =>
      Object.values(schema.getTypeMap())
        .filter(isObjectType)
        .flatMap((type) => Object.values(type.getFields()))
        .filter((field) => getNamedType(field.type).name === name);
    for (const connection of connections) {
      assert.ok(isObjectType(connection));
      assert.deepEqual(
        ['edges', 'nodes', 'pageInfo', 'totalCount'].filter(
          (field) => !(field in connection.getFields()),
        ),
        [],
        connection.name,
      );
      for (const field of fieldsAnswering(connection.name)) {
        const args = field.args.map((arg) => arg.name);
        for (const page of ['first', 'after', 'last', 'before']) {
          assert.ok(args.includes(page), `${field.name} takes ${page}`);
        }
      }
    }
    assert.deepEqual(
      partsOfTheirThing.filter((field) => !plainObjectLists(schema).includes(field)),
      [],
      'every part named is a plain list of the schema',
    );
    assert.deepEqual(
      plainObjectLists(schema).filter(
        (field) =>
          !partsOfTheirThing.includes(field) &&
          !field.endsWith('Payload.events') &&
          !field.endsWith('Payload.changes') &&
          !field.endsWith('.userErrors'),
      ),
      [],
    );
  });

  it('answers null for a sprint that does not exist, on every query about one sprint', () => {
    const aboutOneSprint = Object.values(schema.getQueryType()?.getFields() ?? {}).filter(
      (field) =>
        field.name !== 'previewPlanChanges' &&
        field.args.some((arg) => arg.name === 'sprintId' || arg.name === 'id'),
    );
    assert.ok(aboutOneSprint.length >= 12);
    assert.deepEqual(
      aboutOneSprint.filter((field) => isNonNullType(field.type)).map((field) => field.name),
      [],
    );
  });

  it('uses an enum wherever the set of values is closed', () => {
    const typeOf = (type: string, field: string): string => {
      const object = schema.getType(type);
      assert.ok(isObjectType(object));
      const found = object.getFields()[field];
      assert.ok(found, `${type}.${field}`);
      return getNamedType(found.type).name;
    };
    assert.equal(typeOf('HistoryEntry', 'type'), 'SprintEventType');
    assert.equal(typeOf('HistoryEntry', 'actorKind'), 'PrincipalKind');
    assert.equal(typeOf('SprintEventMessage', 'type'), 'SprintEventType');
    assert.equal(typeOf('QualityMetricView', 'status'), 'QualityStatus');
    const history = schema.getQueryType()?.getFields().history;
    assert.equal(
      history?.args.find((arg) => arg.name === 'type')?.type.toString(),
      'SprintEventType',
    );
  });
});
