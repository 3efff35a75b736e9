import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../src/model/image.js';
import { imageEvent, type ImageEvent } from '../../src/notify/event.js';
import { SnsNotifier } from '../../src/notify/sns.js';
import { WebhookNotifier } from '../../src/notify/webhook.js';
import { createLogger } from '../../src/observability/logger.js';
import { startReceiver } from '../helpers/receiver.js';

process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:darkroom-events';
const at = new Date('2026-11-25T10:00:00.000Z');

const base: ImageRecord = {
  id: '6f1c2f4e-8a6b-4c1e-9d7a-2b3c4d5e6f70',
  owner: 'user-sub-1',
  status: 'PROCESSED',
  filename: 'holiday.jpg',
  contentType: 'image/jpeg',
  preset: 'default',
  originalKey: 'uploads/6f1c2f4e-8a6b-4c1e-9d7a-2b3c4d5e6f70',
  createdAt: '2026-11-25T09:59:58.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  bytes: 123456,
  width: 4000,
  height: 3000,
  format: 'jpeg',
  variants: [
    { name: 'thumb', format: 'jpeg', key: 'k1', width: 150, height: 150, bytes: 5000 },
    { name: 'thumb', format: 'webp', key: 'k2', width: 150, height: 150, bytes: 3000 },
  ],
  faces: [{ box: { left: 0.1, top: 0.1, width: 0.2, height: 0.2 }, confidence: 0.99 }],
  moderation: { decision: 'ALLOWED', threshold: 0.5, labels: [], analyzer: 'local' },
  timings: { totalMs: 420, decodeMs: 100, variantsMs: 250 },
};
const records: Record<string, ImageRecord> = {
  PROCESSED: base,
  REJECTED: {
    ...base,
    status: 'REJECTED',
    variants: [],
    error: 'rejected by moderation: Explicit Nudity (97%)',
    errorCode: 'MODERATION',
    moderation: { decision: 'REJECTED', threshold: 0.5, labels: [], analyzer: 'local' },
  },
  FAILED: {
    ...base,
    status: 'FAILED',
    variants: [],
    faces: [],
    width: undefined,
    height: undefined,
    format: undefined,
    moderation: undefined,
    error: 'not a supported image: the bytes are not JPEG, PNG, WebP, GIF, AVIF or TIFF',
    errorCode: 'NOT_AN_IMAGE',
  },
};

describe('SNS notifier', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => sns.reset());

  it.each(Object.keys(records))('publishes one message for a %s image', async (status) => {
    // The documented Publish response shape.
    sns.on(PublishCommand).resolves({ MessageId: '5b7a0c5e-4b7e-5d2a-8d8e-0c9a4f9d1e21' });
    await new SnsNotifier(new SNSClient({ region: 'eu-west-1' }), TOPIC).publish(
      imageEvent(records[status]!, at),
    );
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.MessageStructure).toBe('json');
    expect(input.Subject).toBe(`Darkroom: holiday.jpg ${status.toLowerCase()}`);
    expect(input.MessageAttributes).toEqual({
      eventType: { DataType: 'String', StringValue: `image.${status.toLowerCase()}` },
      status: { DataType: 'String', StringValue: status },
      owner: { DataType: 'String', StringValue: 'user-sub-1' },
    });

    const perProtocol = JSON.parse(input.Message!) as Record<string, string>;
    const event = JSON.parse(perProtocol.default!) as ImageEvent;
    const record = records[status]!;
    expect(event).toMatchObject({
      version: 1,
      eventType: `image.${status.toLowerCase()}`,
      imageId: record.id,
      owner: 'user-sub-1',
      status,
      reason: record.error ?? null,
      width: record.width ?? null,
      variants: record.variants.map((v) => `${v.name}.${v.format}`),
      faces: record.faces?.length ?? 0,
      moderation: record.moderation?.decision ?? null,
      occurredAt: at.toISOString(),
    });
    // People read a sentence first; machines get the JSON after it.
    const [firstLine, ...rest] = perProtocol.email!.split('\n');
    expect(firstLine).toMatch(/^holiday\.jpg (is ready|was rejected|could not be processed)/);
    expect(JSON.parse(rest.join('\n'))).toEqual(event);
    expect(perProtocol.sms!.length).toBeLessThanOrEqual(140);
    if (status !== 'PROCESSED') expect(perProtocol.sms).toContain(record.error!.slice(0, 20));
  });

  it('keeps the subject within SNS rules whatever the file name', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'x' });
    const name = `évil\nname ${'x'.repeat(200)}.png`;
    await new SnsNotifier(new SNSClient({ region: 'eu-west-1' }), TOPIC).publish(
      imageEvent({ ...base, filename: name }, at),
    );
    const subject = sns.commandCalls(PublishCommand)[0]!.args[0].input.Subject!;
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('lets a failed publish surface to the caller after the SDK’s retries', async () => {
    sns.on(PublishCommand).rejects(new Error('AuthorizationError'));
    await expect(
      new SnsNotifier(new SNSClient({ region: 'eu-west-1' }), TOPIC).publish(imageEvent(base, at)),
    ).rejects.toThrow('AuthorizationError');
  });
});

describe('webhook notifier', () => {
  const logger = createLogger('test');

  it('retries after a failure and delivers the same JSON', async () => {
    const receiver = await startReceiver([503, 200]);
    try {
      const event = imageEvent(base, at);
      await new WebhookNotifier(logger, { url: receiver.url, backoffMs: 10 }).publish(event);
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
      expect(JSON.parse(receiver.received[1]!.body)).toEqual(event);
      expect(receiver.received[1]!.headers['x-darkroom-event']).toBe('image.processed');
      expect(receiver.received[1]!.headers['content-type']).toBe('application/json');
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a client error without retrying, and after the attempts run out', async () => {
    const rejecting = await startReceiver([400]);
    const failing = await startReceiver([500, 500, 500]);
    try {
      await expect(
        new WebhookNotifier(logger, { url: rejecting.url, backoffMs: 1 }).publish(
          imageEvent(base, at),
        ),
      ).rejects.toThrow(/answered 400/);
      expect(rejecting.received).toHaveLength(1);
      await expect(
        new WebhookNotifier(logger, { url: failing.url, backoffMs: 1, attempts: 3 }).publish(
          imageEvent(base, at),
        ),
      ).rejects.toThrow(/answered 500/);
      expect(failing.received).toHaveLength(3);
    } finally {
      await rejecting.close();
      await failing.close();
    }
  });
});
