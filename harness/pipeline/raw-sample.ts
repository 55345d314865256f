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
  /** The text the program is built from, when it is not the completion (rebuild/answer.ts). */
  answer?: string;
  /** Why the output has no answer (a think block that never closes): the sample is empty. */
  noAnswer?: string;
  /** What was sent: the prompt, or a chat model's messages; null when nothing was (a file, the oracle). */
  prompt?: string | Array<{ role: string; content: string }> | null;
  /** The model's prompt style (samplers/prompt-style.ts); null when nothing was sent. */
  promptStyle?: string | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  reasoningTokens?: number | null;
  tokenSource?: string | null;
  finishReason?: string | null;
  seed?: number | null;
  sampleMs?: number | null;
  /** Samples the request that produced it carried (they share its sampleMs). */
  requestSamples?: number | null;
}
