import { evolve, statusOf, type RecommendationEvent, type RecommendationState } from '@hmicfrs/lifecycle';
import { appendAll, histories } from './support/histories';
import { expectPastRegisterToEqualTheLog, expectReadModelsToEqualTheLog } from './support/compare';
import { openReadSide, projected, type ReadSide } from './support/read-side';

const SEEDS = [1, 2, 3];

describe('every read model equals the fold of the log through the lifecycle machine', () => {
  let side: ReadSide | undefined;
  afterEach(async () => {
    await side?.close();
    side = undefined;
  });

  it.each(SEEDS)('after catching up on random histories (seed %i)', async (seed) => {
    side = openReadSide();
    await appendAll(side.store, histories({ seed, items: 60, commands: 1500 }));
    expect(await side.projector.catchUp()).toBe(true);
    await expectReadModelsToEqualTheLog(side);
  });

  // Folded here rather than collected by the tests above, so that it holds when run alone or in any order.
  it('(the histories above reached every state of the lifecycle)', () => {
    const reached = new Set<string>();
    for (const seed of SEEDS) {
      const items = new Map<string, RecommendationState>();
      for (const { streamId, events } of histories({ seed, items: 60, commands: 1500 })) {
        if (!streamId.startsWith('recommendation-')) continue;
        items.set(
          streamId,
          events.reduce<RecommendationState | undefined>(
            (state, event) => evolve(state, event as RecommendationEvent),
            items.get(streamId),
          )!,
        );
      }
      for (const state of items.values()) reached.add(statusOf(state));
    }
    expect([...reached].sort()).toEqual([
      'archived',
      'awaiting_hmicfrs',
      'hmicfrs_verified',
      'not_applicable',
      'open',
      'rag_rated',
      'self_certified',
      'submitted',
    ]);
  });

  it('live: events appended while the projector runs are applied as they come', async () => {
    side = openReadSide();
    const appends = [...histories({ seed: 7, items: 40, commands: 1200 })];
    await appendAll(side.store, appends.slice(0, 300));
    side.projector.start();
    for (let i = 300; i < appends.length; i += 50) {
      await appendAll(side.store, appends.slice(i, i + 50));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await projected(side);
    await expectReadModelsToEqualTheLog(side);
  });

  it('as at any date and as known at any date: the versions give what the machine gives from those events alone', async () => {
    side = openReadSide();
    const appends = [...histories({ seed: 11, items: 50, commands: 1500 })];
    const knownAts: string[] = [];
    for (let i = 0; i < appends.length; i += 100) {
      await appendAll(side.store, appends.slice(i, i + 100));
      await new Promise((resolve) => setTimeout(resolve, 3));
      knownAts.push(new Date().toISOString());
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await side.projector.catchUp();
    const log = await expectReadModelsToEqualTheLog(side);
    const occurred = log.map((event) => event.metadata.occurredAt).sort();
    const asAts = [
      occurred[0],
      occurred[Math.floor(occurred.length / 3)],
      occurred[Math.floor((2 * occurred.length) / 3)],
      occurred[occurred.length - 1],
      '2022-01-01T00:00:00.000Z',
    ];
    for (const asAt of asAts) {
      for (const knownAt of [knownAts[0], knownAts[Math.floor(knownAts.length / 2)], knownAts[knownAts.length - 1]]) {
        expectPastRegisterToEqualTheLog(side, log, asAt, knownAt);
      }
    }
  });
});
