import { z } from 'zod';
import { change, fact, id, name, type EventsOf } from '../model/event-kit.js';
import { riskStatuses } from '../model/vocabulary.js';

/** What the sprint delivers and watches: deliverables, risks and quality metrics. */
export const outcomeEvents = {
  DeliverableCompleted: [
    fact('A deliverable was completed.', {
      deliverableId: id,
      from: z.literal(false),
      to: z.literal(true),
    }),
  ],
  DeliverableReopened: [
    fact('A completed deliverable was reopened.', {
      deliverableId: id,
      from: z.literal(true),
      to: z.literal(false),
      reason: z.string(),
    }),
  ],
  RiskStatusChanged: [
    fact('A risk’s status changed.', {
      riskId: id,
      ...change(z.enum(riskStatuses)),
      note: z.string().nullable(),
    }),
  ],
  QualityMetricRecorded: [
    fact('A quality metric was measured.', { metric: name, value: z.string() }),
  ],
  NextStepChecked: [
    fact('An item of the next-steps checklist was checked off.', {
      stepId: id,
      by: name.describe('The agent who did it, or the coordinator.'),
      from: z.literal(false),
      to: z.literal(true),
    }),
  ],
  NextStepUnchecked: [
    fact('A checked-off item of the next-steps checklist was opened again.', {
      stepId: id,
      from: z.literal(true),
      to: z.literal(false),
      reason: z.string(),
    }),
  ],
} as const;

export type OutcomeEvent = EventsOf<typeof outcomeEvents>;
