import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { AppError } from '../common/errors.js';
import { checkStorable } from '../common/text-limits.js';
import type {
  HourRange,
  PlannedCheckpoint,
  PlannedDeliverable,
  PlannedQualityTarget,
  PlannedRisk,
  RiskLevel,
  RiskStatus,
  SprintPlan,
} from './sprint.events.js';

import sprintPlanSchema from './sprint-plan.schema.json' with { type: 'json' };

export { sprintPlanSchema };

/** A plan as written: what sprint-plan.schema.json allows, optional parts optional. */
interface PlanDocument {
  key: string;
  name: string;
  branch?: string | null;
  startDate?: string | null;
  targetHours: HourRange;
  criticalPathHours?: number | null;
  bufferedHours?: number | null;
  agents: { name: string; role: string; backup?: string | null; criticalDependencies?: string[] }[];
  phases: {
    number: number;
    name: string;
    estimateHours: HourRange;
    dependsOn?: number[];
    criticalPath?: boolean;
    riskLevel?: RiskLevel | null;
    tasks: {
      id: string;
      title: string;
      estimateHours: number;
      assignees: string[];
      dependsOn?: string[];
    }[];
  }[];
  deliverables?: (Omit<PlannedDeliverable, 'phase'> & { phase?: number | null })[];
  checkpoints?: (Omit<PlannedCheckpoint, 'criteria'> & { criteria?: string[] })[];
  risks?: (Omit<PlannedRisk, 'status'> & { status?: RiskStatus })[];
  qualityTargets?: PlannedQualityTarget[];
}

const validate = new Ajv({ allErrors: false, strict: true }).compile<PlanDocument>(
  sprintPlanSchema,
);

/**
 * Reads a plan written in YAML or JSON (JSON is YAML), checks it against the schema and fills
 * in the optional parts. Referential checks (do assignees exist?) belong to the decider.
 */
export function parseSprintPlan(text: string): SprintPlan {
  // JSON is YAML, but the YAML parser takes a second over a 10,000-task plan that JSON.parse
  // reads in milliseconds; text that is not JSON goes on to YAML, which says what is wrong.
  let document: unknown = text.trimStart().startsWith('{') ? jsonOrUndefined(text) : undefined;
  try {
    document ??= parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
    throw new AppError(
      'VALIDATION_FAILED',
      `the plan is not valid YAML or JSON: ${message}`,
      'plan',
    );
  }
  // YAML and JSON escapes (`"\0"`, `"\ud800"`) make from plain text what no database stores.
  checkStorable(document, 'plan');
  if (!validate(document)) {
    const [first] = validate.errors ?? [];
    throw new AppError('VALIDATION_FAILED', describe(first), fieldOf(first));
  }
  return normalise(document);
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fieldOf(error: ErrorObject | undefined): string {
  if (!error) return 'plan';
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  const missing = error.keyword === 'required' ? `.${String(error.params.missingProperty)}` : '';
  const extra =
    error.keyword === 'additionalProperties' ? `.${String(error.params.additionalProperty)}` : '';
  return `plan${path}${missing}${extra}`;
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'the plan does not match the sprint plan schema';
  if (error.keyword === 'additionalProperties') return `${fieldOf(error)} is not part of a plan`;
  if (error.keyword === 'required') return `${fieldOf(error)} is required`;
  return `${fieldOf(error)} ${error.message ?? 'is invalid'}`;
}

function normalise(plan: PlanDocument): SprintPlan {
  return {
    key: plan.key,
    name: plan.name,
    branch: plan.branch ?? null,
    startDate: plan.startDate ?? null,
    targetHours: plan.targetHours,
    criticalPathHours: plan.criticalPathHours ?? null,
    bufferedHours: plan.bufferedHours ?? null,
    agents: plan.agents.map((agent) => ({
      name: agent.name,
      role: agent.role,
      backup: agent.backup ?? null,
      criticalDependencies: agent.criticalDependencies ?? [],
    })),
    phases: plan.phases.map((phase) => ({
      number: phase.number,
      name: phase.name,
      estimateHours: phase.estimateHours,
      dependsOn: phase.dependsOn ?? [],
      criticalPath: phase.criticalPath ?? false,
      riskLevel: phase.riskLevel ?? null,
      tasks: phase.tasks.map((task) => ({
        id: task.id,
        title: task.title,
        estimateHours: task.estimateHours,
        assignees: task.assignees,
        dependsOn: task.dependsOn ?? [],
      })),
    })),
    deliverables: (plan.deliverables ?? []).map((deliverable) => ({
      id: deliverable.id,
      category: deliverable.category,
      name: deliverable.name,
      phase: deliverable.phase ?? null,
    })),
    checkpoints: (plan.checkpoints ?? []).map((checkpoint) => ({
      id: checkpoint.id,
      name: checkpoint.name,
      phase: checkpoint.phase,
      hourWindow: checkpoint.hourWindow,
      criteria: checkpoint.criteria ?? [],
    })),
    risks: (plan.risks ?? []).map((risk) => ({
      id: risk.id,
      category: risk.category,
      severity: risk.severity,
      status: risk.status ?? 'ACTIVE',
      mitigation: risk.mitigation,
    })),
    qualityTargets: (plan.qualityTargets ?? []).map((target) => ({
      metric: target.metric,
      target: target.target,
    })),
  };
}
