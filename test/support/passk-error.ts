import { expect } from 'vitest';
import { PasskError } from '../../kernel/errors.js';

/** The PasskError `fn` throws; fails the test when it throws nothing or something else. */
export function failure(fn: () => unknown): PasskError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PasskError);
    return err as PasskError;
  }
  throw new Error('expected a PasskError');
}
