/**
 * The table `passk check-references` writes (docs/records.md, "Reference check"): each
 * task's reference solution run in this sandbox and Python environment, with a status, and
 * what `--only-judgeable` reads back. Statuses are derived from the verdict and its detail
 * (pure, referenceStatus); reading validates every field and names the file.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import type { Verdict } from '../../kernel/verdict.js';

export const REFERENCE_TABLE_SCHEMA = 'passk.reference-check/1';

export const REFERENCE_STATUSES = [
  'passed',
  'failed',
  'error',
  'missing_module',
  'missing_data',
  'network',
  'timeout',
  'memory',
  'output_limit',
  'syntax_error',
] as const;
export type ReferenceStatus = (typeof REFERENCE_STATUSES)[number];

const rowSchema = z.object({
  task_id: z.string().min(1),
  status: z.enum(REFERENCE_STATUSES),
  verdict: z.string(),
  /** The first error (the verdict's detail); for missing_module, the module's name comes first. */
  detail: z.string().nullable(),
  duration_ms: z.number().nonnegative(),
});
export type ReferenceRow = z.infer<typeof rowSchema>;

const referenceTableSchema = z.object({
  schema: z.literal(REFERENCE_TABLE_SCHEMA),
  benchmark: z.string(),
  data_path: z.string().nullable(),
  data_sha256: z.string().nullable(),
  checked_at: z.string(),
  sandbox: z.object({ executor: z.string(), isolation: z.string(), runtime: z.string() }),
  python_environment: z
    .object({ executable: z.string(), version: z.string(), libraries: z.record(z.string(), z.string().nullable()) })
    .nullable(),
  limits: z.object({ timeout_ms: z.number(), memory_mb: z.number() }),
  counts: z.record(z.string(), z.number().int()),
  tasks: z.array(rowSchema),
});
export type ReferenceTable = z.infer<typeof referenceTableSchema>;

const MISSING_MODULE = /(?:ModuleNotFoundError|ImportError): No module named '([^']+)'|Missing optional dependency '([^']+)'/;
// A library's data that is not installed (NLTK's corpora: punkt, stopwords, ...).
const MISSING_DATA = /LookupError:.*Resource .*not found/;
// What a program without a network sees: the audit hook's denial, no name resolution, no route.
const NETWORK =
  /sandbox: socket\.|gaierror|Temporary failure in name resolution|Name or service not known|Network is unreachable|NewConnectionError|Failed to establish a new connection|URLError|ConnectionError|nodename nor servname/;

/** Pure: a reference run's status from its verdict and detail. */
export function referenceStatus(verdict: Verdict, detail: string | undefined): ReferenceStatus {
  if (verdict === 'passed') return 'passed';
  const text = detail ?? '';
  if (MISSING_MODULE.test(text)) return 'missing_module';
  if (MISSING_DATA.test(text)) return 'missing_data';
  if (NETWORK.test(text)) return 'network';
  switch (verdict) {
    case 'timeout':
    case 'memory':
    case 'output_limit':
    case 'syntax_error':
    case 'failed':
      return verdict;
    default:
      return 'error';
  }
}

/** The module a missing_module detail names, or null. */
export function missingModule(detail: string | null): string | null {
  const match = MISSING_MODULE.exec(detail ?? '');
  return match?.[1] ?? match?.[2] ?? null;
}

export function countStatuses(rows: readonly ReferenceRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of REFERENCE_STATUSES) counts[status] = 0;
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

export async function readReferenceTable(path: string): Promise<ReferenceTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PasskError('E_CONFIG', `cannot read the reference-check table: ${(err as Error).message}`, path);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PasskError('E_CONFIG', `not JSON (${(err as Error).message}); expected a table written by passk check-references`, path);
  }
  const parsed = referenceTableSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PasskError(
      'E_CONFIG',
      `field "${issue.path.join('.')}": ${issue.message}; expected a table written by passk check-references (${REFERENCE_TABLE_SCHEMA})`,
      path,
    );
  }
  return parsed.data;
}
