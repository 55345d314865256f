/**
 * `passk compare BASE NEW`: pairs two run folders by problem and compares them. Refuses
 * runs over different benchmarks, datasets or problem sets (E_COMPARE), and asks which
 * group to use when a run holds several (model, config) groups.
 */
import { PasskError } from '../../kernel/errors.js';
import { bootstrapCurve, interval, type Interval } from '../fits/bootstrap-curve.js';
import { fitCurve, prepareCurve } from '../fits/curve.js';
import type { FlopsConvention } from '../metrics/flops.js';
import type { RunData } from '../store/run-files.js';
import type { Selection } from '../selection/select-run.js';
import { compareCounts, type CompareOptions, type CountsComparison } from './compare-counts.js';
import { compareNAtK, type NAtKComparison } from './compare-n-at-k.js';
import { groupCosts } from './group-costs.js';
import { groupsOfRun, type GroupData } from './group-data.js';

interface GroupSelector {
  model?: string;
  config?: string;
}

export interface RunComparison extends CountsComparison {
  base: { dir: string; model: string; config: string; simulated: boolean };
  new: { dir: string; model: string; config: string; simulated: boolean };
  benchmark: string;
  dataSha256: string | null;
  problems: number;
  options: CompareOptions;
  slopeA: { base: number; new: number; difference: number; ci: Interval; convention: FlopsConvention; reason: null } | { reason: string };
  /** Stdin/stdout runs: 1@k and 10@k side by side, beside the outcome (not part of it); absent when no selections were given. */
  nAtK?: NAtKComparison;
}

export function pickGroup(run: RunData, which: string, sel: GroupSelector): GroupData {
  const all = groupsOfRun(run);
  const matches = all.filter(
    (g) => (sel.model === undefined || g.model === sel.model) && (sel.config === undefined || g.config === sel.config),
  );
  const list = all.map((g) => `${g.model} / ${g.config}`).join('; ') || 'none';
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0)
    throw new PasskError(
      'E_COMPARE',
      `${which} run has no samples for ${sel.model ?? 'any model'} / ${sel.config ?? 'any config'}; it has: ${list}`,
      run.dir,
    );
  throw new PasskError(
    'E_COMPARE',
    `${which} run holds ${matches.length} (model / config) groups (${list}); choose one with --${which}-model and --${which}-config`,
    run.dir,
  );
}

export function checkSameProblems(base: RunData, next: RunData, b: GroupData, n: GroupData): void {
  const bm = base.manifest.benchmark;
  const nm = next.manifest.benchmark;
  if (bm.name !== nm.name)
    throw new PasskError('E_COMPARE', `the runs are over different benchmarks: "${bm.name}" (${base.dir}) vs "${nm.name}" (${next.dir})`);
  if (bm.data_sha256 && nm.data_sha256 && bm.data_sha256 !== nm.data_sha256) {
    throw new PasskError(
      'E_COMPARE',
      `the runs used different ${bm.name} data files: sha256 ${bm.data_sha256.slice(0, 12)}... (${base.dir}) vs ${nm.data_sha256.slice(0, 12)}... (${next.dir}); results over different problems cannot be paired`,
    );
  }
  const bs = new Set(b.taskIds);
  const ns = new Set(n.taskIds);
  const onlyBase = b.taskIds.filter((id) => !ns.has(id));
  const onlyNew = n.taskIds.filter((id) => !bs.has(id));
  if (onlyBase.length || onlyNew.length) {
    const show = (ids: string[]) => (ids.length ? `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? `, ... (${ids.length})` : ''}` : 'none');
    throw new PasskError(
      'E_COMPARE',
      `the runs cover different problem sets: only in base: ${show(onlyBase)}; only in new: ${show(onlyNew)}. Compare runs over the same tasks`,
    );
  }
}

export function compareRuns(
  base: RunData,
  next: RunData,
  selectors: { base: GroupSelector; new: GroupSelector },
  options: CompareOptions,
  convention: FlopsConvention,
  /** Each run's n@k (harness/selection/run-selection.ts), for the table beside the outcome. */
  selections?: { base: Selection | null; new: Selection | null },
): RunComparison {
  const b = pickGroup(base, 'base', selectors.base);
  const n = pickGroup(next, 'new', selectors.new);
  checkSameProblems(base, next, b, n);
  // Same ids in the same (sorted) order: index i is one problem in both.
  const empty = b.taskIds.find((_, i) => b.counts[i]!.n === 0 || n.counts[i]!.n === 0);
  if (empty !== undefined) throw new PasskError('E_COMPARE', `task ${empty} has no samples in one of the runs; finish the run first`);
  const result = compareCounts(b.counts, n.counts, options);
  return {
    ...result,
    base: { dir: base.dir, model: b.model, config: b.config, simulated: b.facts.simulated },
    new: { dir: next.dir, model: n.model, config: n.config, simulated: n.facts.simulated },
    benchmark: base.manifest.benchmark.name,
    dataSha256: base.manifest.benchmark.data_sha256,
    problems: b.taskIds.length,
    options,
    slopeA: slopeDifference(b, n, options, convention),
    ...(selections
      ? {
          nAtK: compareNAtK(
            { selection: selections.base, model: b.model, config: b.config },
            { selection: selections.new, model: n.model, config: n.config },
            options.ks,
          ),
        }
      : {}),
  };
}

/** Fit A's slope in each run and the paired bootstrap CI of the difference (same problem draws for both). */
function slopeDifference(b: GroupData, n: GroupData, options: CompareOptions, convention: FlopsConvention): RunComparison['slopeA'] {
  const bCost = groupCosts(b, convention);
  const nCost = groupCosts(n, convention);
  if (!bCost.costs || !nCost.costs) return { reason: `no FLOPs: ${bCost.reason ?? nCost.reason}` };
  const bp = prepareCurve({ counts: b.counts, costs: bCost.costs });
  const np = prepareCurve({ counts: n.counts, costs: nCost.costs });
  const which = { b: false, c: false } as const;
  const be = fitCurve(bp, null, which);
  const ne = fitCurve(np, null, which);
  if (!be.fitA.value || !ne.fitA.value) return { reason: be.fitA.reason ?? ne.fitA.reason ?? 'fit A failed' };
  const boot = { replicates: options.replicates, seed: options.seed };
  const br = bootstrapCurve(bp, be, [], boot, which);
  const nr = bootstrapCurve(np, ne, [], boot, which);
  const diffs = br.slopeA.map((s, r) => nr.slopeA[r]! - s);
  return {
    base: be.fitA.value.slope,
    new: ne.fitA.value.slope,
    difference: ne.fitA.value.slope - be.fitA.value.slope,
    ci: interval(diffs, 1 - options.alpha),
    convention,
    reason: null,
  };
}
