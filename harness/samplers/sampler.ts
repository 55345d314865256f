/**
 * The interface every model back-end implements (served models, replayed sample files,
 * the LintSeq oracle and the canonical solutions, the demo's simulated models): a request
 * asks for a contiguous run of sample indices of one task under one sampling config, and
 * gets one completion per index with what the back-end measured (token counts and their
 * source, finish reason, seed).
 */
import type { EndpointStats } from './endpoint-pool.js';
import type { Task } from '../../kernel/task.js';
import type { OutputFormat } from '../rebuild/output-format.js';
import type { SamplingConfig } from './grid.js';

/** Where a sample's token counts came from (recorded with the sample). */
export type TokenSource = 'usage' | 'logprobs' | 'tokenize' | 'estimate' | 'none';

/** One message of a chat request. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface SampleRequest {
  task: Task;
  /** The rendered prompt (a chat model's user message). */
  prompt: string;
  /** A chat model's messages, exactly as they are to be sent (prompt-style.ts); absent: the prompt alone. */
  messages?: readonly ChatMessage[];
  config: SamplingConfig;
  /** Consecutive sample indices (one request). */
  indices: readonly number[];
  /** The seed of each index: seeds[i] = seeds[0] + i (see seeds.ts). */
  seeds: readonly number[];
  signal?: AbortSignal;
}

export interface SampledCompletion {
  index: number;
  text: string;
  promptTokens: number | null;
  /** Every generated token, a think block's included. */
  completionTokens: number | null;
  /** Of those, the think block's (0 without one); null when unknown. Absent: not counted. */
  reasoningTokens?: number | null;
  tokenSource: TokenSource;
  finishReason: string | null;
  seed: number | null;
  /** Wall time of the request that produced it (shared by the samples of one request). */
  sampleMs: number;
  /** A program the back-end already built (a replayed file's fence-extracted code); skips the format's builder. */
  program?: string;
  /** This sample's own format, when the back-end's outputs differ (a sample file's lines: completion or solution). */
  format?: OutputFormat;
}

/** What a back-end reports before a run (its kind, and e.g. endpoints, the sample file and its sha256), for the manifest. */
export type SamplerFacts = { kind: string } & Record<string, unknown>;

/** A completion from a back-end that counts no tokens and takes no time (a file, the oracle). */
export function offlineCompletion(index: number, text: string, program?: string): SampledCompletion {
  const c: SampledCompletion = {
    index,
    text,
    promptTokens: null,
    completionTokens: null,
    tokenSource: 'none',
    finishReason: null,
    seed: null,
    sampleMs: 0,
  };
  if (program !== undefined) c.program = program;
  return c;
}

export interface Sampler {
  readonly kind: string;
  /** Reads outputs made beforehand (a file, the oracle, a simulation) rather than generating them. */
  readonly offline: boolean;
  /** The most samples one request may carry. */
  readonly maxBatch: number;
  /** Requests worth having in flight at once. */
  readonly concurrency: number;
  /**
   * Checks the back-end before a run starts (server reachable, model served, file
   * readable) and returns facts for the manifest. Throws a PasskError (E_SERVER, E_SAMPLES).
   */
  preflight(tasks: readonly Task[], n: number | 'all'): Promise<SamplerFacts>;
  /** The samples the back-end holds for a task, for a run that takes all of them (n = 'all'; a sample file). */
  available?(task: Task): number;
  sample(request: SampleRequest): Promise<SampledCompletion[]>;
  /** Lines worth telling the user after the run: retries, warnings. */
  notes?(): string[];
  /** A served model's endpoints: what each did in this invocation (the manifest's `endpoints`). */
  endpointStats?(): EndpointStats[];
  close(): Promise<void>;
}
