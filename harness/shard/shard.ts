/**
 * Static shards for batch schedulers (docs/architecture.md, "Beyond one machine"): `--shard I/N`
 * (I from 0, as Slurm's --array=0-(N-1) and Kubernetes' JOB_COMPLETION_INDEX count) takes
 * every N-th task of the run's task list, starting at the I-th. Tasks, not samples, are split,
 * so that a task's samples (and its time limit, reference and prefix cache) stay on one host.
 *
 * Balance: striping the list in benchmark order gives shards whose sizes differ by at most one
 * task, and spreads the benchmark's runs of long or hard tasks (benchmarks tend to group them)
 * over every shard instead of handing one shard a whole run of them. The split depends on the
 * task list alone, never on timings, so every host computes the same one.
 */
import { PasskError } from '../../kernel/errors.js';

export interface ShardSpec {
  /** From 0. */
  index: number;
  count: number;
}

/** "I/N" with 0 <= I < N. */
export function parseShard(text: string, where = '--shard'): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new PasskError('E_CONFIG', `expected I/N (e.g. 0/3: the first of three shards), got "${text}"`, where);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new PasskError('E_CONFIG', `the number of shards must be at least 1, got ${count}`, where);
  if (index >= count)
    throw new PasskError(
      'E_CONFIG',
      `shard ${index}/${count} does not exist: shards count from 0, so ${count} shards are 0/${count} to ${count - 1}/${count}`,
      where,
    );
  return { index, count };
}

export function shardLabel(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}

/** The shard's share of the tasks: positions index, index + count, index + 2 count, ... */
export function shardTasks<T>(tasks: readonly T[], shard: ShardSpec): T[] {
  return tasks.filter((_, position) => position % shard.count === shard.index);
}
