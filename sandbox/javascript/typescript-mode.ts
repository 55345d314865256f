/**
 * How a TypeScript program becomes the JavaScript that runs, a per-run setting (recorded in the
 * run identity). Both modes run the same JavaScript: the types blanked out in place (ts-blank-space),
 * so line and column numbers in errors are the TypeScript source's own.
 *
 * - `typecheck` (the default): the program and the test are first checked by the TypeScript
 *   compiler, as MultiPL-E's `tsc --target esnext` does; a type error is a `syntax_error` whose
 *   detail names the first diagnostic.
 * - `strip`: types removed without checking (only TypeScript's parser has a say), as evaluations
 *   that run TypeScript through a type-stripping loader do.
 *
 * The compiler options and how they differ from MultiPL-E's are in worker/typescript-compiler.mjs.
 */
export const TYPESCRIPT_MODES = ['typecheck', 'strip'] as const;
export type TypeScriptMode = (typeof TYPESCRIPT_MODES)[number];
export const DEFAULT_TYPESCRIPT_MODE: TypeScriptMode = 'typecheck';

/**
 * What type checking may take, apart from the program's own time limit: MultiPL-E gives `tsc`
 * 15 s. A check past it is a `timeout`; a checker that never returns is stopped by the pool's
 * watchdog, whose allowance for a TypeScript program includes this budget.
 */
export const TYPECHECK_BUDGET_MS = 15_000;
