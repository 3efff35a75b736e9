import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { humanLine, subjectLine, type ImageEvent } from './event.js';
import type { Announcement, AnnouncementNotifier } from './notifier.js';

/**
 * Publishes to an SNS topic with a message per protocol (MessageStructure "json"): machines
 * (HTTPS, SQS, Lambda) get the JSON event, email gets a readable line then the JSON, SMS a short
 * line. Message attributes carry eventType, status and owner so subscriptions can filter.
 * The client's own retry policy handles throttling and 5xx.
 */
export class SnsNotifier implements AnnouncementNotifier {
  readonly name = 'sns';

  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(event: ImageEvent): Promise<void> {
    const json = JSON.stringify(event);
    const line = humanLine(event);
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: subjectLine(event),
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: json,
          email: `${line}\n\n${JSON.stringify(event, null, 2)}`,
          sms: `Darkroom: ${line}`.slice(0, 140),
        }),
        MessageAttributes: {
          eventType: { DataType: 'String', StringValue: event.eventType },
          status: { DataType: 'String', StringValue: event.status },
          owner: { DataType: 'String', StringValue: event.owner },
        },
      }),
    );
  }

  async announce(message: Announcement): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: message.subject.slice(0, 100),
        Message: message.text,
        MessageAttributes: Object.fromEntries(
          Object.entries(message.attributes).map(([name, value]) => [
            name,
            { DataType: 'String', StringValue: value },
          ]),
        ),
      }),
    );
  }
}
