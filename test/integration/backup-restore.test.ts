/**
 * `npm run backup` and `npm run restore` as a user runs them: a stack with images in every state,
 * stopped, backed up, its data folder wiped, restored, started again. Every image comes back with
 * its id, variants, URLs, review decision, metrics and quota, and nothing is counted or announced
 * twice; damaged backups, busy or non-empty folders are refused and change nothing.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeleteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  ApproveImageDocument,
  ModerationQueueDocument,
} from '../../src/client/moderation-operations.js';
import {
  CreateUploadDocument,
  ImageDetailsDocument,
  ImageTransformUrlDocument,
  MetricsDocument,
} from '../../src/client/operations.js';
import { manifestSchema, objectLineSchema } from '../../src/local/backup/folder.js';
import { makeImage } from '../helpers/images.js';
import { startReceiver } from '../helpers/receiver.js';
import { scriptedModeration } from '../helpers/scripted-analysis.js';
import { postUpload, startTestStack, type TestStack } from '../helpers/stack.js';

const run = promisify(execFile);
const ADMIN = 'ada,admin';

/** Runs `npm run <command> -- <folder>` on `dataDir`; its exit status and output. */
async function npmRun(command: 'backup' | 'restore', folder: string, dataDir: string) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', command, '--', folder], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      },
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let work: string;
let dataDir: string;
let backup: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let explicitness = 0;

const startOn = (folder: string) =>
  startTestStack(
    { DATA_DIR: folder, NOTIFY_WEBHOOK_URL: receiver.url },
    { analysis: scriptedModeration(() => explicitness, { reject: 0.8, review: 0.5 }) },
  );

async function upload(stack: TestStack, user: string, score: number, bytes?: Buffer) {
  explicitness = score;
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: `${user}-${score}.png`, contentType: 'image/png' } },
    user,
  );
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes ?? (await makeImage(480, 320, 'png')))).status).toBe(204);
  await stack.idle();
  return ticket.imageId;
}

/** Everything a user can see of the stack, as the API and the delivery URLs answer it. */
async function snapshot(stack: TestStack, owners: Record<string, string[]>) {
  const images: Record<string, unknown> = {};
  const bytes: Record<string, string> = {};
  for (const [user, ids] of Object.entries(owners)) {
    for (const id of ids) {
      const image = (await stack.gql(ImageDetailsDocument, { id }, user)).data!.image!;
      images[id] = image;
      for (const variant of image.variants) {
        const response = await fetch(variant.url);
        bytes[variant.url] = `${response.status} ${Buffer.from(await response.arrayBuffer())
          .toString('base64')
          .slice(0, 64)}`;
      }
    }
  }
  const queue = (
    await stack.gql(ModerationQueueDocument, { first: 10 }, ADMIN)
  ).data!.moderationQueue.edges.map((edge) => edge.node.id);
  const metrics = (await stack.gql(MetricsDocument, { scope: 'ALL' }, ADMIN)).data!.metrics;
  const quotas: Record<string, unknown> = {};
  for (const user of Object.keys(owners)) {
    quotas[user] = (await stack.gql('{ quota { storedBytes { used } } }', {}, user)).data;
  }
  // Delivery URLs are the same but for the host, a free port that differs from run to run.
  const stable = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).replaceAll(stack.deliveryUrl, 'DELIVERY')) as T;
  return stable({ images, bytes, queue, metrics, quotas });
}

/**
 * Removes the events handler's marks, as their expiry does 8 days after each transition: what
 * keeps a restored image from being counted again must not be the marks, which a month-old
 * backup no longer has.
 */
async function forgetEventMarks(stack: TestStack) {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: stack.dynamodbEndpoint,
    credentials: stack.dynamodbCredentials,
  });
  try {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: 'darkroom' }));
    const marks = Items.filter((item) => item.sk?.S?.startsWith('EVENT#'));
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) {
      await client.send(
        new DeleteItemCommand({ TableName: 'darkroom', Key: { pk: mark.pk!, sk: mark.sk! } }),
      );
    }
  } finally {
    client.destroy();
  }
}

