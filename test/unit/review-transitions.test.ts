import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { transitionOf } from '../../src/events/transitions.js';
import type { ImageRecord } from '../../src/model/image.js';
import { humanLine, imageEvent, subjectLine } from '../../src/notify/event.js';

const ID = '0b6d7f0c-51d4-4ac5-9d0a-7b8a3c1f2e10';
const base: ImageRecord = {
  id: ID,
  owner: 'olga',
  status: 'PROCESSING',
  filename: 'beach.jpg',
  contentType: 'image/jpeg',
  preset: 'default',
  originalKey: `uploads/${ID}`,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:01.000Z',
  bytes: 1000,
  width: 640,
  height: 480,
  format: 'jpeg',
  variants: [
    {
      name: 'thumb',
      key: `held/variants/${ID}/thumb.webp`,
      width: 200,
      height: 150,
      format: 'webp',
      bytes: 300,
    },
  ],
  timings: { totalMs: 120 },
};
const held: ImageRecord = {
  ...base,
  status: 'IN_REVIEW',
  processedAt: '2026-12-01T10:00:02.000Z',
  review: {
    reason: 'held for review by moderation: Explicit (61%)',
    since: '2026-12-01T10:00:02.000Z',
  },
};
const approved: ImageRecord = {
  ...held,
  status: 'PROCESSED',
  variants: held.variants.map((v) => ({ ...v, key: v.key.replace('held/', '') })),
  review: { ...held.review!, decision: 'APPROVED', by: 'moira', at: '2026-12-02T09:00:00.000Z' },
};

const modify = (
  previous: ImageRecord | undefined,
  next: ImageRecord | undefined,
  name = 'MODIFY',
) =>
  ({
    eventName: name,
    dynamodb: {
      Keys: { pk: { S: `IMG#${ID}` }, sk: { S: 'IMAGE' } },
      ...(previous ? { OldImage: marshall(previous, { removeUndefinedValues: true }) } : {}),
      ...(next ? { NewImage: marshall(next, { removeUndefinedValues: true }) } : {}),
      ApproximateCreationDateTime: 1_764_669_600,
    },
  }) as unknown as DynamoDBRecord;

describe('review transitions', () => {
  it('counts a run held for review as held, its variants not yet as bytes out', () => {
    const claimed: ImageRecord = { ...base, variants: [] };
    delete claimed.bytes;
    const t = transitionOf(modify(claimed, held))!;
    expect(t.name).toBe('finished#0');
    expect(t.counters).toMatchObject({ inReview: 1, bytesIn: 1000 });
    expect(t.counters).not.toHaveProperty('bytesOut');
    expect(t.counters).not.toHaveProperty('processed');
    expect(t.storedBytesDelta).toBe(1300);
    expect(imageEvent(t.finished!, t.at).eventType).toBe('image.in_review');
  });

  it('counts an approval as processed and approved, with the served bytes, once per run', () => {
    const t = transitionOf(modify(held, approved))!;
    expect(t).toMatchObject({ name: 'reviewed#0', review: 'decided' });
    expect(t.at.toISOString()).toBe('2026-12-02T09:00:00.000Z');
    expect(t.counters).toEqual({
      processed: 1,
      approved: 1,
      bytesInProcessed: 1000,
      bytesOut: 300,
      'vb_thumb.webp': 300,
    });
    expect(t.storedBytesDelta).toBe(0);
    const event = imageEvent(t.finished!, t.at);
    expect(event).toMatchObject({
      eventType: 'image.processed',
      review: { decision: 'APPROVED', by: 'moira' },
    });
    expect(humanLine(event)).toMatch(/^beach\.jpg was approved in review by moira: 640×480 jpeg/);
    expect(subjectLine(event)).toBe('Darkroom: beach.jpg approved');
    // A later edit of the approved image is no new transition.
    expect(
      transitionOf(modify(approved, { ...approved, updatedAt: '2026-12-03T00:00:00.000Z' })),
    ).toBeUndefined();
  });

  it('counts a rejection in review as rejected by moderation, giving back the held variants', () => {
    const rejected: ImageRecord = {
      ...held,
      status: 'REJECTED',
      variants: [],
      error: 'rejected in review: no',
      errorCode: 'MODERATION',
      review: {
        ...held.review!,
        decision: 'REJECTED',
        by: 'moira',
        at: '2026-12-02T09:00:00.000Z',
        note: 'no',
      },
    };
    const t = transitionOf(modify(held, rejected))!;
    expect(t.name).toBe('reviewed#0');
    expect(t.counters).toEqual({ rejected: 1, reviewRejected: 1, r_MODERATION: 1 });
    expect(t.storedBytesDelta).toBe(-300);
    expect(humanLine(imageEvent(t.finished!, t.at))).toBe(
      'beach.jpg was rejected in review by moira: rejected in review: no.',
    );
  });

  it('announces each reminder once, and nothing for other edits of a held image', () => {
    const reminded = {
      ...held,
      updatedAt: '2026-12-02T10:05:00.000Z',
      review: { ...held.review!, reminders: 1 },
    };
    const t = transitionOf(modify(held, reminded))!;
    expect(t).toMatchObject({
      name: 'reminder#0#1',
      counters: {},
      review: 'reminder',
      storedBytesDelta: 0,
    });
    const event = imageEvent(t.finished!, t.at, { reminder: true });
    expect(event.eventType).toBe('image.review_reminder');
    expect(subjectLine(event)).toBe('Darkroom: beach.jpg still in review');
    expect(
      transitionOf(modify(reminded, { ...reminded, updatedAt: '2026-12-02T11:00:00.000Z' })),
    ).toBeUndefined();
  });

  it('counts a held image deleted before anyone decided as withdrawn', () => {
    const t = transitionOf(modify(held, undefined, 'REMOVE'))!;
    expect(t).toMatchObject({
      name: 'removed',
      counters: { reviewWithdrawn: 1 },
      storedBytesDelta: -1300,
    });
  });
});
