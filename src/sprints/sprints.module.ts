import { Module, type DynamicModule } from '@nestjs/common';
import { BlockerCommandHandler, BlockerResolver } from './blockers/blocker.resolver.js';
import { CheckpointCommandHandler, CheckpointResolver } from './checkpoints/checkpoint.resolver.js';
import {
  CommunicationCommandHandler,
  CommunicationResolver,
} from './communications/communication.resolver.js';
import { SprintMutations } from './graphql/mutation.js';
import { IssueCommandHandler, IssueResolver } from './issues/issue.resolver.js';
import {
  inlineProjectionsToken,
  sprintDomainToken,
  type InlineProjection,
} from './ledger/sprint-domain.js';
import { SprintLedger } from './ledger/sprint-ledger.js';
import { OutcomeCommandHandler, OutcomeResolver } from './outcomes/outcome.resolver.js';
import { PlanCommandHandler, PlanResolver } from './plan/plan.resolver.js';
import { ElementCommandHandler, ElementResolver } from './scope/element.resolver.js';
import { HandbookCommandHandler, HandbookResolver } from './scope/handbook.resolver.js';
import { RegisterCommandHandler, RegisterResolver } from './scope/register.resolver.js';
import { ScopeCommandHandler, ScopeResolver } from './scope/scope.resolver.js';
import { sprintDomain } from './sprint-domain.js';
import { TaskCommandHandler, TaskResolver } from './tasks/task.resolver.js';
import { SprintTimers } from './timing/sprint-timers.js';
import { TimingCommandHandler, TimingResolver } from './timing/timing.resolver.js';

/**
 * The sprint's write side: each seam's resolver sends its commands over the CommandBus to its
 * handler, which runs them on the ledger. The read models the ledger keeps in the command's
 * transaction are handed in by the app.
 */
@Module({})
export class SprintsModule {
  static forRoot(options: { projections: readonly InlineProjection[] }): DynamicModule {
    return {
      module: SprintsModule,
      providers: [
        { provide: sprintDomainToken, useValue: sprintDomain },
        { provide: inlineProjectionsToken, useValue: options.projections },
        SprintLedger,
        SprintMutations,
        PlanResolver,
        PlanCommandHandler,
        TaskResolver,
        TaskCommandHandler,
        BlockerResolver,
        BlockerCommandHandler,
        IssueResolver,
        IssueCommandHandler,
        CommunicationResolver,
        CommunicationCommandHandler,
        CheckpointResolver,
        CheckpointCommandHandler,
        OutcomeResolver,
        OutcomeCommandHandler,
        ScopeResolver,
        ScopeCommandHandler,
        ElementResolver,
        ElementCommandHandler,
        RegisterResolver,
        RegisterCommandHandler,
        HandbookResolver,
        HandbookCommandHandler,
        TimingResolver,
        TimingCommandHandler,
        SprintTimers,
      ],
      exports: [SprintLedger, SprintTimers],
    };
  }
}
