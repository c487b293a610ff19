import { inParallel } from './in-parallel';

describe('writing rows several at a time', () => {
  it('never runs more than the limit at once, and does every item', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inParallel([...Array(50).keys()], 4, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      done.push(item);
      running -= 1;
    });
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
  });

  it('stops starting work after a failure and throws it once the started work has settled', async () => {
    const started: number[] = [];
    let settled = 0;
    const attempt = inParallel([...Array(20).keys()], 3, async (item) => {
      started.push(item);
      await new Promise((resolve) => setTimeout(resolve, 5));
      settled += 1;
      if (item === 1) throw new Error('row 3: store unavailable');
    });
    await expect(attempt).rejects.toThrow('row 3: store unavailable');
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(20);
  });
});
