import { describe, expect, it } from 'vitest';
import { OpenFileQueue } from './open-queue.ts';

const file = (name: string) => ({ name, contents: `{"name":"${name}"}` });

describe('OpenFileQueue', () => {
  it('holds files until the renderer takes them, then delivers directly', () => {
    const delivered: string[] = [];
    const queue = new OpenFileQueue((f) => (delivered.push(f.name), true));
    queue.push(file('a.json'));
    queue.push(file('b.json'));
    expect(delivered).toEqual([]);
    expect(queue.take().map((f) => f.name)).toEqual(['a.json', 'b.json']);
    expect(queue.size).toBe(0);
    queue.push(file('c.json'));
    expect(delivered).toEqual(['c.json']);
  });

  it('holds files again while the renderer reloads, and when there is no window', () => {
    let windowOpen = true;
    const queue = new OpenFileQueue(() => windowOpen);
    queue.take();
    queue.reset();
    queue.push(file('a.json'));
    expect(queue.size).toBe(1);
    queue.take();
    windowOpen = false;
    queue.push(file('b.json'));
    expect(queue.take().map((f) => f.name)).toEqual(['b.json']);
  });
});
