// The AppError a call is expected to fail with, returned so a test can check its code and its words. A call that
// succeeds, or fails with anything but an AppError, fails the test right here with what actually happened.
import { AppError } from '../../shared/errors';

export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection with an AppError, but the call succeeded');
}
