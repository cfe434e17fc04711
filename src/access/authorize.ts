import { AppError } from '../common/errors.js';
import type { Principal } from './principal.js';

export function forbidden(message: string, field: string): never {
  throw new AppError('FORBIDDEN', message, field);
}

/**
 * Reads are scoped like writes: a coordinator reads every sprint, an agent the sprints it is
 * bound to, a viewer the sprints it is bound to, or every sprint when it is bound to none.
 */
export function mayRead(principal: Principal, sprintId: string): boolean {
  if (principal.role === 'COORDINATOR') return true;
  if (principal.role === 'VIEWER' && principal.sprints.length === 0) return true;
  return principal.sprints.includes(sprintId);
}

export function requireReadable(principal: Principal, sprintId: string): void {
  if (!mayRead(principal, sprintId)) {
    forbidden(`${principal.name} may not read sprint ${sprintId}`, 'sprintId');
  }
}

/** Planning sprints and managing tokens are a coordinator's alone. */
export function requireCoordinator(principal: Principal, action: string): void {
  if (principal.role !== 'COORDINATOR') forbidden(`only a coordinator may ${action}`, 'input');
}
