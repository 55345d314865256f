/**
 * A sample on its way into the pipeline, before it is rebuilt and executed: its key, the
 * raw output, and what the sampler measured. Every sampler's completions become these.
 */
import type { OutputFormat } from '../rebuild/output-format.js';

export interface RawSample {
  model: string;
  config: string;
  taskId: string;
  index: number;
  format: OutputFormat;
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
