/**
 * What the coordinator and execution workers say to each other over Redis (BullMQ), and how
 * they connect (docs/distributed.md, "Execution workers"). A job carries the sandbox set-up
 * it needs (language, executor kind, TypeScript mode, the run's configured limits) so one
 * worker serves any run; its answer carries the worker's sandbox facts, checked by the
 * coordinator against the run's.
 */
import type { ConnectionOptions } from 'bullmq';
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { VERDICTS } from '../../kernel/verdict.js';
import type { Execution, ExecutionRequest, Limits, SandboxFacts } from '../../sandbox/executor.js';
import type { TypeScriptMode } from '../../sandbox/javascript/typescript-mode.js';
import type { ExecutorKind } from '../../sandbox/registry.js';

/** The queue every coordinator and worker uses (one Redis database may serve several runs at once). */
export const QUEUE_NAME = 'passk-programs';

/** Which sandbox a job needs: a worker keeps one executor per set-up. */
export interface WorkerSetup {
  language: Task['language'];
  kind: ExecutorKind;
  typescript: TypeScriptMode | null;
  /** The run's configured limits: references are measured under them. */
  limits: Limits;
}

export type JobData =
  | { kind: 'execute'; setup: WorkerSetup; request: ExecutionRequest }
  | { kind: 'reference'; setup: WorkerSetup; task: Task }
  | { kind: 'facts'; setup: WorkerSetup };

/** Who answered, under which sandbox. */
export interface WorkerAnswer {
  worker: string;
  facts: SandboxFacts;
  execution?: Execution;
  referenceMs?: number | null;
  referenceInputsMs?: Array<number | null> | null;
}

const factsSchema = z.object({
  executor: z.string(),
  language: z.string(),
  isolation: z.string(),
  runtime: z.string(),
  warnings: z.array(z.string()),
});

/** A worker's answer as read back from Redis: checked, so a foreign or garbled answer is a fault, never a verdict. */
export const workerAnswerSchema = z.object({
  worker: z.string(),
  facts: factsSchema,
  execution: z.looseObject({ verdict: z.enum(VERDICTS), durationMs: z.number() }).optional(),
  referenceMs: z.number().nullable().optional(),
  referenceInputsMs: z.array(z.number().nullable()).nullable().optional(),
});

/** The sandbox as a run compares it (as resuming does: executor, isolation, runtime). */
export function sandboxLabel(f: Pick<SandboxFacts, 'executor' | 'isolation' | 'runtime'>): string {
  return `${f.executor}, ${f.isolation}, ${f.runtime}`;
}

/**
 * BullMQ connection options from a redis:// URL. Commands wait through a Redis restart
 * (maxRetriesPerRequest null) instead of failing: a run survives Redis going away and
 * coming back.
 */
export function connectionFrom(url: string, where = '--redis'): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PasskError('E_CONFIG', `expected a Redis URL such as redis://host:6379, got "${url}"`, where);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new PasskError('E_CONFIG', `expected a redis:// or rediss:// URL, got "${url}"`, where);
  return { url, maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (times: number) => Math.min(2000, 50 * times) };
}
