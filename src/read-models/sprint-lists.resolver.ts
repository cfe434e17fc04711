import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Sprint } from '../sprints/graphql/objects.js';
import { PageArgs, connectionOf } from './connection.js';
import { BlockerConnection, CommunicationConnection, IssueConnection } from './lists.resolver.js';

/**
 * The lists of a sprint that grow with its work, paged as the root lists are: a sprint of
 * 10,000 issues answers a page of them, not all.
 */
@Resolver(() => Sprint)
export class SprintListsResolver {
  @ResolveField(() => BlockerConnection, {
    description: 'Every blocker raised, in the order raised.',
  })
  blockers(@Parent() sprint: Sprint, @Args() page: PageArgs) {
    return connectionOf(sprint.blockers, page);
  }

  @ResolveField(() => IssueConnection, {
    description: 'The issue registry, in the order reported.',
  })
  issues(@Parent() sprint: Sprint, @Args() page: PageArgs) {
    return connectionOf(sprint.issues, page);
  }

  @ResolveField(() => CommunicationConnection, {
    description: 'The communication log, in the order sent.',
  })
  communications(@Parent() sprint: Sprint, @Args() page: PageArgs) {
    return connectionOf(sprint.communications, page);
  }
}
