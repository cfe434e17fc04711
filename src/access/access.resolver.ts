import {
  Args,
  Context,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { AppError } from '../common/errors.js';
import { checkTextLengths } from '../common/text-limits.js';
import { principalOfRequest } from './access.guard.js';
import { requireCoordinator } from './authorize.js';
import type { Principal, Role } from './principal.js';
import { issueToken, revokeToken, type TokenRecord } from './tokens.js';

const RoleEnum = { COORDINATOR: 'COORDINATOR', AGENT: 'AGENT', VIEWER: 'VIEWER' } as const;
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'COORDINATOR plans sprints, forces starts and manages tokens; AGENT works as one agent in its sprints; VIEWER reads.',
});
const PrincipalKindEnum = { HUMAN: 'HUMAN', AGENT: 'AGENT', SYSTEM: 'SYSTEM' } as const;
registerEnumType(PrincipalKindEnum, {
  name: 'PrincipalKind',
  description: 'A person, an automated agent, or the service’s own tools.',
});

@ObjectType({ description: 'Who a token speaks for.' })
export class ApiPrincipal {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => PrincipalKindEnum) kind!: Principal['kind'];
  @Field(() => String, { nullable: true, description: 'For AGENT: the agent it acts as.' })
  agent!: string | null;
  @Field(() => [ID], { description: 'For AGENT: the sprints it acts in.' })
  sprints!: readonly string[];
  @Field(() => Date, { nullable: true }) createdAt?: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt?: Date | null;
}

@ObjectType()
export class IssuedApiToken {
  @Field({ description: 'The token itself: shown this once, stored only as a hash.' })
  token!: string;
  @Field(() => ApiPrincipal) principal!: ApiPrincipal;
}

@InputType()
export class IssueApiTokenInput {
  @Field() name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => PrincipalKindEnum, { defaultValue: 'HUMAN' }) kind!: 'HUMAN' | 'AGENT';
  @Field(() => String, { nullable: true, description: 'Required for AGENT.' }) agent?:
    string | null;
  @Field(() => [ID], { nullable: true, description: 'Required for AGENT.' }) sprints?:
    string[] | null;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID) id!: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class AccessResolver {
  constructor(private readonly pool: Pool) {}

  @Query(() => ApiPrincipal, { description: 'The principal of the token this request carries.' })
  me(@Context('request') request: FastifyRequest): ApiPrincipal {
    return principalOfRequest(request);
  }

  @Mutation(() => IssuedApiToken, { description: 'Coordinators only. The token is shown once.' })
  async issueApiToken(
    @Args('input') input: IssueApiTokenInput,
    @Context('request') request: FastifyRequest,
  ): Promise<IssuedApiToken> {
    const principal = principalOfRequest(request);
    requireCoordinator(principal, 'issue tokens');
    checkTextLengths(input);
    if (input.name.trim() === '') {
      throw new AppError('VALIDATION_FAILED', 'name is required', 'name');
    }
    const agent = input.agent?.trim() ? input.agent.trim() : null;
    const sprints = input.sprints ?? [];
    if (input.role === 'AGENT' && (agent === null || sprints.length === 0)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'an AGENT token names its agent and sprints',
        agent === null ? 'agent' : 'sprints',
      );
    }
    const { token, record } = await issueToken(
      this.pool,
      { name: input.name.trim(), role: input.role, kind: input.kind, agent, sprints },
      principal.name,
    );
    return { token, principal: record };
  }

  @Mutation(() => ApiPrincipal, {
    description: 'Coordinators only. The token stops working at once.',
  })
  async revokeApiToken(
    @Args('input') input: RevokeApiTokenInput,
    @Context('request') request: FastifyRequest,
  ): Promise<TokenRecord> {
    requireCoordinator(principalOfRequest(request), 'revoke tokens');
    const revoked = uuid.test(input.id) ? await revokeToken(this.pool, input.id) : null;
    if (!revoked) throw new AppError('NOT_FOUND', `no token ${input.id}`, 'id');
    return revoked;
  }
}