describe('backup and restore of the embedded default', () => {
  let owners: Record<string, string[]>;
  let before: Awaited<ReturnType<typeof snapshot>>;
  let renderUrl: string;
  let render: Buffer;
  let announced: number;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'darkroom-backup-'));
    dataDir = join(work, 'data');
    backup = join(work, 'backup');
    receiver = await startReceiver();
    const stack = await startOn(dataDir);
    try {
      const processed = await upload(stack, 'olga', 0);
      const approved = await upload(stack, 'olga', 0.6);
      const held = await upload(stack, 'olga', 0.6);
      const failed = await upload(stack, 'olga', 0, Buffer.from('not an image at all'));
      const other = await upload(stack, 'bob', 0);
      expect(
        (await stack.gql(ApproveImageDocument, { id: approved }, ADMIN)).errors,
      ).toBeUndefined();
      await stack.idle();
      owners = { olga: [processed, approved, held, failed], bob: [other] };
      // An on-demand size, stored as a render: it comes back too, costing no render quota again.
      renderUrl = (
        await stack.gql(ImageTransformUrlDocument, { id: processed, width: 200 }, 'olga')
      ).data!.image!.transformUrl!;
      render = Buffer.from(await (await fetch(renderUrl)).arrayBuffer());
      await forgetEventMarks(stack);
      before = await snapshot(stack, owners);
      announced = receiver.received.length;

      // While npm start holds the folder, a backup is refused and makes no folder.
      const busy = await npmRun('backup', backup, dataDir);
      expect(busy.status).toBe(2);
      expect(busy.stderr).toContain(`${dataDir} is in use by npm start`);
      await expect(readdir(backup)).rejects.toThrow(/ENOENT/);
    } finally {
      await stack.dispose();
    }
  });
  afterAll(async () => {
    await receiver?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('backs up, and after .data is wiped restores every image with its ids, variants and URLs', async () => {
    expect(
      Object.values(before.images).map((image) => (image as { status: string }).status),
    ).toEqual(['PROCESSED', 'PROCESSED', 'IN_REVIEW', 'FAILED', 'PROCESSED']);
    const made = await npmRun('backup', backup, dataDir);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/^objects \d+\/\d+ /);
    expect(made.stdout).toMatch(
      /^Backed up 5 images \(\d+ table items\), 5 originals and \d+ variants and renders/,
    );
    const manifest = manifestSchema.parse(
      JSON.parse(await readFile(join(backup, 'manifest.json'), 'utf8')),
    );
    expect(manifest).toMatchObject({ format: 'darkroom-backup', version: 1, deliveryKeys: true });
    expect(manifest.counts).toMatchObject({ images: 5, objects: { originals: 5 } });
    // table.jsonl is DynamoDB's export format, one item per line.
    const lines = (await readFile(join(backup, 'table.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(manifest.counts.items);
    const first = JSON.parse(lines[0]!) as { Item: Record<string, object> };
    expect(Object.keys(first)).toEqual(['Item']);
    expect(first.Item.pk).toHaveProperty('S');

    await rm(dataDir, { recursive: true });
    const restored = await npmRun('restore', backup, dataDir);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restored 5 images/);

    const stack = await startOn(dataDir);
    try {
      await stack.idle();
      const after = await snapshot(stack, owners);
      expect(after.images).toEqual(before.images);
      expect(after.bytes).toEqual(before.bytes);
      expect(Object.values(after.bytes).every((answer) => answer.startsWith('200 '))).toBe(true);
      expect(after.queue).toEqual(before.queue);
      expect(after.queue).toEqual([owners.olga![2]]);
      expect(after.metrics).toEqual(before.metrics);
      expect(after.quotas).toEqual(before.quotas);
      // The render was restored, not made again.
      const renders = stack.delivery.renders;
      const restoredRender = await fetch(renderUrl.replace(/^http:\/\/[^/]+/, stack.deliveryUrl));
      expect(Buffer.from(await restoredRender.arrayBuffer())).toEqual(render);
      expect(stack.delivery.renders).toBe(renders);
      // Nothing restored was announced again.
      expect(receiver.received).toHaveLength(announced);

      // The restored stack goes on: a new upload is counted once, on top of what was restored.
      const next = await upload(stack, 'bob', 0);
      expect((await stack.gql(ImageDetailsDocument, { id: next }, 'bob')).data!.image!.status).toBe(
        'PROCESSED',
      );
      const metrics = (await stack.gql(MetricsDocument, { scope: 'ALL' }, ADMIN)).data!.metrics;
      expect(metrics.total).toBe(before.metrics.total + 1);
      expect(metrics.processed).toBe(before.metrics.processed + 1);
    } finally {
      await stack.dispose();
    }
  });

  it('refuses to restore into a data folder that holds anything, or to back up into a full folder', async () => {
    const full = await npmRun('restore', backup, dataDir);
    expect(full.status).toBe(2);
    expect(full.stderr).toContain(
      `${dataDir} is not empty: a restore goes into an empty data folder`,
    );
    const again = await npmRun('backup', backup, dataDir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${backup} is not empty: back up into a new or empty folder`);
  });

  it('refuses a damaged or unfinished backup before writing anything', async () => {
    const damaged = join(work, 'damaged');
    await cp(backup, damaged, { recursive: true });
    const objects = (await readFile(join(damaged, 'objects.jsonl'), 'utf8')).trim().split('\n');
    const variant = objects
      .map((line) => objectLineSchema.parse(JSON.parse(line)))
      .find((o) => o.bucket === 'variants')!;
    const path = join(damaged, 'variants', ...variant.key.split('/'));
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(path, bytes);

    const target = join(work, 'fresh');
    const refused = await npmRun('restore', damaged, target);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${path} is not the file the backup recorded`);
    // Nothing was written: the same folder takes the good backup.
    const good = await npmRun('restore', backup, target);
    expect(good.status, good.stderr).toBe(0);

    await rm(join(damaged, 'manifest.json'));
    const unfinished = await npmRun('restore', damaged, join(work, 'other'));
    expect(unfinished.status).toBe(2);
    expect(unfinished.stderr).toContain('holds no manifest.json: not a finished backup');
  });
});
