/**
 * summary.json from every record in the run folder (including those of earlier, interrupted
 * invocations), one group per (model, config).
 */
import { DEFAULT_BOOTSTRAP, type BootstrapOptions } from '../metrics/bootstrap.js';
import { DEFAULT_KS, reportableKs } from '../metrics/pass-at-k.js';
import { countByTask, summarizeGroup } from '../metrics/score.js';
import { SUMMARY_SCHEMA, type SampleRecord, type Summary } from '../store/records.js';

export interface SummarizeOptions {
  benchmark: string;
  taskIds: readonly string[];
  /** Explicit ks are all reported (null + reason where undefined); by default only supported ones. */
  ks?: readonly number[];
  bootstrap?: BootstrapOptions;
  harnessFaults: number;
  complete: boolean;
}

export function summarizeRun(samples: readonly SampleRecord[], options: SummarizeOptions): Summary {
  const boot = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const groups = new Map<string, SampleRecord[]>();
  for (const s of samples) {
    const key = `${s.model}\u0000${s.config}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(s);
  }
  let ks = options.ks ? [...options.ks] : null;
  if (!ks) {
    // Default: the standard ks that every task of every group supports (k=1 always shown).
    const supported = [...groups.values()].map((list) => reportableKs([...countByTask(list, options.taskIds).values()], DEFAULT_KS));
    ks = supported.length ? supported.reduce((a, b) => a.filter((k) => b.includes(k))) : [];
    if (!ks.includes(1)) ks.unshift(1);
  }
  const summaries = [...groups.values()].map((list) => summarizeGroup(list[0]!.model, list[0]!.config, list, options.taskIds, ks, boot));
  const single = summaries.length === 1 ? summaries[0]! : null;
  return {
    schema: SUMMARY_SCHEMA,
    benchmark: options.benchmark,
    ks,
    bootstrap: { replicates: boot.replicates, seed: boot.seed, level: boot.level },
    groups: summaries,
    ...(single ? { pass_at_k: single.pass_at_k, tasks: single.tasks, verdicts: single.verdicts } : {}),
    harness_faults: options.harnessFaults,
    complete: options.complete,
  };
}
