/**
 * Python linters for LintSeq, both in warm worker processes:
 *
 * - `passk` (default): CPython's parser plus pylint's rules for what deletions cause
 *   (python/lint_worker.py). Chosen over web-tree-sitter because syntax errors then come
 *   from the same parser pylint uses (exact messages and lines), and it agreed with pylint
 *   on 100% of 2,000 HumanEval deletion states (test/integration/lintseq-pylint-fidelity).
 * - `pylint`: the real pylint, in-process and reused across programs
 *   (python/pylint_worker.py), counting E and F messages plus W0311 and W0231 as LintSeq's
 *   reference does; for fidelity with the paper, at pylint's speed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HarnessFault } from '../../../kernel/errors.js';
import { JsonLineWorker } from './json-line-worker.js';
import type { Linter, LintIssue } from './types.js';

const SCRIPTS = fileURLToPath(new URL('../python/', import.meta.url));

/** The interpreter: $PASSK_PYTHON, else /usr/bin/python3 when present (pylint's), else python3. */
export function pythonCommand(): string {
  return process.env.PASSK_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

type RawIssue = [number, string, string];

function toIssues(raw: unknown): LintIssue[] {
  if (!Array.isArray(raw)) throw new HarnessFault('python-linter', `unexpected reply ${JSON.stringify(raw).slice(0, 200)}`);
  return (raw as RawIssue[]).map(([line, code, message]) => ({ line, code, message }));
}

/** passk's linter; `unit` is the indentation unit W0311 checks against (four spaces when null). */
class UnitLinter implements Linter {
  readonly name = 'passk';
  constructor(
    private readonly worker: JsonLineWorker,
    private readonly unit: string | null,
  ) {}
  async lint(source: string): Promise<LintIssue[]> {
    return toIssues(await this.worker.request(['lint', source, this.unit]));
  }
  async close(): Promise<void> {}
}

export class PythonLinter implements Linter {
  readonly name = 'passk';
  private readonly worker = new JsonLineWorker('python-linter', pythonCommand(), ['-B', `${SCRIPTS}lint_worker.py`]);
  private readonly plain = new UnitLinter(this.worker, null);

  lint(source: string): Promise<LintIssue[]> {
    return this.plain.lint(source);
  }

  /** A linter whose W0311 uses the program's own indent unit (its first indentation). */
  async forProgram(source: string): Promise<Linter> {
    const unit = (await this.worker.request(['indent', source])) as string | null;
    return unit === null || unit === '    ' ? this.plain : new UnitLinter(this.worker, unit);
  }

  /** The program normalized for diversity counts (python/passk_normalize.py); null when it does not parse. */
  async normalize(source: string): Promise<string | null> {
    return (await this.worker.request(['normalize', source])) as string | null;
  }

  /** Lint issues (with the program's own indent unit, as forProgram) and the normalized program, in one round trip. */
  async describe(source: string): Promise<{ issues: LintIssue[]; normalized: string | null }> {
    const [issues, normalized] = (await this.worker.request(['describe', source])) as [unknown, string | null];
    return { issues: toIssues(issues), normalized };
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}

export class PylintLinter implements Linter {
  readonly name = 'pylint';
  private readonly worker = new JsonLineWorker('pylint', pythonCommand(), ['-B', `${SCRIPTS}pylint_worker.py`]);

  async lint(source: string): Promise<LintIssue[]> {
    return toIssues(await this.worker.request(['lint', source]));
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}

let pylintPresent: boolean | undefined;

/** Whether `import pylint` works for the interpreter passk uses. */
export function pylintAvailable(): boolean {
  if (pylintPresent === undefined) {
    try {
      execFileSync(pythonCommand(), ['-c', 'import pylint'], { stdio: 'ignore', timeout: 20_000 });
      pylintPresent = true;
    } catch {
      pylintPresent = false;
    }
  }
  return pylintPresent;
}
