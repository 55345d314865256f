/**
 * summary.json from every record in the run folder (including those of earlier, interrupted
 * invocations), one group per (model, config).
 */
import { DEFAULT_BOOTSTRAP, type BootstrapOptions } from '../metrics/bootstrap.js';
import { groupSamples, type SampleGroup } from '../metrics/groups.js';
import { DEFAULT_KS, reportableKs } from '../metrics/pass-at-k.js';
import { summarizeGroup } from '../metrics/score.js';
import { SUMMARY_SCHEMA, type SampleRecord, type Summary } from '../store/records.js';

interface SummarizeOptions {
  benchmark: string;
  taskIds: readonly string[];
  /** Explicit ks are all reported (null + reason where undefined); by default only supported ones. */
  ks?: readonly number[];
  bootstrap?: BootstrapOptions;
  harnessFaults: number;
  complete: boolean;
}

/** The standard ks that every task of every group supports (k=1 always shown). */
function defaultKs(groups: ReadonlyArray<SampleGroup<SampleRecord>>): number[] {
  const supported = groups.map((g) => reportableKs(g.counts, DEFAULT_KS));
  const ks = supported.length ? supported.reduce((a, b) => a.filter((k) => b.includes(k))) : [];
  if (!ks.includes(1)) ks.unshift(1);
  return ks;
}

export function summarizeRun(samples: readonly SampleRecord[], options: SummarizeOptions): Summary {
  const boot = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const groups = groupSamples(samples, () => options.taskIds);
  const ks = options.ks ? [...options.ks] : defaultKs(groups);
  const summaries = groups.map((g) => summarizeGroup(g, ks, boot));
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
