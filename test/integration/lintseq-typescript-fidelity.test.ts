/**
 * Fidelity of passk's JavaScript linter to the TypeScript checker: on random deletion
 * states of HumanEval-X JavaScript programs, the real checker (a Program with the ES
 * library, checkJs) and passk's parser-based linter agree on clean versus dirty, counting
 * syntax errors and the name diagnostics LintSeq cares about. The checker costs tens of
 * milliseconds per program, which is why LintSeq does not use it in its loop.
 */
import { expect, it } from 'vitest';
import ts from 'typescript';
import { readJsonLines } from '../../kernel/jsonl.js';
import { lintJavaScript } from '../../harness/lintseq/linters/typescript.js';
import { deletionStates } from '../fixtures/editseq/deletion-states.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

/** Unresolved names, use before declaration, redeclaration, statements out of context. */
const NAME_CODES = new Set([2304, 2552, 2448, 2449, 2450, 2451, 1108, 1104, 1105, 1107]);
const OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  skipLibCheck: true,
};

function checkerFor(): (source: string) => ts.Diagnostic[] {
  const base = ts.createCompilerHost(OPTIONS);
  const cache = new Map<string, ts.SourceFile | undefined>();
  let current = '';
  const host: ts.CompilerHost = {
    ...base,
    getSourceFile: (name, lang) => {
      if (name === '/main.js') return ts.createSourceFile(name, current, lang, true, ts.ScriptKind.JS);
      if (!cache.has(name)) cache.set(name, base.getSourceFile(name, lang));
      return cache.get(name);
    },
    fileExists: (name) => name === '/main.js' || base.fileExists(name),
    readFile: (name) => (name === '/main.js' ? current : base.readFile(name)),
  };
  let previous: ts.Program | undefined;
  return (source) => {
    current = source;
    const program = ts.createProgram({ rootNames: ['/main.js'], options: OPTIONS, host, oldProgram: previous });
    previous = program;
    const file = program.getSourceFile('/main.js')!;
    const syntax = program.getSyntacticDiagnostics(file);
    return syntax.length > 0 ? [...syntax] : program.getSemanticDiagnostics(file).filter((d) => NAME_CODES.has(d.code));
  };
}

it.skipIf(skipWithoutDatasets('humaneval_js.jsonl.gz'))(
  'agrees with the TypeScript checker on clean vs dirty for >= 97% of 120 HumanEval-X deletion states',
  { timeout: 180_000 },
  async () => {
    const rows = (await readJsonLines(datasetPath('humaneval_js.jsonl.gz'))).map((l) => l.value as Record<string, string>);
    const states = deletionStates(
      rows.map((r) => r.prompt! + r.canonical_solution!),
      120,
      'javascript',
      'ts-fidelity',
    );
    const check = checkerFor();
    let agree = 0;
    let dirty = 0;
    const disagreements: string[] = [];
    for (const state of states) {
      const theirs = check(state);
      const ours = lintJavaScript(state, 'javascript');
      if (theirs.length > 0) dirty++;
      if (theirs.length > 0 === ours.length > 0) agree++;
      else
        disagreements.push(
          ours.length > 0
            ? `passk only: ${ours.map((d) => d.code).join('+')}`
            : `checker only: ${theirs.map((d) => `TS${d.code}`).join('+')}`,
        );
    }
    console.log(
      `TypeScript checker fidelity: ${agree}/${states.length} agree, ${dirty} dirty by the checker; disagreements: ${JSON.stringify(disagreements)}`,
    );
    expect(dirty).toBeGreaterThan(25);
    expect(dirty).toBeLessThan(100);
    expect(agree / states.length).toBeGreaterThanOrEqual(0.97);
  },
);
