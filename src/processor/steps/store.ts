import { PutObjectCommand } from '@aws-sdk/client-s3';
import { EXTENSIONS } from '../../model/formats.js';
import type { VariantRecord } from '../../model/image.js';
import { heldKey, variantKey } from '../../model/keys.js';
import { IMMUTABLE } from '../../urls/cache.js';
import { need, type Step } from '../job.js';

/**
 * Writes the variants under this generation's keys, so the ones still served are never
 * overwritten; those of an image held for review under held/, which no URL reaches.
 */
export const store: Step = {
  name: 'store',
  async run(job) {
    const { config, s3 } = job.services;
    const { record, signal, written } = job;
    // Every write ends (or fails) before the step does, so a failure's clean-up finds in
    // `written` all that was stored: no write still in flight can leave a variant behind it.
    const settled = await Promise.allSettled(
      need(job.rendered, 'the rendered variants', 'store').map(
        async (variant): Promise<VariantRecord> => {
          // Once the image has timed out nothing more is written: its failure is already decided.
          signal.throwIfAborted();
          const served = variantKey(
            record.id,
            variant.name,
            EXTENSIONS[variant.format],
            record.generation ?? 0,
          );
          const key = job.held?.length ? heldKey(served) : served;
          await s3.send(
            new PutObjectCommand({
              Bucket: config.VARIANTS_BUCKET,
              Key: key,
              Body: variant.data,
              ContentType: `image/${variant.format}`,
              // Served as is by CloudFront: a variant's key never holds other bytes.
              CacheControl: IMMUTABLE,
            }),
          );
          written.push(key);
          return {
            name: variant.name,
            key,
            width: variant.width,
            height: variant.height,
            format: variant.format,
            bytes: variant.data.length,
          };
        },
      ),
    );
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    job.result.variants = settled.map((s) => (s as PromiseFulfilledResult<VariantRecord>).value);
  },
};
