export const roles = ['COORDINATOR', 'AGENT', 'VIEWER'] as const;
export type Role = (typeof roles)[number];

/** Who sends a request, as their token says. */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Whether a person or an automated agent holds the token; SYSTEM for the service's own tools. */
  readonly kind: 'HUMAN' | 'AGENT' | 'SYSTEM';
  /** For an AGENT: the agent it acts as, in the sprints it is bound to. */
  readonly agent: string | null;
  readonly sprints: readonly string[];
}

/** The service itself, or an operator's command-line tool, acting with a coordinator's rights. */
export function systemPrincipal(name: string): Principal {
  return {
    id: `system:${name}`,
    name,
    role: 'COORDINATOR',
    kind: 'SYSTEM',
    agent: null,
    sprints: [],
  };
}
