/**
 * `passk compare BASE_SUITE NEW_SUITE`: pairs two suite folders benchmark by benchmark (by
 * entry name), each benchmark's runs by problem as `passk compare` pairs two runs (the
 * same group choice and the same refusals), and decides them as one family
 * (suite-decision.ts). Refuses suites over different benchmarks (E_COMPARE).
 */
import { join } from 'node:path';
import { PasskError } from '../../kernel/errors.js';
import { readSuiteManifest, type SuiteManifest } from '../store/suite-manifest.js';
import { readRun } from '../store/run-files.js';
import type { CompareOptions } from './compare-counts.js';
import { checkSameProblems, pickGroup } from './compare-runs.js';
import { decideSuite, type SuiteBenchmarkDecision, type SuiteDecision } from './suite-decision.js';

interface GroupSelector {
  model?: string;
  config?: string;
}

interface GroupFacts {
  dir: string;
  model: string;
  config: string;
  simulated: boolean;
}

export interface SuiteComparison {
  base: { dir: string; name: string };
  new: { dir: string; name: string };
  benchmarks: Array<SuiteBenchmarkDecision & { benchmark: string; base: GroupFacts; new: GroupFacts }>;
  decision: Omit<SuiteDecision, 'benchmarks'>;
  options: Omit<CompareOptions, 'replicates' | 'seed'>;
}

function pairNames(base: SuiteManifest, next: SuiteManifest, dirs: [string, string]): string[] {
  const b = base.benchmarks.map((x) => x.name);
  const n = new Set(next.benchmarks.map((x) => x.name));
  const onlyBase = b.filter((x) => !n.has(x));
  const onlyNew = [...n].filter((x) => !b.includes(x));
  if (onlyBase.length || onlyNew.length)
    throw new PasskError(
      'E_COMPARE',
      `the suites hold different benchmarks: only in base (${dirs[0]}): ${onlyBase.join(', ') || 'none'}; only in new (${dirs[1]}): ${onlyNew.join(', ') || 'none'}`,
    );
  return b;
}

export async function compareSuites(
  baseDir: string,
  newDir: string,
  selectors: { base: GroupSelector; new: GroupSelector },
  options: Omit<CompareOptions, 'replicates' | 'seed'>,
): Promise<SuiteComparison> {
  const [bm, nm] = await Promise.all([readSuiteManifest(baseDir), readSuiteManifest(newDir)]);
  const names = pairNames(bm, nm, [baseDir, newDir]);
  const folder = (m: SuiteManifest, dir: string, name: string) => join(dir, m.benchmarks.find((x) => x.name === name)!.folder);
  const paired = await Promise.all(
    names.map(async (name) => {
      const [base, next] = await Promise.all([readRun(folder(bm, baseDir, name)), readRun(folder(nm, newDir, name))]);
      const b = pickGroup(base, 'base', selectors.base);
      const n = pickGroup(next, 'new', selectors.new);
      checkSameProblems(base, next, b, n);
      const empty = b.taskIds.find((_, i) => b.counts[i]!.n === 0 || n.counts[i]!.n === 0);
      if (empty !== undefined)
        throw new PasskError('E_COMPARE', `benchmark ${name}: task ${empty} has no samples in one of the suites; finish the suite first`);
      const facts = (dir: string, g: typeof b): GroupFacts => ({ dir, model: g.model, config: g.config, simulated: g.facts.simulated });
      return { name, benchmark: base.manifest.benchmark.name, b, n, base: facts(base.dir, b), new: facts(next.dir, n) };
    }),
  );
  const { benchmarks, ...decision } = decideSuite(
    paired.map((p) => ({ name: p.name, base: p.b.counts, new: p.n.counts })),
    options,
  );
  return {
    base: { dir: baseDir, name: bm.name },
    new: { dir: newDir, name: nm.name },
    benchmarks: benchmarks.map((d, j) => ({ ...d, benchmark: paired[j]!.benchmark, base: paired[j]!.base, new: paired[j]!.new })),
    decision,
    options,
  };
}
