import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../errors';
import { fromEsdbEvent } from './esdb-events';

const envelope = { commandId: 'c', recordedAt: '2030-01-01T00:00:00.000Z', previousHash: '0'.repeat(64), hash: '1'.repeat(64) };

function event(position: EsdbRecordedEvent['position']): EsdbRecordedEvent {
  return {
    streamId: 'recommendation-1',
    id: '00000000-0000-4000-8000-000000000001',
    revision: 0n,
    type: 'Raised',
    created: new Date(),
    isJson: true,
    data: {},
    metadata: envelope,
    position,
  } as EsdbRecordedEvent;
}

describe('fromEsdbEvent', () => {
  it('keeps a real $all position', () => {
    expect(fromEsdbEvent(event({ commit: 5n, prepare: 5n })).position).toBe((5n << 64n) | 5n);
  });

  it.each([undefined, { commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n }])(
    'refuses an event without its $all position (%s: what the 6.x client gives for the server\'s "none")',
    (position) => {
      expect(() => fromEsdbEvent(event(position))).toThrow(EventStoreUnavailable);
      expect(() => fromEsdbEvent(event(position))).toThrow(/came without its \$all position/);
    },
  );
});
