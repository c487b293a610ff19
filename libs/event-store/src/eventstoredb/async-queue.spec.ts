import { AsyncQueue } from './async-queue';

describe('AsyncQueue (the live half of an EventStoreDB subscription)', () => {
  it('hands items over in order, whether they arrive before or after the pull', async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    const pending = queue.next();
    const later = pending.then(() => queue.next());
    queue.push(2);
    await expect(pending).resolves.toEqual({ value: 1, done: false });
    await expect(later).resolves.toEqual({ value: 2, done: false });
  });

  it('stop ends a pending pull and drops what is buffered', async () => {
    const queue = new AsyncQueue<number>();
    const pending = queue.next();
    queue.stop();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });

    const buffered = new AsyncQueue<number>();
    buffered.push(1);
    buffered.stop();
    await expect(buffered.next()).resolves.toEqual({ value: undefined, done: true });
    buffered.push(2);
    expect(buffered.size).toBe(0);
  });

  it('fail delivers what is buffered, then the error, to every later pull', async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    const error = new Error('dropped');
    queue.fail(error);
    await expect(queue.next()).resolves.toEqual({ value: 1, done: false });
    await expect(queue.next()).rejects.toBe(error);
    await expect(queue.next()).rejects.toBe(error);
  });

  it('fail rejects a pull already waiting', async () => {
    const queue = new AsyncQueue<number>();
    const pending = queue.next();
    const error = new Error('dropped');
    queue.fail(error);
    await expect(pending).rejects.toBe(error);
  });
});
