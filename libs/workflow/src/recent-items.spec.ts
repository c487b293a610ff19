import { replay, schemaVersions, type RecommendationState } from '@hmicfrs/lifecycle';
import { RecentItems } from './recent-items';

const opened = (id: string): RecommendationState =>
  replay([
    {
      type: 'RecommendationOpened',
      data: {
        id,
        reference: id,
        kind: 'recommendation',
        inspectionId: 'peel',
        text: 'x',
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
      },
      metadata: { schemaVersion: schemaVersions.RecommendationOpened },
    },
  ]) as RecommendationState;

const folded = (id: string, revision: number) => ({ state: opened(id), revision, lastOccurredAt: '2024-01-01T00:00:00.000Z' });

describe('the items a workflow keeps folded', () => {
  it('lets the least recently used go first once full', () => {
    const recent = new RecentItems(2);
    recent.remember('a', folded('a', 0));
    recent.remember('b', folded('b', 0));
    recent.get('a');
    recent.remember('c', folded('c', 0));
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')?.state.context.id).toBe('a');
    expect(recent.get('c')?.state.context.id).toBe('c');
  });

  it('keeps the later fold when two commands finish out of order', () => {
    const recent = new RecentItems(10);
    recent.remember('a', folded('a', 5));
    recent.remember('a', folded('a', 4));
    expect(recent.get('a')?.revision).toBe(5);
    recent.forget('a');
    expect(recent.get('a')).toBeUndefined();
  });
});
