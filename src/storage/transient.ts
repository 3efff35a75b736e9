/**
 * Whether an AWS SDK (or network) error is a passing fault that trying again later may cure:
 * throttling, 5xx, timeouts, dropped connections. Checked after the SDK's own retries gave up.
 */
export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    $retryable?: unknown;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
    code?: string;
    name?: string;
  };
  if (e.$retryable || e.$fault === 'server') return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (
    e.name &&
    /Throttl|TooManyRequests|RequestLimitExceeded|ProvisionedThroughputExceeded|SlowDown|TimeoutError/.test(
      e.name,
    )
  ) {
    return true;
  }
  return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'].includes(e.code ?? '');
}

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
