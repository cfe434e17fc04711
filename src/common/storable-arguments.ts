import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
} from 'graphql';
import { AppError } from './errors.js';
import { checkStorable } from './text-limits.js';

/**
 * Refuses a query or subscription whose arguments, written in the text or sent as variables,
 * hold text no database can store (a NUL, a lone surrogate): VALIDATION_FAILED naming the
 * argument, instead of a database error. Mutations check their input themselves and answer in
 * userErrors.
 */
export function checkStorableArguments(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): void {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation || operation.operation === OperationTypeNode.MUTATION) return;
  try {
    visit(document, {
      Argument(node) {
        const value: unknown = valueFromASTUntyped(node.value, variables ?? undefined);
        checkStorable(value, node.name.value);
      },
    });
  } catch (error) {
    if (error instanceof AppError) {
      throw new GraphQLError(error.message, { originalError: error });
    }
    throw error;
  }
}
