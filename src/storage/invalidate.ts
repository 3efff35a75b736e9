import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';

/**
 * Removes a deleted image's responses from the distribution's caches. Delivery URLs are pinned to
 * a generation, so nothing else ever needs invalidating; a delete is the one change a cached copy
 * must not outlive. Both the viewer paths and the storage keys the edge rewrote them to are
 * listed: wildcard paths count as one each against CloudFront's free invalidations.
 * The CloudFront SDK is imported on the first invalidation, never where there is no distribution.
 */
export class CacheInvalidator {
  private client: CloudFrontClient | undefined;

  constructor(private readonly distributionId: string | undefined) {}

  async forgetImage(imageId: string): Promise<void> {
    if (!this.distributionId) return;
    const { CloudFrontClient, CreateInvalidationCommand } =
      await import('@aws-sdk/client-cloudfront');
    this.client ??= new CloudFrontClient({});
    const paths = [
      `/i/${imageId}/*`,
      `/t/${imageId}/*`,
      `/variants/${imageId}/*`,
      `/renders/${imageId}/*`,
    ];
    await this.client.send(
      new CreateInvalidationCommand({
        DistributionId: this.distributionId,
        InvalidationBatch: {
          CallerReference: `delete-${imageId}-${Date.now()}`,
          Paths: { Quantity: paths.length, Items: paths },
        },
      }),
    );
  }
}
