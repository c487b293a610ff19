import { streamCategory, type EventMetadata, type GlobalPosition, type RecordedEvent } from '@hmicfrs/event-store';
import { STREAM_CATEGORIES, upcast, type DomainEvent } from '@hmicfrs/lifecycle';

/** A stored event as the projections see it: the domain fact, lifted to today's schema, with its envelope. */
export interface ProjectedEvent {
  position: GlobalPosition;
  streamId: string;
  /** The item's or inspection report's id: the stream name after its category. */
  subject: string;
  revision: number;
  fact: DomainEvent;
  metadata: EventMetadata;
}

/** The categories whose events are the domain's facts; anything else in the store is not ours to project. */
const DOMAIN_CATEGORIES = new Set<string>(Object.values(STREAM_CATEGORIES));

/**
 * The event ready to fold, or `undefined` for a stream outside the domain. An unreadable domain event
 * throws (`UnreadableEvent`): a projection that skipped a fact would be silently wrong.
 */
export function projectedEvent(recorded: RecordedEvent): ProjectedEvent | undefined {
  const category = streamCategory(recorded.streamId);
  if (!DOMAIN_CATEGORIES.has(category)) return undefined;
  return {
    position: recorded.position,
    streamId: recorded.streamId,
    subject: recorded.streamId.slice(category.length + 1),
    revision: recorded.revision,
    fact: upcast(recorded),
    metadata: recorded.metadata,
  };
}
