import { MutationInput } from '../common/graphql-arguments.js';
import {
  Context,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { AppError } from '../common/errors.js';
import { graphqlEnum } from '../common/graphql-enum.js';
import { checkTexts } from '../common/text-limits.js';
import { principalOfRequest } from './access.guard.js';
import { requireCoordinator } from './authorize.js';
import type { Principal, Role } from './principal.js';
import { TokenCache } from './token-cache.js';
import { issueToken, revokeToken, type TokenRecord } from './tokens.js';

const RoleEnum = graphqlEnum(
  ['COORDINATOR', 'AGENT', 'VIEWER'] as const,
  'Role',
  'What a token may do.',
  {
    COORDINATOR: 'Plans sprints, changes plans, forces starts and manages tokens.',
    AGENT: 'Works as one agent, in the sprints its token names.',
    VIEWER: 'Reads.',
  },
);
export const PrincipalKindEnum = graphqlEnum(
  ['HUMAN', 'AGENT', 'SYSTEM'] as const,
  'PrincipalKind',
  'Who acts: a person, an automated agent, or the service’s own tools.',
  {
    HUMAN: 'A person.',
    AGENT: 'An automated agent, such as an AI coding agent.',
    SYSTEM: 'The service itself: its timers and command-line tools.',
  },
);

@ObjectType({ description: 'Who a token speaks for.' })
export class ApiPrincipal {
  @Field(() => ID, { description: "The token's id (not the secret), used to revoke it." })
  id!: string;
  @Field({ description: "The token's label, given when it was issued." }) name!: string;
  @Field(() => RoleEnum, { description: 'What the token may do.' }) role!: Role;
  @Field(() => PrincipalKindEnum, {
    description: 'Whether a person, an agent or the service itself acts.',
  })
  kind!: Principal['kind'];
  @Field(() => String, { nullable: true, description: 'For AGENT: the agent it acts as.' })
  agent!: string | null;
  @Field(() => [ID], {
    description:
      'The sprints it reads (and, for AGENT, acts in); empty for a VIEWER of every sprint.',
  })
  sprints!: readonly string[];
  @Field(() => Date, {
    nullable: true,
    description: "When the token was issued; null for the service's own principals.",
  })
  createdAt?: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the token was revoked; null while it is valid.',
  })
  revokedAt?: Date | null;
}

@ObjectType({ description: 'A token just issued: its secret is shown only here.' })
export class IssuedApiToken {
  @Field({ description: 'The token itself: shown this once, stored only as a hash.' })
  token!: string;
  @Field(() => ApiPrincipal, { description: 'Who the token speaks for.' }) principal!: ApiPrincipal;
}

@InputType({ description: 'A new API token.' })
export class IssueApiTokenInput {
  @Field({ description: 'A label for the token, e.g. who holds it.' }) name!: string;
  @Field(() => RoleEnum, { description: 'What the token may do.' }) role!: Role;
  @Field(() => PrincipalKindEnum, {
    nullable: true,
    description: 'Who holds it; by default AGENT for an AGENT token, HUMAN otherwise.',
  })
  kind?: 'HUMAN' | 'AGENT' | null;
  @Field(() => String, { nullable: true, description: 'Required for AGENT.' }) agent?:
    string | null;
  @Field(() => [ID], {
    nullable: true,
    description:
      'The sprints it may read and act in, at most 100: required for AGENT; for VIEWER, none means every sprint.',
  })
  sprints?: string[] | null;
}

@InputType({ description: 'Revokes an API token.' })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: "The token's id." }) id!: string;
}

/** How many sprints one token may be bound to. */
export const maxBoundSprints = 100;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class AccessResolver {
  constructor(
    private readonly pool: Pool,
    private readonly tokens: TokenCache,
  ) {}

  @Query(() => ApiPrincipal, { description: 'The principal of the token this request carries.' })
  me(@Context('request') request: FastifyRequest): ApiPrincipal {
    return principalOfRequest(request);
  }

  @Mutation(() => IssuedApiToken, { description: 'Coordinators only. The token is shown once.' })
  async issueApiToken(
    @MutationInput() input: IssueApiTokenInput,
    @Context('request') request: FastifyRequest,
  ): Promise<IssuedApiToken> {
    const principal = principalOfRequest(request);
    requireCoordinator(principal, 'issue tokens');
    checkTexts(input);
    if (input.name.trim() === '') {
      throw new AppError('VALIDATION_FAILED', 'name is required', 'name');
    }
    const agent = input.agent?.trim() ? input.agent.trim() : null;
    const sprints = [...new Set(input.sprints ?? [])];
    if (input.role === 'AGENT' && (agent === null || sprints.length === 0)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'an AGENT token names its agent and sprints',
        agent === null ? 'agent' : 'sprints',
      );
    }
    await this.checkBinding(input.role, agent, sprints);
    const { token, record } = await issueToken(
      this.pool,
      {
        name: input.name.trim(),
        role: input.role,
        kind: input.kind ?? (input.role === 'AGENT' ? 'AGENT' : 'HUMAN'),
        agent,
        sprints,
      },
      principal.name,
    );
    return { token, principal: record };
  }

  /** A token is bound to sprints that exist and, for an agent, to an agent of each of them. */
  private async checkBinding(role: Role, agent: string | null, sprints: string[]): Promise<void> {
    if (role !== 'AGENT' && agent !== null) {
      throw new AppError('VALIDATION_FAILED', 'only an AGENT token names an agent', 'agent');
    }
    if (role === 'COORDINATOR' && sprints.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        'a COORDINATOR token is for every sprint; it takes no sprints',
        'sprints',
      );
    }
    if (sprints.length > maxBoundSprints) {
      throw new AppError(
        'VALIDATION_FAILED',
        `a token is bound to at most ${maxBoundSprints} sprints, not ${sprints.length}`,
        'sprints',
      );
    }
    const known = await this.pool.query<{ sprint_id: string; has_agent: boolean }>(
      `SELECT o.sprint_id,
              EXISTS (SELECT 1 FROM sprint_agents a
                      WHERE a.sprint_id = o.sprint_id AND a.name = $2) AS has_agent
       FROM sprint_overview o WHERE o.sprint_id = ANY($1::text[])`,
      [sprints, agent],
    );
    const found = new Map(known.rows.map((row) => [row.sprint_id, row.has_agent]));
    sprints.forEach((sprintId, index) => {
      const hasAgent = found.get(sprintId);
      if (hasAgent === undefined) {
        throw new AppError('NOT_FOUND', `no sprint ${sprintId}`, `sprints[${index}]`);
      }
      if (agent !== null && !hasAgent) {
        throw new AppError('NOT_FOUND', `no agent ${agent} in sprint ${sprintId}`, 'agent');
      }
    });
  }

  @Mutation(() => ApiPrincipal, {
    description: 'Coordinators only. The token stops working at once.',
  })
  async revokeApiToken(
    @MutationInput() input: RevokeApiTokenInput,
    @Context('request') request: FastifyRequest,
  ): Promise<TokenRecord> {
    requireCoordinator(principalOfRequest(request), 'revoke tokens');
    const revoked = uuid.test(input.id) ? await revokeToken(this.pool, input.id) : null;
    if (!revoked) throw new AppError('NOT_FOUND', `no token ${input.id}`, 'id');
    // Other instances forget it when the revocation's notice reaches them, this one now.
    this.tokens.forget(revoked.id);
    return revoked;
  }
}
