/**
 * TypeScript in the isolate worker, outside the isolate: turns a TypeScript program and its test
 * into the JavaScript the isolate runs, type-checking them first in `typecheck` mode
 * (sandbox/javascript/typescript-mode.ts). Loaded once per worker process: the compiler and the
 * standard library declarations are parsed once and kept, so a check costs milliseconds where a
 * fresh `tsc` costs seconds.
 *
 * The compiler sees a virtual file system: the program (/program.ts), the test (/test.ts) and the
 * standard library declarations shipped with the `typescript` package, read into memory when the
 * worker starts. Nothing a program names (`/// <reference path>`, `import`, `/// <reference
 * types>`) reaches the disk: such a name does not exist, and the checker says so as tsc would.
 *
 * Compiler options, against MultiPL-E's `tsc --target esnext FILE.ts` (no tsconfig):
 * - the same: target ESNext; the default library for it (lib.esnext.full.d.ts: ESNext and the DOM,
 *   so a global such as `name` or `close` is declared, as under tsc); every strictness option at
 *   its default (off); the default module settings (a file without import/export is a script).
 * - different: the program and the test are two script files of one program instead of one file
 *   (declarations are shared exactly as in one file, diagnostics name program.ts or test.ts, and a
 *   comment left open by the program cannot swallow the test); `types: []` (tsc would also load any
 *   @types package it finds beside the file; MultiPL-E's tests declare `require` themselves because
 *   there is none); the library files themselves are not checked (tsc checks them: they have no
 *   errors of their own, and a clash with a program's declaration is reported in the program too);
 *   the JavaScript that runs is the source with its types blanked out (ts-blank-space, positions
 *   kept) rather than tsc's output, which is the same code for everything but enums, namespaces
 *   and parameter properties, which are compiled by ts.transpileModule instead; passk's TypeScript
 *   version rather than whichever `npm install -g typescript` gave MultiPL-E's container.
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PROGRAM = '/program.ts';
const TEST = '/test.ts';
const LIB_DIR = '/lib';
const DETAIL_CHARS = 400;

/**
 * Loads the compiler once, reads the library declarations and checks a small program so that the
 * first real check is as fast as the rest.
 * @returns {Promise<{ version: string, compile: (job: { program: string, test: string, mode: 'typecheck' | 'strip' }) => Compiled }>}
 */
export async function loadTypeScriptCompiler() {
  const require = createRequire(import.meta.url);
  const ts = require('typescript');
  const { blankSourceFile } = await import('ts-blank-space');
  const compiler = createCompiler(ts, blankSourceFile, dirname(require.resolve('typescript/lib/lib.d.ts')));
  compiler.compile({ program: 'function warmUp(x: number): string {\n  return String(x);\n}\n', test: 'warmUp(1);\n', mode: 'typecheck' });
  return compiler;
}

/**
 * @typedef {{ ok: true, program: string, test: string } | { ok: false, event: { kind: 'syntax', stage: 'program', message: string } | { kind: 'harness', message: string } }} Compiled
 */

function createCompiler(ts, blankSourceFile, libFolder) {
  const libText = new Map();
  for (const name of readdirSync(libFolder)) {
    if (/^lib\..*\.d\.ts$/.test(name)) libText.set(`${LIB_DIR}/${name}`, readFileSync(join(libFolder, name), 'utf8'));
  }
  const libFiles = new Map(); // parsed on first use, then shared by every program
  const parse = (name, text) => ts.createSourceFile(name, text, ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  const options = { target: ts.ScriptTarget.ESNext, types: [], noEmit: true };
  const stripOptions = { ...options, noLib: true, noResolve: true };

  function host(files) {
    return {
      getSourceFile(name) {
        if (files.has(name)) return files.get(name);
        if (!libText.has(name)) return undefined;
        let file = libFiles.get(name);
        if (file === undefined) libFiles.set(name, (file = parse(name, libText.get(name))));
        return file;
      },
      getDefaultLibFileName: (o) => `${LIB_DIR}/${ts.getDefaultLibFileName(o)}`,
      getDefaultLibLocation: () => LIB_DIR,
      writeFile: () => {},
      getCurrentDirectory: () => '/',
      getDirectories: () => [],
      directoryExists: (name) => name === '/' || name === LIB_DIR,
      fileExists: (name) => files.has(name) || libText.has(name),
      readFile: (name) => (files.has(name) ? files.get(name).text : libText.get(name)),
      realpath: (name) => name,
      getCanonicalFileName: (name) => name,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
    };
  }

  /** The first diagnostic, where it is and what it says; a count when there are more. */
  function describe(diagnostics, kind) {
    const first = diagnostics[0];
    let where = 'compiler';
    if (first.file !== undefined && first.start !== undefined) {
      const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
      where = `${first.file.fileName.slice(1)}:${line + 1}:${character + 1}`;
    }
    const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
    const more = diagnostics.length > 1 ? ` (${diagnostics.length} ${kind}s)` : '';
    return `${kind}: ${where} TS${first.code}: ${text}`.slice(0, DETAIL_CHARS) + more;
  }

  /** The source without its types, positions kept; enums and namespaces need a real compile. */
  function toJavaScript(file) {
    let erasable = true;
    const blanked = blankSourceFile(file, () => {
      erasable = false;
    });
    if (erasable) return blanked;
    return ts.transpileModule(file.text, { compilerOptions: { target: ts.ScriptTarget.ESNext }, fileName: file.fileName }).outputText;
  }

  function compile({ program, test, mode }) {
    const files = new Map([
      [PROGRAM, parse(PROGRAM, program)],
      [TEST, parse(TEST, test)],
    ]);
    const checked = ts.createProgram({
      rootNames: [PROGRAM, TEST],
      options: mode === 'typecheck' ? options : stripOptions,
      host: host(files),
    });
    const programFile = files.get(PROGRAM);
    const testFile = files.get(TEST);
    const errors = (list) => list.filter((d) => d.category === ts.DiagnosticCategory.Error);

    const testSyntax = errors(checked.getSyntacticDiagnostics(testFile));
    if (testSyntax.length > 0)
      return {
        ok: false,
        event: { kind: 'harness', message: `the test is not valid TypeScript: ${describe(testSyntax, 'syntax error')}` },
      };
    const syntax = errors(checked.getSyntacticDiagnostics(programFile));
    if (syntax.length > 0) return { ok: false, event: { kind: 'syntax', stage: 'program', message: describe(syntax, 'syntax error') } };
    if (mode === 'typecheck') {
      const types = errors([
        ...checked.getOptionsDiagnostics(),
        ...checked.getGlobalDiagnostics(),
        ...checked.getSemanticDiagnostics(programFile),
        ...checked.getSemanticDiagnostics(testFile),
      ]);
      if (types.length > 0) return { ok: false, event: { kind: 'syntax', stage: 'program', message: describe(types, 'type error') } };
    }
    return { ok: true, program: toJavaScript(programFile), test: toJavaScript(testFile) };
  }

  return { version: ts.version, compile };
}
