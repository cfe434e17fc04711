import { Args, ID } from '@nestjs/graphql';

/** The `sprintId` argument of a query or subscription about one sprint. */
export const SprintIdArg = (): ParameterDecorator =>
  Args('sprintId', { type: () => ID, description: 'The id of the sprint.' });

/**
 * The one `input` argument every mutation takes, as GitHub's and Shopify's APIs do: its input
 * type describes each field.
 */
export const MutationInput = (): ParameterDecorator =>
  Args('input', { description: 'What the mutation takes; its input type describes each field.' });
