/**
 * The global names a JavaScript/TypeScript program may use without declaring them: the
 * ECMAScript library TypeScript ships (every lib file `lib.esnext.d.ts` references, read
 * once per process) plus common host globals (Node and the web platform basics a program
 * calls). DOM typings are deliberately not included.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export interface GlobalNames {
  values: ReadonlySet<string>;
  types: ReadonlySet<string>;
}

const HOST_VALUES = [
  'console',
  'process',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'Buffer',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'structuredClone',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'fetch',
  'performance',
  'atob',
  'btoa',
  'AbortController',
  'AbortSignal',
  'Event',
  'EventTarget',
  'crypto',
  'undefined',
  'globalThis',
];

let cached: GlobalNames | undefined;

function libFolder(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('typescript/lib/lib.esnext.d.ts'));
}

function collect(file: ts.SourceFile, values: Set<string>, types: Set<string>): void {
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) values.add(d.name.text);
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      values.add(statement.name.text);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      values.add(statement.name.text);
      types.add(statement.name.text);
    } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
      types.add(statement.name.text);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      values.add(statement.name.text);
      types.add(statement.name.text);
    } else if (ts.isEnumDeclaration(statement)) {
      values.add(statement.name.text);
      types.add(statement.name.text);
    }
  }
}

export function globalNames(): GlobalNames {
  if (cached) return cached;
  const folder = libFolder();
  const values = new Set<string>(HOST_VALUES);
  const types = new Set<string>();
  const seen = new Set<string>();
  const queue = ['esnext'];
  while (queue.length > 0) {
    const lib = queue.pop()!;
    if (seen.has(lib)) continue;
    seen.add(lib);
    const text = readFileSync(join(folder, `lib.${lib}.d.ts`), 'utf8');
    const file = ts.createSourceFile(`lib.${lib}.d.ts`, text, ts.ScriptTarget.Latest, false);
    for (const ref of file.libReferenceDirectives) queue.push(ref.fileName.toLowerCase());
    collect(file, values, types);
  }
  cached = { values, types };
  return cached;
}
