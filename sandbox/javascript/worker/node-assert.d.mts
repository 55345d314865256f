/** Types for node-assert.mjs, for the tests that hold it against node:assert on the host. */
type Assert = ((value: unknown, message?: string | Error) => void) & {
  ok(value: unknown, message?: string | Error): void;
  equal(actual: unknown, expected: unknown, message?: string | Error): void;
  notEqual(actual: unknown, expected: unknown, message?: string | Error): void;
  strictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
  notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
  deepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
  notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
  deepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
  notDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
  fail(message?: string | Error): never;
  AssertionError: new (options: {
    message: string;
  }) => Error & { code: 'ERR_ASSERTION'; actual: unknown; expected: unknown; operator: string };
  strict: Assert;
};

export function createNodeAssert(report: (api: string, message: string) => void, inspect: (value: unknown) => string): Assert;
