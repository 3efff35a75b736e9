import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../observability/logger.js';
import { humanLine, type ImageEvent } from './event.js';
import type { Announcement, AnnouncementNotifier } from './notifier.js';

export interface WebhookOptions {
  /** Where to POST each message; unset: log only. */
  url?: string | undefined;
  attempts?: number;
  /** Pause before the second attempt; doubled each time after. */
  backoffMs?: number;
  timeoutMs?: number;
}

/**
 * The embedded default's stand-in for SNS: logs every message and, when a URL is configured,
 * POSTs the same JSON an HTTPS subscriber of the topic would get, retrying failed deliveries.
 */
export class WebhookNotifier implements AnnouncementNotifier {
  readonly name = 'webhook';
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly logger: Logger,
    private readonly options: WebhookOptions = {},
  ) {
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async publish(event: ImageEvent): Promise<void> {
    this.logger.info(humanLine(event), { notification: event });
    await this.post(JSON.stringify(event), {
      'x-darkroom-event': event.eventType,
      'x-darkroom-status': event.status,
      'x-darkroom-owner': event.owner,
    });
  }

  async announce(message: Announcement): Promise<void> {
    this.logger.info(message.subject, { announcement: message.text });
    await this.post(JSON.stringify(message), { 'x-darkroom-event': 'report.daily' });
  }

  private async post(body: string, headers: Record<string, string>): Promise<void> {
    const { url } = this.options;
    if (!url) return;
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (response.ok) return;
        lastError = new Error(`webhook answered ${response.status}`);
        // A 4xx other than 408/429 will not get better by retrying.
        if (response.status < 500 && response.status !== 408 && response.status !== 429) break;
      } catch (error) {
        lastError = error;
      }
      if (attempt < this.attempts) await sleep(this.backoffMs * 2 ** (attempt - 1));
    }
    throw new Error(`webhook delivery to ${url} failed: ${String(lastError)}`, {
      cause: lastError,
    });
  }
}
