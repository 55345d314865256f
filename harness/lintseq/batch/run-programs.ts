/**
 * Runs LintSeq over a chunk of programs with one linter, all paths concurrently so that a
 * worker-process linter answers them in batches. Used inside each pool thread, and
 * directly when one job is asked for.
 */
import { PasskError } from '../../../kernel/errors.js';
import { lintseqPaths } from '../generate.js';
import { PylintLinter, PythonLinter, pylintAvailable, pythonCommand } from '../linters/python.js';
import type { Linter } from '../linters/types.js';
import type { JobConfig, ProgramJob, ProgramResult } from './job.js';

export async function createLinter(config: Pick<JobConfig, 'language' | 'linter'>): Promise<Linter> {
  if (config.language !== 'python') {
    if (config.linter !== 'passk')
      throw new PasskError(
        'E_CONFIG',
        `--linter ${config.linter} lints Python only; ${config.language} uses the TypeScript compiler API`,
        '--linter',
      );
    // The TypeScript package is big: loaded only when JavaScript/TypeScript is linted.
    const { TypeScriptLinter } = await import('../linters/typescript.js');
    return new TypeScriptLinter(config.language);
  }
  if (config.linter === 'pylint') {
    if (!pylintAvailable())
      throw new PasskError('E_CONFIG', `pylint is not installed for ${pythonCommand()} (Debian: apt-get install pylint)`, '--linter');
    return new PylintLinter();
  }
  return new PythonLinter();
}

export async function runPrograms(jobs: readonly ProgramJob[], config: JobConfig, linter: Linter): Promise<ProgramResult[]> {
  return Promise.all(
    jobs.map(async ({ index, code }) => {
      const found = await lintseqPaths(code, { language: config.language, linter, seed: config.seed, key: index, paths: config.paths });
      const lints = found.reduce((sum, p) => sum + (p?.lints ?? 0), 0);
      return { index, paths: found.map((p) => (p ? p.diffs : null)), lints };
    }),
  );
}
