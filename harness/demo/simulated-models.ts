/**
 * The two simulated models of `passk demo`: an edit-sequence model (LintSeq edit sequences
 * of the program, format "editseq") and a baseline (whole programs, format "full"), both
 * with a GPT-2-small shape for FLOPs. Their planted rates give the edit-sequence model a
 * lower pass@1 but fewer never-solved problems, so it gains more per extra sample; the
 * numbers are made up to show the pipeline, and every output labels them simulated.
 */
import type { ShapeArchitecture } from '../metrics/architecture.js';
import type { RatePlan } from './planted-rates.js';

interface SimulatedConfig {
  /** The sampling config's name, as a real run would name it (harness/samplers/grid.ts configName). */
  name: string;
  /** The temperature it stands for (the other settings are the defaults). */
  temperature: number;
  rates: RatePlan;
}

export interface SimulatedModel {
  name: string;
  format: 'editseq' | 'full';
  /** Two temperatures: low gives a higher pass@1 but fewer problems ever solved (less diversity). */
  configs: SimulatedConfig[];
  architecture: ShapeArchitecture;
}

export const SIMULATED_ARCHITECTURE: ShapeArchitecture = {
  layers: 12,
  d_model: 768,
  n_heads: 12,
  d_ff: 3072,
  mlp: 'plain',
  vocab_size: 50257,
  tied_embeddings: true,
  n_ctx: 1024,
  source: 'simulated: GPT-2-small shape (124M parameters)',
};

export const SIMULATED_MODELS: readonly SimulatedModel[] = [
  {
    name: 'editseq-sim',
    format: 'editseq',
    configs: [
      { name: 't0.8-p0.95', temperature: 0.8, rates: { mean: -0.8, slope: 1.2, noise: 0.6, unsolvableAbove: 1.0 } },
      { name: 't0.2-p0.95', temperature: 0.2, rates: { mean: -0.2, slope: 2.0, noise: 0.4, unsolvableAbove: 0.7 } },
    ],
    architecture: SIMULATED_ARCHITECTURE,
  },
  {
    name: 'baseline-sim',
    format: 'full',
    configs: [
      { name: 't0.8-p0.95', temperature: 0.8, rates: { mean: -0.3, slope: 1.6, noise: 0.6, unsolvableAbove: 0.5 } },
      { name: 't0.2-p0.95', temperature: 0.2, rates: { mean: 0.2, slope: 2.4, noise: 0.4, unsolvableAbove: 0.3 } },
    ],
    architecture: SIMULATED_ARCHITECTURE,
  },
];
