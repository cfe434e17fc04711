/** The sprint as the e2e tests read it back over /graphql, and the query that reads it. */
export interface SprintView {
  status: string;
  version: number;
  agents: {
    name: string;
    role: string;
    backup: string | null;
    criticalDependencies: string[];
    status: string;
  }[];
  phases: {
    number: number;
    name: string;
    estimateHours: { min: number; max: number };
    dependsOn: number[];
    criticalPath: boolean;
    riskLevel: string | null;
    status: string;
  }[];
  tasks: {
    id: string;
    phase: number;
    estimateHours: number;
    assignees: string[];
    status: string;
    actualHours: number;
  }[];
  deliverables: { id: string; category: string; name: string; done: boolean }[];
  checkpoints: {
    id: string;
    name: string;
    phase: number;
    hourWindow: { from: number; to: number };
    status: string;
  }[];
  risks: { category: string; severity: string; status: string; mitigation: string }[];
  issues: { nodes: { id: string; status: string }[] };
  blockers: { nodes: { id: string; status: string; severity: string }[] };
  communications: { nodes: { id: string; type: string; answer: { by: string } | null }[] };
}

export const sprintQuery = `query ($id: ID!) { sprint(id: $id) {
  status version
  agents { name role backup criticalDependencies status }
  phases { number name estimateHours { min max } dependsOn criticalPath riskLevel status }
  tasks { id phase estimateHours assignees status actualHours }
  deliverables { id category name done }
  checkpoints { id name phase hourWindow { from to } status }
  risks { category severity status mitigation }
  issues(first: 100) { nodes { id status } }
  blockers(first: 100) { nodes { id status severity } }
  communications(first: 100) { nodes { id type answer { by } } }
} }`;
