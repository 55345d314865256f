/**
 * A sample on its way into the pipeline: its key, the raw output, and what the sampler
 * measured. Sample files, replayed runs, simulated and served models all produce these.
 */
export interface SampleInput {
  model: string;
  config: string;
  taskId: string;
  index: number;
  /** completion (appended to the prompt) | solution (a whole program) | baseline | full | editseq */
  format: string;
  /** The raw output exactly as received (null when only a program is known). */
  completion: string | null;
  /** A program already built by the source (e.g. fences extracted); skips buildProgram. */
  program?: string;
  promptTokens?: number | null;
  completionTokens?: number | null;
  tokenSource?: string | null;
  finishReason?: string | null;
  seed?: number | null;
  sampleMs?: number | null;
}
