/**
 * Tools from outside npm that some tests need: bubblewrap (the Python sandbox's
 * namespaces), Chromium (the report's render check), pylint (the live fidelity check), a
 * font (text in PNGs) and redis-server (the execution queue's tests). `.ci/check-tools` checks the same tools before CI runs the tests.
 *
 * A test whose tool is missing or broken skips, saying what is missing on stderr and in the
 * skip note, unless PASSK_REQUIRE_ALL=1 (CI sets it): then the test fails with the same
 * message.
 *
 *   it('renders in headless Chromium', (ctx) => {
 *     const chromium = findChromium();
 *     if (!chromium) skipWithoutTool(ctx, 'chromium', 'no chromium on PATH');
 *     ...
 */
import type { TestContext } from 'vitest';

const TOOLS = {
  bubblewrap: 'Debian package bubblewrap',
  chromium: 'Debian package chromium',
  pylint: 'Debian package pylint, for /usr/bin/python3',
  font: 'Debian package fonts-dejavu-core',
  redis: 'Debian package redis-server',
  'python-libraries': 'the Debian python3-* packages DS-1000 and BigCodeBench import: bash .ci/setup-library-python',
} as const;

export type RequiredTool = keyof typeof TOOLS;

const warned = new Set<string>();

/** Skips the test (or, with PASSK_REQUIRE_ALL=1, fails it) because `tool` is missing or broken: `problem` says how. */
export function skipWithoutTool(ctx: TestContext, tool: RequiredTool, problem: string): never {
  const what = `${tool} is missing or broken (${problem}; install: ${TOOLS[tool]}; check: bash .ci/check-tools)`;
  if (process.env.PASSK_REQUIRE_ALL === '1') throw new Error(`${what}: PASSK_REQUIRE_ALL=1 requires it`);
  const message = `${what}: the tests that need it are skipped (PASSK_REQUIRE_ALL=1 makes this a failure)`;
  if (!warned.has(message)) {
    warned.add(message);
    process.stderr.write(`${message}\n`);
  }
  return ctx.skip(message);
}
