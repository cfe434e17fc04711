import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { aSprintPlan } from '../builders/sprint-plan.builder.js';
import { repoRoot } from '../support/environment.js';

/**
 * What the fuzzer sends: GraphQL requests built from the schema, hostile ones and plans.
 */
/** One request the fuzzer sends: a body (JSON, or raw text that is not JSON at all). */
export interface FuzzCase {
  readonly label: string;
  readonly body: string;
  /** The mutation field, when the case is one: its payload says whether it was accepted. */
  readonly mutation: string | null;
}

/** Names in the demo sprint, and names that must find nothing. */
const knownIds = [
  'sprint-4',
  '1.1',
  '2.1',
  '4.1',
  'python-pro',
  'devops-engineer',
  'qa-engineer',
  'coordinator',
  'B-1',
  'I-1',
  'C-1',
  'CP-1',
  'D-01',
  'R-1',
  'Test Coverage',
];
const hostileTexts = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '\u0000',
  'a\u0000b',
  'x\ud800',
  '\udc00y',
  '',
  ' ',
  "'; DROP TABLE events; --",
  '\n```\n# heading\n[x](javascript:alert(1))',
  '🙂'.repeat(60),
  'x'.repeat(4001),
];
const edgeNumbers = [0, -1, 1, 0.5, 24, 24.01, 1e308, -1e308, 2 ** 31, 2 ** 53, 1e-9];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...knownIds) },
  { weight: 3, arbitrary: fc.constantFrom(...hostileTexts) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...edgeNumbers),
  text,
  fc.constant({}),
  fc.constant([]),
  fc.constant({ nested: { deeper: [1, 2, 3] } }),
);

/**
 * A value for an input type of the schema: mostly of the type, with names of the demo sprint
 * and hostile text, sometimes of another type or missing, so that validation has work to do.
 */
function valueFor(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  const wrong = anyJson;
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 12, arbitrary: valueFor(type.ofType, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  if (isListType(type)) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.array(valueFor(type.ofType, depth), { maxLength: 4 }) },
      { weight: 1, arbitrary: wrong },
    );
  }
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...type.getValues().map((value) => value.name)) },
      { weight: 1, arbitrary: fc.constantFrom('P9', 'NOT_A_VALUE', 'p0', '') },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc
      .tuple(
        ...fields.map((field) =>
          fc.option(valueFor(field.type, depth + 1), { freq: 8, nil: undefined }),
        ),
        fc.option(fc.constant({ unknownField: 1 }), { freq: 20, nil: undefined }),
      )
      .map(([...values]) => {
        const extra = values.pop() as Record<string, unknown> | undefined;
        const object: Record<string, unknown> = { ...(extra ?? {}) };
        fields.forEach((field, index) => {
          if (values[index] !== undefined) object[field.name] = values[index];
        });
        return object;
      });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(...edgeNumbers), wrong);
      case 'Float':
        return fc.oneof(
          fc.double({ noNaN: true, min: -5, max: 30 }),
          fc.constantFrom(...edgeNumbers),
          wrong,
        );
      case 'Boolean':
        return fc.oneof(fc.boolean(), wrong);
      default:
        return fc.oneof({ weight: 10, arbitrary: text }, { weight: 1, arbitrary: wrong });
    }
  }
  return wrong;
}

