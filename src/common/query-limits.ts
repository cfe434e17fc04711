import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type ASTVisitor,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { defaultPageSize, maxPageSize } from './paging.js';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
}

/** What a selection set asks for, relative to where it is spread: at depth 0, one item. */
interface Measure {
  readonly depth: number;
  readonly aliases: number;
  readonly cost: number;
}

const nothing: Measure = { depth: 0, aliases: 0, cost: 0 };

/**
 * How many items a field may return: its `first`/`last`, the page maximum for a variable, and
 * for a connection given neither, its default page.
 */
function multiplierOf(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined) {
  const page = field.arguments?.find(
    (argument) => argument.name.value === 'first' || argument.name.value === 'last',
  );
  if (page)
    return page.value.kind === Kind.INT ? Math.max(1, Number(page.value.value)) : maxPageSize;
  return definition?.args.some((argument) => argument.name === 'first') ? defaultPageSize : 1;
}

/** The field a selection names on its parent type, when the schema knows both. */
function definitionOf(
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent))
    ? parent.getFields()[name]
    : undefined;
}

/** Introspection is bounded by the schema itself; GraphiQL's own query is deep by design. */
function isIntrospection(field: FieldNode): boolean {
  return field.name.value === '__schema' || field.name.value === '__type';
}

/**
 * Measures operations in time linear in the document: each fragment is measured once, at depth
 * 0 and one item, and a spread scales that measure (cost grows with the items of the lists
 * around it, depth with where it is spread). Re-walking a fragment at every spread would let
 * `...F1 ...F1` nested twenty times cost 2^20 walks. A fragment spread inside itself counts as
 * nothing here: NoFragmentCyclesRule refuses the document anyway. With the schema, each field
 * is looked up on its parent type (a fragment's is its type condition), so a connection asked
 * for without `first`/`last` counts its default page.
 */
class DocumentMeasurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, Measure>();
  private readonly visiting = new Set<string>();

  constructor(
    document: DocumentNode,
    private readonly schema?: GraphQLSchema,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition);
      }
    }
  }

  operation(operation: OperationDefinitionNode): Measure {
    return this.selectionSet(
      operation.selectionSet,
      this.schema?.getRootType(operation.operation) ?? undefined,
    );
  }

  private typeNamed(name: string | undefined): GraphQLNamedType | undefined {
    return name === undefined ? undefined : this.schema?.getType(name);
  }

  private selectionSet(selectionSet: SelectionSetNode, parent?: GraphQLNamedType): Measure {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        // Every selection counts towards aliases and cost, `__typename` and `__schema` included.
        if (selection.alias) aliases += 1;
        cost += 1;
        if (!selection.selectionSet) {
          depth = Math.max(depth, 1);
          continue;
        }
        const definition = definitionOf(parent, selection.name.value);
        const below = this.selectionSet(
          selection.selectionSet,
          definition ? getNamedType(definition.type) : undefined,
        );
        const items = multiplierOf(selection, definition);
        inner = {
          depth: isIntrospection(selection) ? 1 : below.depth + 1,
          aliases: below.aliases,
          cost: below.cost * items,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        inner = this.selectionSet(
          selection.selectionSet,
          condition ? this.typeNamed(condition) : parent,
        );
      } else {
        inner = this.fragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      cost += inner.cost;
    }
    return { depth, aliases, cost };
  }

  private fragment(name: string): Measure {
    const known = this.measured.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(name)) return nothing;
    this.visiting.add(name);
    const measure = this.selectionSet(
      fragment.selectionSet,
      this.typeNamed(fragment.typeCondition.name.value),
    );
    this.visiting.delete(name);
    this.measured.set(name, measure);
    return measure;
  }
}

/**
 * What an operation asks for, by the measure the limits use: of the operation named, or of the
 * costliest when no name is given.
 */
export function operationCost(
  document: DocumentNode,
  operationName?: string | null,
  schema?: GraphQLSchema,
): number {
  const measurer = new DocumentMeasurer(document, schema);
  let cost = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && definition.name?.value !== operationName) continue;
    cost = Math.max(cost, measurer.operation(definition).cost);
  }
  return cost;
}

/**
 * Refuses an operation deeper, with more aliases or costlier than the limits before it runs:
 * every selection costs 1 for each item its enclosing lists may return (`first`/`last`, or 100
 * when it is a variable). Runs as a validation rule, so it applies to queries, mutations and
 * subscriptions.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const measurer = new DocumentMeasurer(context.getDocument(), context.getSchema());
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const total = measurer.operation(operation);
        const exceeded = [
          ['depth', total.depth, limits.maxDepth],
          ['aliases', total.aliases, limits.maxAliases],
          ['cost', total.cost, limits.maxCost],
        ] as const;
        for (const [limit, actual, max] of exceeded) {
          if (actual > max) {
            context.reportError(
              new GraphQLError(`operation ${limit} ${actual} is over the limit of ${max}`, {
                nodes: [operation],
                extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, actual },
              }),
            );
          }
        }
      },
    };
  };
}
