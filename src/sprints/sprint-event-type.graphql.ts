import { graphqlEnum, type ValueDescriptions } from '../common/graphql-enum.js';
import { sprintEventSchemas, sprintEventTypes } from './sprint-events.js';

/** Each event type's description: its latest schema's, as contract/events publishes it. */
const eventTypeDescriptions = Object.fromEntries(
  sprintEventTypes.map((type) => [
    type,
    sprintEventSchemas[type].at(-1)?.description ?? `A ${type} event.`,
  ]),
) as ValueDescriptions<typeof sprintEventTypes>;

export const SprintEventTypeEnum = graphqlEnum(
  sprintEventTypes,
  'SprintEventType',
  'The type of a recorded event, as the log stores it and Kafka carries it (contract/asyncapi.yaml).',
  eventTypeDescriptions,
);
