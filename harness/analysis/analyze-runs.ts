/**
 * Analysis of one or more run folders: every (run, model, config) group, the best-config
 * envelopes, and each run's provenance. What `fit`, `plot` and `report` share.
 */
import type { Architecture } from '../metrics/architecture.js';
import { DEFAULT_BOOTSTRAP } from '../metrics/bootstrap.js';
import { DEFAULT_FLOPS_CONVENTION, FLOPS_CONVENTION_TEXT } from '../metrics/flops.js';
import type { RunData } from '../store/run-files.js';
import { envelopes, type EnvelopeAnalysis } from './envelope.js';
import { analyzeGroup, type AnalysisOptions, type GroupAnalysis, type GroupComputation } from './group-analysis.js';
import { groupsOfRun } from './group-data.js';
import { provenance, type RunProvenance } from './provenance.js';

const ANALYSIS_SCHEMA = 'passk.analysis/1';

export interface Analysis {
  schema: typeof ANALYSIS_SCHEMA;
  flops_convention: string;
  flops_convention_text: string;
  bootstrap: { replicates: number; seed: number; level: number };
  groups: GroupAnalysis[];
  envelopes: EnvelopeAnalysis[];
  runs: RunProvenance[];
}

const DEFAULT_ANALYSIS: AnalysisOptions = { convention: DEFAULT_FLOPS_CONVENTION, bootstrap: DEFAULT_BOOTSTRAP, extrapolate: 10 };

export function analyzeRuns(
  runs: readonly RunData[],
  options: AnalysisOptions = DEFAULT_ANALYSIS,
  overrides: ReadonlyMap<string, Architecture> = new Map(),
): { analysis: Analysis; computations: GroupComputation[] } {
  const computations = runs.flatMap((run) => groupsOfRun(run, overrides).map((g) => analyzeGroup(g, options)));
  return {
    computations,
    analysis: {
      schema: ANALYSIS_SCHEMA,
      flops_convention: options.convention,
      flops_convention_text: FLOPS_CONVENTION_TEXT[options.convention],
      bootstrap: { replicates: options.bootstrap.replicates, seed: options.bootstrap.seed, level: options.bootstrap.level },
      groups: computations.map((c) => c.analysis),
      envelopes: envelopes(computations, options.bootstrap.level),
      runs: runs.map(provenance),
    },
  };
}
