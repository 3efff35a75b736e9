import { SNSClient } from '@aws-sdk/client-sns';
import type { Logger } from '../observability/logger.js';
import type { AnnouncementNotifier } from './notifier.js';
import { SnsNotifier } from './sns.js';
import { WebhookNotifier } from './webhook.js';

export interface NotifySettings {
  AWS_REGION: string;
  TOPIC_ARN?: string | undefined;
  NOTIFY_WEBHOOK_URL?: string | undefined;
}

/** SNS when a topic is configured (AWS), otherwise the local log-and-webhook notifier. */
export function createNotifier(settings: NotifySettings, logger: Logger): AnnouncementNotifier {
  if (settings.TOPIC_ARN) {
    // Throttling and 5xx are retried by the SDK with backoff, a few more times than its default.
    const sns = new SNSClient({ region: settings.AWS_REGION, maxAttempts: 5 });
    return new SnsNotifier(sns, settings.TOPIC_ARN);
  }
  return new WebhookNotifier(logger, { url: settings.NOTIFY_WEBHOOK_URL });
}
