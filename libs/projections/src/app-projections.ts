import { ApprovalQueueProjection } from './approval-queue/approval-queue.projection';
import { AuditProjection } from './audit/audit.projection';
import { PeopleProjection } from './people/people.projection';
import { RegisterProjection } from './register/register.projection';
import type { Projection } from './runtime/projection';
import { SearchProjection } from './search/search.projection';

/** Every projection the app feeds, in one list: the module's, and the rebuild thread's, which must be the same. */
export function appProjections(): Projection[] {
  return [new RegisterProjection(), new ApprovalQueueProjection(), new AuditProjection(), new PeopleProjection(), new SearchProjection()];
}
