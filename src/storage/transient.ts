import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/** What the SDK's classifiers read: an error's name, code, $metadata, $retryable and cause. */
type SdkError = Parameters<typeof isTransientError>[0];

/**
 * Whether an AWS SDK (or network) error is a passing fault that trying again later may cure:
 * throttling, 5xx, timeouts, dropped connections. Checked after the SDK's own retries gave up,
 * with the SDK's own classification (the one its retry strategy uses), so every caller and the
 * SDK agree on what is worth retrying.
 */
export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkError;
  return (
    isThrottlingError(e) ||
    isTransientError(e) ||
    isServerError(e) ||
    // A fault the service marks as its own (an emulator's, or one injected) with no status.
    (e as { $fault?: string }).$fault === 'server'
  );
}

/** The HTTP status an AWS SDK error carries, if it came from a response (404, 403, 304…). */
export const httpStatusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again after transient faults, with jittered exponential backoff, for writes that
 * have no later delivery to fall back on (the counters of an image whose result is already final).
 */
export async function retryTransient<T>(
  work: () => Promise<T>,
  { attempts = 4, baseDelayMs = 100 }: { attempts?: number; baseDelayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientAwsError(error)) throw error;
      await sleep(baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
