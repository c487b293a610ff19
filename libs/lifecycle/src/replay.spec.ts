import { EventDoesNotFit, evolve, replay, statusOf, UnreadableEvent, type RecommendationEvent } from '@hmicfrs/lifecycle';
import { stored } from './testing/given';
import { approvedAt, histories, opened, rated, verified } from './testing/fixtures';

describe('replay', () => {
  it('rebuilds the item its events describe, as evolving them one by one does', () => {
    const history = [...approvedAt(3), verified];
    const replayed = replay(stored(history));
    const evolved = history.reduce<ReturnType<typeof evolve> | undefined>(evolve, undefined);
    expect(replayed?.value).toEqual(evolved?.value);
    expect(replayed?.context).toEqual(evolved?.context);
    expect(statusOf(replayed!)).toBe('hmicfrs_verified');
  });

  it('gives no item for an empty stream', () => {
    expect(replay([])).toBeUndefined();
  });

  it('refuses a stream that does not start with RecommendationOpened', () => {
    expect(() => replay(stored([rated()]))).toThrow(EventDoesNotFit);
    expect(() => replay(stored([rated()]))).toThrow('RagRated (event 0 of the stream) does not fit an item not yet opened');
  });

  it('refuses an event the lifecycle would not have allowed, naming where it is', () => {
    const history = [...histories.archived, verified];
    expect(() => replay(stored(history))).toThrow('HmicfrsVerified (event 3 of the stream) does not fit an item closed and archived');
  });

  it('refuses an event that breaks a rule of the lifecycle', () => {
    const approvedBySubmitter: RecommendationEvent[] = approvedAt(3).map((event) =>
      event.type === 'SelfCertified' ? { ...event, data: { ...event.data, approvedBy: 'olivia.owner' } } : event,
    );
    expect(() => replay(stored(approvedBySubmitter))).toThrow(EventDoesNotFit);
  });

  it('refuses an inspection report event in an item stream', () => {
    const report = { type: 'InspectionReportRecorded', data: {} as never, metadata: { schemaVersion: 1 } };
    expect(() => replay([...stored([opened()]), report])).toThrow(EventDoesNotFit);
  });

  it('reads events through the upcaster: an unknown type or schema version is refused, not guessed', () => {
    const [open] = stored([opened()]);
    expect(() => replay([{ ...open!, metadata: { schemaVersion: 2 } }])).toThrow(UnreadableEvent);
    expect(() => replay([{ ...open!, type: 'RecommendationCreated' }])).toThrow(
      'Cannot read a stored RecommendationCreated event of schema version 1',
    );
  });
});

describe('evolve', () => {
  it('refuses an event that does not fit, as replay does', () => {
    const state = evolve(undefined, opened());
    expect(() => evolve(state, verified)).toThrow('HmicfrsVerified does not fit an item open and not yet RAG rated');
    expect(() => evolve(state, opened())).toThrow(EventDoesNotFit);
  });
});
