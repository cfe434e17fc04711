/** What the page asks the service for, and the shapes of the answers. */

export const sprintListQuery = `query SprintList {
  sprints(first: 100) { nodes { id name status version plannedAt startedAt completedAt } }
}`;

export interface SprintListData {
  readonly sprints: {
    readonly nodes: readonly {
      id: string;
      name: string;
      status: string;
      version: number;
      plannedAt: string;
      startedAt: string | null;
      completedAt: string | null;
    }[];
  };
}

export const sprintPageQuery = `query SprintPage($id: ID!) {
  dashboard(sprintId: $id) {
    sprintId name status branch version startDate updatedAt targetCompletion
    targetHours { min max }
    overview {
      progressPercent taskCount tasksComplete phaseCount phasesComplete
      checkpointCount checkpointsPassed deliverableCount deliverablesDone
      openBlockers issuesFound issuesResolved activeAgents agentCount activeRisks riskCount
    }
    agents {
      name role status backup taskCount tasksDone nextTaskWaitingFor
      currentTask { id title } nextTask { id title }
    }
    phases {
      number name status criticalPath riskLevel estimatedHours actualHours waitingFor
      estimateHours { min max }
      tasks { id status }
    }
    criticalPath {
      totalHours targetHours hoursDone percentDone bufferedHours baselineHours
      tasks { taskId earliestStart earliestFinish latestFinish slack critical }
    }
    openBlockers { id severity agent taskId description raisedAt }
    scopeChanges(first: 50) { totalCount nodes { at by event subject from to hoursDelta } }
  }
  metrics(sprintId: $id) {
    burndown { at remainingHours scopeHours }
    scope { baselineHours currentHours addedHours removedHours changes }
  }
  forecast(sprintId: $id) {
    finishP50 finishP90 remainingHoursP50 remainingHoursP90 observedTasks medianRatio drivers
  }
  sprint(id: $id) {
    startedAt
    tasks { id title status leaseExpiries lease { agent expiresAt note } }
    agents { name unresponsiveSince }
    blockers(last: 100) { nodes { id status severity agent escalations escalatedTo } }
    issues(last: 100) { nodes { id severity title status assignee phase } }
    communications(last: 8) { nodes { id at from to type subject answer { by body } } }
    checkpoints { id name phase status result criteria overdueAt hourWindow { from to } }
    risks { id category severity status mitigation }
    deliverables { id category name done phase path }
    commands { agent blocks { title lines } }
    nextSteps { id title details commands done doneBy doneAt }
    contacts { role agent backup }
    escalation
    fileLocations { group paths }
  }
}`;

export interface Task {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly leaseExpiries: number;
  readonly lease: { agent: string; expiresAt: string; note: string | null } | null;
}

export interface SprintPageData {
  readonly dashboard: {
    sprintId: string;
    name: string;
    status: string;
    branch: string | null;
    version: number;
    startDate: string | null;
    updatedAt: string | null;
    targetCompletion: string | null;
    targetHours: { min: number; max: number };
    overview: {
      progressPercent: number;
      taskCount: number;
      tasksComplete: number;
      phaseCount: number;
      phasesComplete: number;
      checkpointCount: number;
      checkpointsPassed: number;
      deliverableCount: number;
      deliverablesDone: number;
      openBlockers: number;
      issuesFound: number;
      issuesResolved: number;
      activeAgents: number;
      agentCount: number;
      activeRisks: number;
      riskCount: number;
    };
    agents: readonly {
      name: string;
      role: string;
      status: string;
      backup: string | null;
      taskCount: number;
      tasksDone: number;
      nextTaskWaitingFor: readonly string[];
      currentTask: { id: string; title: string } | null;
      nextTask: { id: string; title: string } | null;
    }[];
    phases: readonly {
      number: number;
      name: string;
      status: string;
      criticalPath: boolean;
      riskLevel: string | null;
      estimatedHours: number;
      actualHours: number;
      waitingFor: readonly string[];
      estimateHours: { min: number; max: number };
      tasks: readonly { id: string; status: string }[];
    }[];
    criticalPath: {
      totalHours: number;
      targetHours: number;
      hoursDone: number;
      percentDone: number;
      bufferedHours: number | null;
      baselineHours: number | null;
      tasks: readonly ScheduledTask[];
    };
    openBlockers: readonly {
      id: string;
      severity: string;
      agent: string;
      taskId: string | null;
      description: string;
      raisedAt: string;
    }[];
    scopeChanges: {
      totalCount: number;
      nodes: readonly {
        at: string;
        by: string | null;
        event: string;
        subject: string | null;
        from: string | null;
        to: string | null;
        hoursDelta: number;
      }[];
    };
  } | null;
  readonly metrics: {
    burndown: readonly { at: string; remainingHours: number; scopeHours: number }[];
    scope: {
      baselineHours: number | null;
      currentHours: number;
      addedHours: number;
      removedHours: number;
      changes: number;
    };
  } | null;
  readonly forecast: {
    finishP50: string | null;
    finishP90: string | null;
    remainingHoursP50: number;
    remainingHoursP90: number;
    observedTasks: number;
    medianRatio: number;
    drivers: readonly string[];
  } | null;
  readonly sprint: {
    startedAt: string | null;
    tasks: readonly Task[];
    agents: readonly { name: string; unresponsiveSince: string | null }[];
    blockers: {
      nodes: readonly {
        id: string;
        status: string;
        severity: string;
        agent: string;
        escalations: number;
        escalatedTo: string | null;
      }[];
    };
    issues: {
      nodes: readonly {
        id: string;
        severity: string;
        title: string;
        status: string;
        assignee: string | null;
        phase: number | null;
      }[];
    };
    communications: {
      nodes: readonly {
        id: string;
        at: string;
        from: string;
        to: string | null;
        type: string;
        subject: string;
        answer: { by: string; body: string } | null;
      }[];
    };
    checkpoints: readonly {
      id: string;
      name: string;
      phase: number;
      status: string;
      result: string | null;
      criteria: readonly string[];
      overdueAt: string | null;
      hourWindow: { from: number; to: number };
    }[];
    risks: readonly {
      id: string;
      category: string;
      severity: string;
      status: string;
      mitigation: string;
    }[];
    deliverables: readonly {
      id: string;
      category: string;
      name: string;
      done: boolean;
      phase: number | null;
      path: string | null;
    }[];
    commands: readonly {
      agent: string;
      blocks: readonly { title: string; lines: readonly string[] }[];
    }[];
    nextSteps: readonly {
      id: string;
      title: string;
      details: readonly string[];
      commands: readonly string[];
      done: boolean;
      doneBy: string | null;
      doneAt: string | null;
    }[];
    contacts: readonly { role: string; agent: string; backup: string | null }[];
    escalation: string | null;
    fileLocations: readonly { group: string; paths: readonly string[] }[];
  } | null;
}

export interface ScheduledTask {
  readonly taskId: string;
  readonly earliestStart: number;
  readonly earliestFinish: number;
  readonly latestFinish: number;
  readonly slack: number;
  readonly critical: boolean;
}

export const dashboardChangedSubscription = `subscription Live($id: ID!) {
  dashboardChanged(sprintId: $id) { version }
}`;

export interface DashboardChangedData {
  readonly dashboardChanged: { version: number };
}
