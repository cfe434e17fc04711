/**
 * A plan of real size, as the performance issue names it: 20 phases x 500 tasks by default, ten
 * agents, chains of ten tasks inside each phase, each phase after the one before. Task t of a
 * phase takes 1 + t mod 4 hours.
 */
export function bigPlan(key: string, phases = 20, tasksPerPhase = 500) {
  const agents = Array.from({ length: 10 }, (_, index) => `agent-${index + 1}`);
  return {
    key,
    name: `A plan of ${phases * tasksPerPhase} tasks`,
    targetHours: { min: 500, max: 600 },
    agents: agents.map((name) => ({ name, role: 'Engineer' })),
    phases: Array.from({ length: phases }, (_, p) => ({
      number: p + 1,
      name: `Phase ${p + 1}`,
      estimateHours: { min: 10, max: 20 },
      dependsOn: p === 0 ? [] : [p],
      criticalPath: p % 2 === 0,
      tasks: Array.from({ length: tasksPerPhase }, (_, t) => ({
        id: `${p + 1}.${t + 1}`,
        title: `Task ${t + 1} of phase ${p + 1}`,
        estimateHours: 1 + (t % 4),
        assignees: [agents[t % agents.length]],
        dependsOn: t % 10 === 0 ? [] : [`${p + 1}.${t}`],
      })),
    })),
  };
}
