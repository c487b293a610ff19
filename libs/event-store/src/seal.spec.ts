import type { EventMetadata, NewEvent } from './event';
import { GENESIS_HASH, verifyChain } from './hash-chain';
import { sealEvents } from './seal';

/**
 * Hashes and ids already written to stores must stay reproducible by every later version, or
 * verification would report tampering that never happened. These values were computed when the
 * format was first defined; a change here is a change of format, not a refactoring.
 */
describe('sealing', () => {
  const events: NewEvent[] = [
    {
      type: 'RecommendationOpened',
      data: {
        title: 'Improve crime recording \u00e9 "quoted" \\ \n',
        level: 2,
        tags: ['a', 'b'],
        nested: { z: 1, a: [null, true, { y: -0.5, x: 1e21 }] },
        '10': 'numeric key',
        '2': 'another',
      },
      metadata: {
        userId: 'user-1',
        role: 'liaison',
        commandId: 'command-1',
        correlationId: 'command-1',
        causationId: null,
        schemaVersion: 1,
        occurredAt: '2024-06-04T10:15:00.000Z',
        reason: 'board met',
        extra: { importRow: 12 },
      },
    },
    {
      type: 'RagRated',
      data: { rating: 'amber', emoji: '\ud83d\ude80' },
      metadata: {
        userId: 'user-2',
        role: 'owner',
        commandId: 'command-1',
        correlationId: 'command-1',
        causationId: 'command-0',
        schemaVersion: 2,
        occurredAt: '2024-06-05T09:00:00.000Z',
      },
    },
  ];
  const after = { revision: 4, hash: 'a'.repeat(64) };
  const sealed = sealEvents('recommendation-9159', events, after, '2024-06-06T12:00:00.000Z');

  it('gives the ids and hashes it always gave', () => {
    expect(sealed.map((event) => [event.id, event.revision, event.metadata.previousHash, event.metadata.hash])).toEqual([
      ['ad2c87d8-ad20-51c3-9e2b-4b6ce2aa8102', 5, 'a'.repeat(64), '584371fbca95923fe2abc027cb68ec021a7a55d6029c26e9651c066755932194'],
      [
        'dfe47595-35bd-5cd3-ba8f-e0ca1d5feabc',
        6,
        '584371fbca95923fe2abc027cb68ec021a7a55d6029c26e9651c066755932194',
        '5840453f1f066335675286f57029d3eae136efe0b32b369a0dc2d3eaa1bab65b',
      ],
    ]);
  });

  it('gives JSON to store that reads back as an intact chain', () => {
    const fromStart = sealEvents('recommendation-9159', events, { revision: -1, hash: GENESIS_HASH }, '2024-06-06T12:00:00.000Z');

    const readBack = fromStart.map((event, i) => ({
      id: event.id,
      streamId: event.streamId,
      revision: event.revision,
      position: BigInt(i + 1),
      type: event.type,
      data: JSON.parse(event.dataJson) as unknown,
      metadata: JSON.parse(event.metadataJson) as EventMetadata,
    }));

    expect(readBack.map((event) => event.data)).toEqual(events.map((event) => event.data));
    expect(readBack.map((event) => event.metadata)).toEqual(fromStart.map((event) => event.metadata));
    expect(verifyChain('recommendation-9159', readBack)).toMatchObject({ intact: true, events: 2 });
  });
});
