/**
 * `passk lintseq` without the command line: read programs, make S edit paths each over a
 * pool of threads, write pylintseq-compatible lines in input order. The output is the
 * same for any number of jobs: every path's random stream is keyed by (seed, row, path).
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { normalizeNewlines } from '../forward.js';
import { stripChainOfThought } from './code-blocks.js';
import type { JobConfig, ProgramJob, ProgramResult } from './job.js';
import { LintSeqPool } from './pool.js';
import { readInputRows } from './read-input.js';
import { createLinter, runPrograms } from './run-programs.js';

export interface BatchOptions extends JobConfig {
  input: string;
  field: string;
  instructionField?: string;
  out: string;
  jobs: number;
  /** Called after each finished program. */
  onProgress?: (done: number, total: number) => void;
}

export interface BatchSummary {
  programs: number;
  /** Output lines (edit paths) written. */
  written: number;
  /** Programs without any deletable line (no path, as in pylintseq). */
  skipped: number;
  lints: number;
  seconds: number;
}

const CHUNK = 4;

export async function runLintseqBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const config: JobConfig = { language: options.language, linter: options.linter, seed: options.seed, paths: options.paths };
  // Fails early (bad --linter, pylint missing) before reading input or starting threads.
  const local = await createLinter(config);
  let rows: Awaited<ReturnType<typeof readInputRows>>;
  try {
    rows = await readInputRows(options.input, options.field, options.instructionField);
  } catch (error) {
    await local.close();
    throw error;
  }
  const pool = options.jobs > 1 ? new LintSeqPool(config, options.jobs) : null;
  if (pool) await local.close();
  const run = (jobs: ProgramJob[]) => (pool ? pool.run(jobs) : runPrograms(jobs, config, local));

  const partial = `${options.out}.partial`;
  const out = createWriteStream(partial);
  const summary: BatchSummary = { programs: rows.length, written: 0, skipped: 0, lints: 0, seconds: 0 };
  const ready = new Map<number, ProgramResult[]>();
  let nextChunk = 0;
  let done = 0;

  const write = async (results: ProgramResult[]) => {
    for (const result of results) {
      const row = rows[result.index]!;
      if (result.paths.every((p) => p === null)) summary.skipped++;
      summary.lints += result.lints;
      for (const diffs of result.paths) {
        if (diffs === null) continue;
        const line: Record<string, unknown> = {
          edit_path: diffs,
          index: row.index,
          source_file: options.input,
          [`source_${options.field}`]: row.code,
        };
        if (options.instructionField !== undefined) line[`source_${options.instructionField}`] = row.instruction;
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
        summary.written++;
      }
    }
  };

  try {
    const chunks: ProgramJob[][] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      chunks.push(
        rows.slice(i, i + CHUNK).map((r) => ({ index: r.index, code: normalizeNewlines(stripChainOfThought(r.code, options.language)) })),
      );
    }
    // Enough chunks in flight to keep every thread (and its linter's batches) busy.
    const inFlight = Math.max(2, (pool ? options.jobs : 1) * 8);
    let flushing = Promise.resolve();
    let launched = 0;
    await new Promise<void>((resolve, reject) => {
      const launch = () => {
        while (launched < chunks.length && launched - nextChunk < inFlight) {
          const k = launched++;
          run(chunks[k]!).then((results) => {
            done += results.length;
            options.onProgress?.(done, rows.length);
            ready.set(k, results);
            flushing = flushing.then(async () => {
              while (ready.has(nextChunk)) {
                const r = ready.get(nextChunk)!;
                ready.delete(nextChunk);
                nextChunk++;
                await write(r);
              }
              if (nextChunk === chunks.length) resolve();
              else launch();
            });
            flushing.catch(reject);
          }, reject);
        }
        if (chunks.length === 0) resolve();
      };
      launch();
    });
    out.end();
    await once(out, 'finish');
    await rename(partial, options.out);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await (pool ? pool.close() : local.close());
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
