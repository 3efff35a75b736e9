import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApproveImageDocument,
  CreateUploadDocument,
  DeleteImageDocument,
  ImageDetailsDocument,
  ImagesDocument,
  ImageTransformUrlDocument,
  MetricsDocument,
  ModerationQueueDocument,
  RejectImageDocument,
  ReprocessImageDocument,
} from '../../src/client/operations.js';
import type { ImageEvent } from '../../src/notify/event.js';
import { formatPath, type DeliveryPath } from '../../src/urls/grammar.js';
import { nodeHmac } from '../../src/urls/signer.js';
import { signQuery } from '../../src/urls/signature.js';
import { makeImage } from '../helpers/images.js';
import { startReceiver } from '../helpers/receiver.js';
import { scriptedModeration } from '../helpers/scripted-analysis.js';
import { postUpload, s3ClientOf, startTestStack, type TestStack } from '../helpers/stack.js';

/** The test's own delivery key, so it can sign the URLs the image would have once approved. */
const KEY = { id: 'test', secret: 'a-delivery-secret-of-at-least-32-characters' };
const ADMIN = 'moira,admin';
const OWNER = 'olga';

let stack: TestStack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
/** What the scripted analyser says of the next upload. */
let explicitness = 0;
/** How far the processor's clock (and so its sweep) runs ahead of the real one. */
let ahead = 0;

beforeAll(async () => {
  receiver = await startReceiver();
  stack = await startTestStack(
    {
      DELIVERY_KEYS: `${KEY.id}:${KEY.secret}`,
      NOTIFY_WEBHOOK_URL: receiver.url,
      REVIEW_REMINDER_HOURS: '24',
    },
    {
      analysis: scriptedModeration(() => explicitness, { reject: 0.8, review: 0.5 }),
      now: () => new Date(Date.now() + ahead),
    },
  );
});
afterAll(async () => {
  await stack?.dispose();
  await receiver?.close();
});

async function upload(score: number, user = OWNER): Promise<string> {
  explicitness = score;
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: `held-${score}.png`, contentType: 'image/png' } },
    user,
  );
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, await makeImage(640, 480, 'png'))).status).toBe(204);
  await stack.idle();
  return ticket.imageId;
}

const details = async (id: string, user = OWNER) =>
  (await stack.gql(ImageDetailsDocument, { id }, user)).data!.image!;
const transformUrlOf = async (id: string) =>
  (await stack.gql(ImageTransformUrlDocument, { id, width: 320 }, OWNER)).data!.image!.transformUrl;

const signed = (path: DeliveryPath) => {
  const text = formatPath(path);
  return `${stack.deliveryUrl}${text}?${signQuery(nodeHmac, text, KEY)}`;
};

/** Every delivery URL the image has or would have: each eager variant, and an on-demand size. */
const everyUrl = (id: string, names: string[]) => [
  ...names.map((file) => {
    const [name, extension] = file.split('.') as [string, string];
    return signed({ kind: 'variant', imageId: id, generation: 0, name, extension });
  }),
  signed({
    kind: 'render',
    imageId: id,
    generation: 0,
    transform: { width: 200, fit: 'inside', format: 'jpeg', dpr: 1 },
  }),
];

const objectKeys = async (prefix: string) => {
  const s3 = s3ClientOf(stack);
  try {
    const { Contents = [] } = await s3.send(
      new ListObjectsV2Command({ Bucket: 'darkroom-variants', Prefix: prefix }),
    );
    return Contents.map((o) => o.Key!).sort();
  } finally {
    s3.destroy();
  }
};

/** Each stored variant as `name.ext`. */
const namesIn = (keys: string[]) => keys.map((key) => key.split('/').at(-1)!);

const eventsFor = (id: string) =>
  receiver.received.map((r) => JSON.parse(r.body) as ImageEvent).filter((e) => e.imageId === id);

