/**
 * Slowest first (harness/pipeline/task-order.ts), property-tested: the order is a
 * permutation of the tasks, unknown costs come first, known ones follow from the slowest
 * down, and ties keep the benchmark's order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import { slowestFirst } from '../../harness/pipeline/task-order.js';

const task = (id: string): Task => ({
  id,
  benchmark: 'b',
  language: 'python',
  prompt: '',
  canonicalSolution: '',
  test: { kind: 'python-asserts', asserts: '' },
});

const costs = fc.array(fc.option(fc.nat(20), { nil: undefined }), { maxLength: 30 });

describe('slowestFirst', () => {
  it('orders unknown costs first, then known ones slowest first, ties in the given order', () => {
    fc.assert(
      fc.property(costs, (cs) => {
        const tasks = cs.map((_, i) => task(`t${i}`));
        const cost = new Map(tasks.map((t, i) => [t, cs[i]]));
        const ordered = slowestFirst(tasks, (t) => cost.get(t));
        expect([...ordered].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)))).toEqual(tasks);
        const rank = (t: Task) => cost.get(t) ?? Number.POSITIVE_INFINITY;
        for (let i = 1; i < ordered.length; i++) {
          const [a, b] = [ordered[i - 1]!, ordered[i]!];
          expect(rank(a)).toBeGreaterThanOrEqual(rank(b));
          if (rank(a) === rank(b)) expect(tasks.indexOf(a)).toBeLessThan(tasks.indexOf(b));
        }
      }),
    );
  });

  it('puts the ChatGPT MBPP+ run-outs first once their cost is known', () => {
    const tasks = ['Mbpp/2', 'Mbpp/6', 'Mbpp/599', 'Mbpp/600', 'Mbpp/781'].map(task);
    const known: Record<string, number> = { 'Mbpp/2': 3, 'Mbpp/6': 10_000, 'Mbpp/599': 10_545, 'Mbpp/781': 10_000 };
    expect(slowestFirst(tasks, (t) => known[t.id]).map((t) => t.id)).toEqual(['Mbpp/600', 'Mbpp/599', 'Mbpp/6', 'Mbpp/781', 'Mbpp/2']);
  });
});
