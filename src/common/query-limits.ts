import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/** How many items a list field may return: its `first`, the page maximum for a variable. */
function multiplierOf(field: FieldNode): number {
  const first = field.arguments?.find((argument) => argument.name.value === 'first');
  if (!first) return 1;
  if (first.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  return 100;
}

function measure(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  depth: number,
  multiplier: number,
  fragments: ReadonlySet<string>,
  total: Measure,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection is bounded by the schema itself; GraphiQL's own query is deep by design.
      if (selection.name.value.startsWith('__')) continue;
      total.depth = Math.max(total.depth, depth + 1);
      if (selection.alias) total.aliases += 1;
      total.cost += multiplier;
      if (selection.selectionSet) {
        const inner = multiplier * multiplierOf(selection);
        measure(context, selection.selectionSet, depth + 1, inner, fragments, total);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      measure(context, selection.selectionSet, depth, multiplier, fragments, total);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (fragment && !fragments.has(name)) {
        const seen = new Set(fragments).add(name);
        measure(context, fragment.selectionSet, depth, multiplier, seen, total);
      }
    }
  }
}

/**
 * Refuses an operation deeper, with more aliases or costlier than the limits before it runs:
 * every field costs 1 for each item its enclosing lists may return (`first`, or 100 when it is
 * a variable). Runs as a validation rule, so it applies to queries, mutations and subscriptions.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const total: Measure = { depth: 0, aliases: 0, cost: 0 };
      measure(context, operation.selectionSet, 0, 1, new Set(), total);
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
  });
}