describe('the review queue', () => {
  it('holds an image between the thresholds: variants made, none served, until approved', async () => {
    const id = await upload(0.62);
    const held = await details(id);
    expect(held.error ?? null).toBeNull();
    expect(held).toMatchObject({
      status: 'IN_REVIEW',
      variants: [],
      html: null,
      placeholder: null,
      moderation: { decision: 'IN_REVIEW', threshold: 0.8, reviewThreshold: 0.5 },
      review: { reminders: 0, decision: null, by: null },
    });
    expect(held.review!.reason).toMatch(/^held for review by moderation: Explicit \(62%\)/);
    expect(await transformUrlOf(id)).toBeNull();

    const heldKeys = await objectKeys(`held/variants/${id}/`);
    expect(heldKeys.length).toBeGreaterThan(0);
    expect(await objectKeys(`variants/${id}/`)).toEqual([]);
    const urls = everyUrl(id, namesIn(heldKeys));
    for (const url of urls) {
      expect((await fetch(url)).status, url).toBe(404);
    }

    // The admin sees it in the queue, with a short-lived look at a held variant.
    const queue = await stack.gql(ModerationQueueDocument, { first: 50 }, ADMIN);
    const entry = queue.data!.moderationQueue.edges.find((e) => e.node.id === id);
    expect(entry?.node.review?.reason).toBe(held.review!.reason);
    const look = await fetch(entry!.node.reviewUrl!);
    expect(look.status).toBe(200);
    expect(look.headers.get('content-type')).toMatch(/^image\//);
    // The owner gets no such URL.
    expect(
      (await stack.gql(ModerationQueueDocument, {}, OWNER)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');

    const approved = await stack.gql(ApproveImageDocument, { id }, ADMIN);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveImage).toMatchObject({
      status: 'PROCESSED',
      review: { decision: 'APPROVED', by: 'moira' },
    });
    await stack.idle();

    const served = await details(id);
    expect(served.status).toBe('PROCESSED');
    expect(served.variants.length).toBe(heldKeys.length);
    expect(await transformUrlOf(id)).not.toBeNull();
    for (const url of [...urls, ...served.variants.map((v) => v.url)]) {
      expect((await fetch(url)).status, url).toBe(200);
    }
    expect(await objectKeys(`held/variants/${id}/`)).toEqual([]);
    const queueAfter = await stack.gql(ModerationQueueDocument, { first: 50 }, ADMIN);
    expect(queueAfter.data!.moderationQueue.edges.map((e) => e.node.id)).not.toContain(id);

    // Announced twice: held, then approved.
    expect(eventsFor(id).map((e) => [e.eventType, e.review?.decision ?? null])).toEqual([
      ['image.in_review', null],
      ['image.processed', 'APPROVED'],
    ]);
    // Approving again changes nothing.
    const again = await stack.gql(ApproveImageDocument, { id }, ADMIN);
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(/already approved by moira/);
  });

  it('rejects with the admin’s reason: variants removed, REJECTED shown to the owner', async () => {
    const id = await upload(0.7);
    expect((await details(id)).status).toBe('IN_REVIEW');
    const blank = await stack.gql(RejectImageDocument, { id, reason: '   ' }, ADMIN);
    expect(blank.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect((await details(id)).status).toBe('IN_REVIEW');

    const rejected = await stack.gql(
      RejectImageDocument,
      { id, reason: 'nudity, checked by hand' },
      ADMIN,
    );
    expect(rejected.data!.rejectImage).toMatchObject({
      status: 'REJECTED',
      errorCode: 'MODERATION',
      error: 'rejected in review: nudity, checked by hand',
      review: { decision: 'REJECTED', by: 'moira', note: 'nudity, checked by hand' },
    });
    await stack.idle();
    expect(await objectKeys(`held/variants/${id}/`)).toEqual([]);
    expect(await objectKeys(`variants/${id}/`)).toEqual([]);
    expect((await details(id)).status).toBe('REJECTED');
    expect(eventsFor(id).map((e) => e.eventType)).toEqual(['image.in_review', 'image.rejected']);
    expect(eventsFor(id)[1]!.review).toMatchObject({ decision: 'REJECTED', by: 'moira' });
  });

  it('lets no one but the admin group see the queue or decide; the owner can still delete', async () => {
    const id = await upload(0.55);
    for (const user of [OWNER, 'mallory']) {
      for (const response of [
        await stack.gql(ModerationQueueDocument, {}, user),
        await stack.gql(ApproveImageDocument, { id }, user),
        await stack.gql(RejectImageDocument, { id, reason: 'no' }, user),
      ]) {
        expect(response.errors?.[0]?.extensions?.code, user).toBe('FORBIDDEN');
      }
    }
    // Another owner cannot see the held image at all; its owner sees it waiting.
    expect((await stack.gql(ImageDetailsDocument, { id }, 'mallory')).data!.image).toBeNull();
    const mine = await stack.gql(ImagesDocument, { status: 'IN_REVIEW' }, OWNER);
    expect(mine.data!.images.edges.map((e) => e.node.id)).toContain(id);
    const reprocess = await stack.gql(ReprocessImageDocument, { id }, OWNER);
    expect(reprocess.errors?.[0]?.message).toMatch(/held for review/);

    expect((await stack.gql(DeleteImageDocument, { id }, OWNER)).data!.deleteImage).toBe(true);
    await stack.idle();
    expect(await objectKeys(`held/variants/${id}/`)).toEqual([]);
    const decide = await stack.gql(ApproveImageDocument, { id }, ADMIN);
    expect(decide.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists the queue oldest first, a page at a time', async () => {
    const ids = [await upload(0.51), await upload(0.52), await upload(0.53)];
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = await stack.gql(ModerationQueueDocument, { first: 1, after }, ADMIN);
      seen.push(...page.data!.moderationQueue.edges.map((e) => e.node.id));
      after = page.data!.moderationQueue.pageInfo.hasNextPage
        ? page.data!.moderationQueue.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    for (const id of ids) await stack.gql(RejectImageDocument, { id, reason: 'tidy up' }, ADMIN);
    await stack.idle();
  });

  it('announces an image still waiting after REVIEW_REMINDER_HOURS, once per period', async () => {
    const id = await upload(0.6);
    await stack.sweep();
    await stack.idle();
    expect(eventsFor(id).map((e) => e.eventType)).toEqual(['image.in_review']);

    try {
      ahead = 25 * 3600_000;
      await stack.sweep();
      await stack.sweep(); // a second sweep in the same period reminds no more
      await stack.idle();
      expect(eventsFor(id).map((e) => e.eventType)).toEqual([
        'image.in_review',
        'image.review_reminder',
      ]);
      expect((await details(id)).review!.reminders).toBe(1);
      ahead = 49 * 3600_000;
      await stack.sweep();
      await stack.idle();
      expect(eventsFor(id).filter((e) => e.eventType === 'image.review_reminder')).toHaveLength(2);
    } finally {
      ahead = 0;
    }
    await stack.gql(ApproveImageDocument, { id }, ADMIN);
    await stack.idle();
  });

  it('counts each decision once in the metrics', async () => {
    // Everything above, counted: held 1 + 1 + 1 + 3 + 1 = 7; approved 2; rejected in review 4;
    // withdrawn (deleted) 1; nothing waits.
    const { data } = await stack.gql(MetricsDocument, {}, OWNER);
    expect(data!.metrics).toMatchObject({
      inReview: 7,
      approved: 2,
      reviewRejected: 4,
      awaitingReview: 0,
      rejected: 4,
      processed: 2,
    });
    const reasons = data!.metrics.failureReasons;
    expect(reasons).toContainEqual({ code: 'MODERATION', count: 4 });
  });
});
