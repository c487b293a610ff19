import { PositionWaiters } from './position-waiters';

describe('PositionWaiters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers true each caller whose position a commit reaches, and keeps the others waiting', async () => {
    const waiters = new PositionWaiters(10);
    const early = waiters.wait(5n, 1000, () => false);
    const late = waiters.wait(9n, 1000, () => false);
    waiters.reached(7n);
    await expect(early).resolves.toBe(true);
    expect(waiters.size).toBe(1);
    waiters.reached(9n);
    await expect(late).resolves.toBe(true);
    expect(waiters.size).toBe(0);
  });

  it('answers what the last look says when the time is up, and forgets the caller', async () => {
    const waiters = new PositionWaiters(10);
    const behind = waiters.wait(5n, 1000, () => false);
    const gotThereElsewhere = waiters.wait(5n, 1000, () => true);
    jest.advanceTimersByTime(1000);
    await expect(behind).resolves.toBe(false);
    await expect(gotThereElsewhere).resolves.toBe(true);
    expect(waiters.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('holds at most its capacity: one more is answered at once with the last look', async () => {
    const waiters = new PositionWaiters(2);
    void waiters.wait(5n, 1000, () => false);
    void waiters.wait(5n, 1000, () => false);
    await expect(waiters.wait(5n, 1000, () => false)).resolves.toBe(false);
    expect(waiters.size).toBe(2);
    expect(jest.getTimerCount()).toBe(2);
  });

  it('answers everyone at once when released, clearing their timers', async () => {
    const waiters = new PositionWaiters(10);
    const answers = [waiters.wait(1n, 1000, () => false), waiters.wait(8n, 1000, () => false)];
    waiters.releaseAll((position) => position <= 3n);
    await expect(Promise.all(answers)).resolves.toEqual([true, false]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
