import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageArgs, connectionOf } from '../read-models/connection.js';
import { Dashboard, ScopeChangeConnection } from './dashboard.types.js';

/** The dashboard's list that grows with the sprint's plan changes, paged as every such list. */
@Resolver(() => Dashboard)
export class DashboardListsResolver {
  @ResolveField(() => ScopeChangeConnection, { description: 'The scope log, newest first.' })
  scopeChanges(@Parent() dashboard: Dashboard, @Args() page: PageArgs) {
    return connectionOf(dashboard.scopeChanges, page);
  }
}
