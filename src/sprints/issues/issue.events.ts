import { z } from 'zod';
import { change, fact, id, name, type EventsOf, type Upcasters } from '../model/event-kit.js';
import { blockerSeverities, issueStatuses } from '../model/vocabulary.js';

const severity = z.enum(blockerSeverities);

const issueReportedV1 = {
  issueId: id,
  severity,
  title: z.string(),
  phase: z.int().nullable(),
  assignee: name.nullable(),
  description: z.string().nullable(),
};

/** The issue registry. */
export const issueEvents = {
  IssueReported: [
    fact('An issue was reported to the registry.', issueReportedV1),
    fact('An issue was reported to the registry, naming the agent who reported it.', {
      ...issueReportedV1,
      reportedBy: name
        .nullable()
        .describe(
          'The agent who reported it, who may validate or reopen the fix; null for a coordinator (and before v2).',
        ),
    }),
  ],
  IssueAssigned: [fact('An issue was assigned.', { issueId: id, from: name.nullable(), to: name })],
  IssueStatusChanged: [
    fact('An issue moved.', {
      issueId: id,
      ...change(z.enum(issueStatuses)),
      note: z.string().nullable(),
    }),
  ],
} as const;

export type IssueEvent = EventsOf<typeof issueEvents>;

export const issueUpcasters: Upcasters<typeof issueEvents> = {
  IssueReported: { 1: (data) => ({ ...data, reportedBy: null }) },
};
