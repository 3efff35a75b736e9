import type { ApiConfig } from '../config/api.js';
import { EXTENSIONS, type OutputFormat } from '../model/formats.js';
import type { ImageRecord, VariantRecord } from '../model/image.js';
import type { Transform } from '../urls/grammar.js';
import { DeliverySigner } from '../urls/signer.js';

/** The API's delivery URLs: the eager variants' stable ones and on-demand transforms. */
export class DeliveryUrls {
  private readonly signer: DeliverySigner;

  constructor(config: ApiConfig, now: () => Date) {
    this.signer = new DeliverySigner({
      baseUrl: config.DELIVERY_BASE_URL,
      // The first key signs; the others only verify (at the edge), while URLs they signed live.
      key: config.DELIVERY_KEYS[0]!,
      ttlSeconds: config.DELIVERY_URL_TTL_SECONDS,
      now,
    });
  }

  variant(record: ImageRecord, variant: VariantRecord): string {
    return this.signer.url({
      kind: 'variant',
      imageId: record.id,
      generation: record.generation ?? 0,
      name: variant.name,
      extension: EXTENSIONS[variant.format as OutputFormat],
    });
  }

  transform(record: ImageRecord, transform: Transform): string {
    return this.signer.url({
      kind: 'render',
      imageId: record.id,
      generation: record.generation ?? 0,
      transform,
    });
  }
}