/** A value written as a GraphQL literal, as a client would inline it in the query text. */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const inner = isListType(isNonNullType(type) ? type.ofType : type)
      ? isNonNullType(type)
        ? type.ofType
        : type
      : type;
    const itemType = isListType(inner) ? inner.ofType : inner;
    return `[${value.map((item) => literal(item, itemType)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item, fields[key]?.type ?? named)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && isEnumType(named) && /^[A-Za-z_]\w*$/.test(value)) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'NaN';
  return JSON.stringify(value);
}

/** A selection of a type's fields, to `depth`, sometimes aliased, sometimes in a fragment. */
function selectionOf(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((field) =>
    field.args.every((arg) => !isNonNullType(arg.type)),
  );
  const leaf = (field: GraphQLField<unknown, unknown>) => {
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      return depth <= 0
        ? fc.constant('__typename')
        : selectionOf(named, depth - 1).map((inner) => `${field.name} { ${inner} }`);
    }
    return fc.constant(field.name);
  };
  return fc
    .array(fc.constantFrom(...fields), { minLength: 1, maxLength: 5 })
    .chain((picked) => fc.tuple(...picked.map(leaf), fc.boolean(), fc.nat(20)))
    .map((parts) => {
      const alias = parts.pop() as number;
      const aliased = parts.pop() as boolean;
      const selections = parts as string[];
      return selections
        .map((selection, index) => (aliased && index === 0 ? `a${alias}: ${selection}` : selection))
        .join(' ');
    });
}

const sprintPayloadSelection =
  '__typename events { eventId type } userErrors { code field message } replayed';

function mutationCase(schema: GraphQLSchema): fc.Arbitrary<FuzzCase> {
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
  return fc.constantFrom(...mutations).chain((field) => {
    const input = field.args.find((arg) => arg.name === 'input');
    if (!input) return fc.constant({ label: field.name, body: '{}', mutation: null });
    const payload = getNamedType(field.type);
    const selection =
      isObjectType(payload) && 'userErrors' in payload.getFields()
        ? sprintPayloadSelection
        : '__typename';
    return fc.tuple(valueFor(input.type, 0), fc.boolean()).map(([value, inline]) => {
      const inputType = getNamedType(input.type).name;
      const body = inline
        ? {
            query: `mutation { ${field.name}(input: ${literal(value, input.type)}) { ${selection} } }`,
          }
        : {
            query: `mutation ($input: ${inputType}!) { ${field.name}(input: $input) { ${selection} } }`,
            variables: { input: value },
          };
      return {
        label: `${field.name}${inline ? ' (inline)' : ''}`,
        body: JSON.stringify(body),
        mutation: selection === sprintPayloadSelection ? field.name : null,
      };
    });
  });
}

function queryCase(schema: GraphQLSchema): fc.Arbitrary<FuzzCase> {
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {});
  return fc.constantFrom(...queries).chain((field) => {
    const args = field.args.map((arg) =>
      fc
        .option(valueFor(arg.type, 0), { freq: 6, nil: undefined })
        .map((value) => ({ arg, value })),
    );
    const named = getNamedType(field.type);
    const selection = isObjectType(named)
      ? selectionOf(named, 3).map((s) => `{ ${s} }`)
      : fc.constant('');
    return fc.tuple(fc.tuple(...args), selection).map(([values, picked]) => {
      const written = values
        .filter(({ value }) => value !== undefined)
        .map(({ arg, value }) => `${arg.name}: ${literal(value, arg.type)}`);
      const argumentList = written.length ? `(${written.join(', ')})` : '';
      return {
        label: field.name,
        body: JSON.stringify({ query: `{ ${field.name}${argumentList} ${picked} }` }),
        mutation: null,
      };
    });
  });
}

/** Documents built to hurt: fragment bombs, alias floods, deep nests, token floods, junk. */
const adversarialCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    const fragments = Array.from(
      { length: depth },
      (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`,
    ).join(' ');
    return {
      label: `fragment bomb ${depth}`,
      body: JSON.stringify({
        query: `query { ...F0 } ${fragments} fragment F${depth} on Query { me { name } }`,
      }),
      mutation: null,
    };
  }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 3000 }),
      fc.constantFrom('__typename', '__schema { queryType { name } }', 'me { name }'),
    )
    .map(([count, field]) => ({
      label: `${count} aliases of ${field}`,
      body: JSON.stringify({
        query: `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`,
      }),
      mutation: null,
    })),
  fc.integer({ min: 1, max: 200 }).map((depth) => ({
    label: `nest ${depth}`,
    body: JSON.stringify({
      query: `{ ${'sprint(id: "sprint-4") { agents { name } '.repeat(depth)}${'}'.repeat(depth * 2)} }`,
    }),
    mutation: null,
  })),
  fc.integer({ min: 1000, max: 300_000 }).map((fields) => ({
    label: `${fields} fields`,
    body: JSON.stringify({ query: `query V${fields} { me { ${'name '.repeat(fields)} } }` }),
    mutation: null,
  })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((junk) => ({
    label: 'junk query',
    body: JSON.stringify({ query: junk }),
    mutation: null,
  })),
  fc.string({ maxLength: 100 }).map((junk) => ({ label: 'junk body', body: junk, mutation: null })),
  fc.tuple(anyJson, anyJson).map(([query, variables]) => ({
    label: 'query of any type',
    body: JSON.stringify({ query, variables }),
    mutation: null,
  })),
  fc
    .constantFrom('{"query": ', '[{"query":"{ me { name } }"},{"query":"{ me { name } }"}]')
    .map((body) => ({ label: 'malformed or batched', body, mutation: null })),
);

/** Plans with one part made wrong: a reference to nowhere, a cycle, a built-in name, junk. */
const planCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.constantFrom('key', 'agent', 'assignee', 'dependency', 'phase', 'text', 'valid'),
    fc.constantFrom(...hostileTexts, ...knownIds),
    fc.nat(1_000_000),
    fc.boolean(),
  )
  .map(([broken, value, suffix, asYaml]) => {
    const base = aSprintPlan({ key: `fuzz-${suffix}` });
    const [first, ...rest] = base.phases;
    const phases = first ? [first, ...rest] : rest;
    const plan = {
      ...base,
      key: broken === 'key' ? value : base.key,
      agents:
        broken === 'agent' ? [...base.agents, { ...base.agents[0], name: value }] : base.agents,
      phases: phases.map((phase, index) =>
        index === 0
          ? {
              ...phase,
              name: broken === 'text' ? value : phase.name,
              dependsOn: broken === 'phase' ? [3] : phase.dependsOn,
              tasks: phase.tasks.map((task, t) =>
                t === 0
                  ? {
                      ...task,
                      assignees: broken === 'assignee' ? [value] : task.assignees,
                      dependsOn: broken === 'dependency' ? [value] : task.dependsOn,
                    }
                  : task,
              ),
            }
          : phase,
      ),
    };
    const json = JSON.stringify(plan);
    return {
      label: `plan with ${broken}`,
      body: JSON.stringify({
        query:
          'mutation ($plan: String!) { importSprintPlan(input: { plan: $plan }) { ' +
          sprintPayloadSelection +
          ' } }',
        variables: { plan: asYaml ? json.replace(/^\{/, '{ ') : json },
      }),
      mutation: 'importSprintPlan',
    };
  });

export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(`${repoRoot}/schema.graphql`, 'utf8'));
}

/** Every kind of case, weighted towards what the schema allows. */
export function fuzzCase(schema: GraphQLSchema): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    { weight: 5, arbitrary: mutationCase(schema) },
    { weight: 3, arbitrary: queryCase(schema) },
    { weight: 2, arbitrary: adversarialCase },
    { weight: 1, arbitrary: planCase },
  );
}
