/**
 * What the coordinator and execution workers say to each other over Redis (BullMQ), and how
 * they connect (docs/distributed.md, "Execution workers"). A job carries the sandbox set-up
 * it needs (language, executor kind, TypeScript mode, the run's configured limits) so one
 * worker serves any run, and its task by key: the task itself is written to Redis once
 * (under its content hash) and kept in each worker's memory, so a job is the program and
 * little else. Its answer names the worker's sandbox, checked by the coordinator against
 * the run's.
 */
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/hash.js';
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

/** An execution request with its task named by key (taskKey). */
type QueuedRequest = Omit<ExecutionRequest, 'task'> & { task: string };

export type JobData =
  | { kind: 'execute'; setup: WorkerSetup; request: QueuedRequest }
  | { kind: 'reference'; setup: WorkerSetup; task: string }
  | { kind: 'facts'; setup: WorkerSetup };

/** Who answered, under which sandbox (its label: sandboxLabel); the full facts when asked for them. */
export interface WorkerAnswer {
  worker: string;
  sandbox: string;
  facts?: SandboxFacts;
  execution?: Execution;
  referenceMs?: number | null;
  referenceInputsMs?: Array<number | null> | null;
}

/** A task's key: its content hash. Jobs name their task by it. */
export function taskHash(task: Task): string {
  return sha256(JSON.stringify(task));
}

/** Where a task is kept in Redis, beside the queue's own keys. */
export function taskRedisKey(hash: string): string {
  return `bull:${QUEUE_NAME}:task:${hash}`;
}

const factsSchema = z.looseObject({
  executor: z.string(),
  language: z.string(),
  isolation: z.string(),
  runtime: z.string(),
  warnings: z.array(z.string()),
});

/** A worker's answer as read back from Redis: checked, so a foreign or garbled answer is a fault, never a verdict. */
export const workerAnswerSchema = z.object({
  worker: z.string(),
  sandbox: z.string(),
  facts: factsSchema.optional(),
  execution: z.looseObject({ verdict: z.enum(VERDICTS), durationMs: z.number() }).optional(),
  referenceMs: z.number().nullable().optional(),
  referenceInputsMs: z.array(z.number().nullable()).nullable().optional(),
});

/** The sandbox as a run compares it (as resuming does: executor, isolation, runtime). */
export function sandboxLabel(f: Pick<SandboxFacts, 'executor' | 'isolation' | 'runtime'>): string {
  return `${f.executor}, ${f.isolation}, ${f.runtime}`;
}

const RETRYING = { maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (times: number) => Math.min(2000, 50 * times) };

/**
 * BullMQ connection options from a redis:// URL. Commands wait through a Redis restart
 * (maxRetriesPerRequest null) instead of failing: a run survives Redis going away and
 * coming back.
 */
export function connectionFrom(url: string, where = '--redis'): ConnectionOptions {
  checkRedisUrl(url, where);
  return { url, ...RETRYING };
}

/** A plain Redis connection beside BullMQ's (tasks, the answer stream), retrying as BullMQ's do. */
export function redisClient(url: string): Redis {
  checkRedisUrl(url, '--redis');
  const client = new Redis(url, RETRYING);
  // Connection errors (Redis restarting) are retried by the client; commands wait for it.
  client.on('error', () => undefined);
  return client;
}

function checkRedisUrl(url: string, where: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PasskError('E_CONFIG', `expected a Redis URL such as redis://host:6379, got "${url}"`, where);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new PasskError('E_CONFIG', `expected a redis:// or rediss:// URL, got "${url}"`, where);
}
