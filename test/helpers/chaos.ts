/**
 * The chaos run: uploads at 50 at a time while a twentieth of the processor's and the events
 * handler's storage and table requests fail and a twentieth of the rest lose their reply. Every
 * image must end terminal and whole, and the metrics must equal the truth, exactly. The default
 * suite runs 200 (test/integration/faults-and-load.test.ts); `npm run test:load` runs 1,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTruth, runLoad } from '../../scripts/load/run.js';
import { createDarkroomClient } from '../../src/client/client.js';
import { ImagesDocument, MyMetricsDocument } from '../../src/client/operations.js';
import { startTestStack, type TestStack, variantKeys } from './stack.js';

export function describeChaos(images: number): void {
  describe('random faults and lost replies in storage and the table', () => {
    let stack: TestStack;
    let clockOffsetMs = 0;
    beforeAll(async () => {
      // A twentieth of the processor's and the events handler's S3 and DynamoDB requests fail like
      // a throttled AWS service, and a twentieth of those that succeed lose their reply: applied,
      // yet the SDK sees a timeout and sends them again. (Much more and the SDK's retry quota runs
      // dry, as it would on AWS.)
      stack = await startTestStack(
        {
          FAULT_RATE: '0.05',
          DROPPED_REPLY_RATE: '0.05',
          SWEEP_INTERVAL_SECONDS: '1',
          PROCESSING_LEASE_SECONDS: '5',
          // Thumbnails wait on the emulators more than on sharp: more of them at once.
          PROCESSOR_CONCURRENCY: '8',
          // One owner's 1,000 tickets in a day is the default quota's exact size: no room to spare.
          QUOTA_UPLOADS_PER_DAY: 'unlimited',
        },
        { now: () => new Date(Date.now() + clockOffsetMs) },
      );
    });
    afterAll(() => stack?.dispose());

    it(`${images.toLocaleString('en-US')} uploads at 50 at a time: every image terminal and whole, metrics exactly the truth`, async () => {
      const report = await runLoad({
        url: stack.graphqlUrl,
        images,
        concurrency: 50,
        timeoutMs: 90_000,
        user: 'chaos',
        small: true, // the faults are the point, not the encoders
        corruptEvery: 20, // a twentieth of the uploads must end FAILED whatever the faults
      });
      expect(report.uploaded).toBe(images);
      // An upload whose every delivery failed before it was claimed waits, as on AWS, for the
      // sweep after its ticket's deadline: the sweep run here as if that time had passed.
      if (report.lost > 0) {
        clockOffsetMs = 30 * 60_000;
        try {
          await stack.sweep();
        } finally {
          clockOffsetMs = 0;
        }
      }
      await stack.idle();
      const client = createDarkroomClient({
        url: stack.graphqlUrl,
        authorization: 'Bearer dev:chaos',
      });
      const truth = await measureTruth(client, report.imageIds, images);
      expect(truth.processed + truth.rejected + truth.failed).toBe(images);
      expect(truth.failed).toBeGreaterThanOrEqual(images / 20);
      // Faults pass: with retries, nearly everything else gets through.
      expect(truth.processed).toBeGreaterThan(images * 0.9);
      // Counted from the records through the stream, each transition once: not one off.
      const { metrics } = await client.request(MyMetricsDocument);
      expect(metrics).toEqual(truth);

      // Whole: a processed image has all its variants, a failed one none (nothing half-written);
      // checked on the newest hundred.
      const list = await stack.gql(ImagesDocument, { first: 100 }, 'chaos');
      const nodes = list.data!.images.edges.map((e) => e.node);
      expect(nodes).toHaveLength(100);
      for (const node of nodes) {
        const keys = await variantKeys(stack, node.id);
        expect({ id: node.id, variants: keys.length }).toEqual({
          id: node.id,
          variants: node.status === 'PROCESSED' ? 6 : 0,
        });
      }
    }, 420_000);
  });
}
