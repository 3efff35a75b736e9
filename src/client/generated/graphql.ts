/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CreateUploadInput = {
  /** The size the client intends to send, checked against `maxBytes` up front when given. */
  bytes?: number | null | undefined;
  /** One of the accepted image types; the presigned POST only accepts this exact type. */
  contentType: string;
  /** The client's file name, kept for display; the storage key is chosen by the server. */
  filename: string;
  /** A named set of outputs; `default` when omitted. */
  preset?: string | null | undefined;
};

/** The format of an on-demand render. */
export type DeliveryFormat =
  /** AVIF, then WebP, then JPEG (PNG for images with transparency), by the request's Accept header. */
  | 'AUTO'
  | 'AVIF'
  | 'JPEG'
  | 'PNG'
  | 'WEBP';

/** Why an image ended REJECTED or FAILED; `error` has the details. */
export type FailureCode =
  /** The analyser failed after retries. */
  | 'ANALYSIS_FAILED'
  /** The image is truncated or corrupt. */
  | 'CORRUPT'
  /** A near-duplicate of one of the owner's images (`duplicateOf`), with the duplicates step set to reject. */
  | 'DUPLICATE'
  | 'EMPTY'
  /** Something on our side; retrying may help. */
  | 'INTERNAL'
  /** Metadata (EXIF/XMP/ICC/comments) that is malformed (lengths that overrun the file or contradict each other) or over the memory bound; smaller, well-formed metadata is dropped from the variants instead, with a warning when large. */
  | 'METADATA_TOO_LARGE'
  /** Moderation refused the image (the gate, or a person reviewing it). */
  | 'MODERATION'
  /** The bytes are not one of the accepted formats, whatever was declared. */
  | 'NOT_AN_IMAGE'
  /** The original is no longer stored (it expired, see the stack's retention, or was removed): upload the picture again. */
  | 'ORIGINAL_MISSING'
  /**
   * A reprocess found the original replaced since it was processed (its ticket was used again) and
   * the processed bytes no longer kept (storage without versions, or past their retention).
   */
  | 'ORIGINAL_REPLACED'
  /** Markup inside an image (a possible polyglot), or an SVG with entities, scripts or external references. */
  | 'SUSPICIOUS_CONTENT'
  /** Processing took longer than the limit. */
  | 'TIMEOUT'
  /** The upload is over the size limit. */
  | 'TOO_LARGE'
  /** The animation has more frames than the limit. */
  | 'TOO_MANY_FRAMES'
  /** Width × height is over the pixel limit (refused from the header, before decoding). */
  | 'TOO_MANY_PIXELS'
  | 'UNKNOWN_PRESET';

/** How an output is fitted into its width × height box. */
export type Fit =
  /** Fills the box exactly, cropping what does not fit (around the centre, or where a smart crop chooses). */
  | 'COVER'
  /** Keeps the whole image within the box, aspect ratio kept. */
  | 'INSIDE';

/** What `Image.html` renders. */
export type HtmlKind =
  /** <amp-img layout="responsive"> for AMP pages. */
  | 'AMP_IMG'
  /** One <img> with a srcset in the most compatible format (JPEG, else PNG). */
  | 'IMG_SRCSET'
  /** <picture> with AVIF and WebP <source>s, most efficient first, and the <img> as the fallback. */
  | 'PICTURE';

export type ImageStatus =
  /** The upload could not be processed; `error` says why. */
  | 'FAILED'
  /**
   * Held for a person (`review` says why): moderation found something between its review and
   * reject thresholds, or the image nearly duplicates another of the owner's. Its variants are
   * made but nothing serves them (no URLs, no html) until an admin approves it (then PROCESSED)
   * or rejects it (then REJECTED).
   */
  | 'IN_REVIEW'
  /** A ticket was issued; the bytes have not arrived yet. */
  | 'PENDING_UPLOAD'
  /** Variants are ready. */
  | 'PROCESSED'
  /** A processor has claimed the upload and is working on it (or reprocessImage asked for a new run). */
  | 'PROCESSING'
  /** Moderation refused the image; no variants exist and the original is never served. */
  | 'REJECTED';

/** Whose counters `metrics` reads. */
export type MetricsScope =
  /** Every owner's images together; only for members of the admin group. */
  | 'ALL'
  /** The caller's own images. */
  | 'MINE';

export type ModerationDecision =
  | 'ALLOWED'
  /** Between the review and the reject threshold: a person decides (see Image.review). */
  | 'IN_REVIEW'
  | 'REJECTED';

export type ReviewDecision =
  | 'APPROVED'
  | 'REJECTED';

export type GalleryQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: ImageStatus | null | undefined;
}>;


export type GalleryQuery = { images: { edges: Array<{ cursor: string, node: { id: string, status: ImageStatus, filename: string, width: number | null, height: number | null, error: string | null, errorCode: FailureCode | null, createdAt: string, placeholder: string | null, dominantColor: string | null, variants: Array<{ width: number, height: number, url: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ImageHtmlQueryVariables = Exact<{
  id: string | number;
}>;


export type ImageHtmlQuery = { image: { id: string, status: ImageStatus, imgSrcset: string | null, picture: string | null, ampImg: string | null } | null };

export type ModerationQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ModerationQueueQuery = { moderationQueue: { edges: Array<{ cursor: string, node: { id: string, status: ImageStatus, filename: string, width: number | null, height: number | null, createdAt: string, reviewUrl: string | null, review: { reason: string, since: string, reminders: number } | null, moderation: { labels: Array<{ name: string, parent: string | null, confidence: number }> } | null, duplicateOf: { id: string, filename: string, variants: Array<{ name: string, format: string, width: number, url: string }> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ApproveImageMutationVariables = Exact<{
  id: string | number;
}>;


export type ApproveImageMutation = { approveImage: { id: string, status: ImageStatus, review: { decision: ReviewDecision | null, by: string | null, at: string | null } | null } };

export type RejectImageMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type RejectImageMutation = { rejectImage: { id: string, status: ImageStatus, error: string | null, errorCode: FailureCode | null, review: { decision: ReviewDecision | null, by: string | null, at: string | null, note: string | null } | null } };

export type CreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;


export type CreateUploadMutation = { createUpload: { imageId: string, url: string, expiresAt: string, maxBytes: number, fields: Array<{ name: string, value: string }> } };

export type ImageStatusQueryVariables = Exact<{
  id: string | number;
}>;


export type ImageStatusQuery = { imageStatus: { id: string, status: ImageStatus, error: string | null, errorCode: FailureCode | null } | null };

export type ImageResultQueryVariables = Exact<{
  id: string | number;
}>;


export type ImageResultQuery = { image: { id: string, status: ImageStatus, filename: string, width: number | null, height: number | null, format: string | null, bytes: number | null, error: string | null, errorCode: FailureCode | null, timings: { totalMs: number | null } | null, variants: Array<{ name: string, format: string, width: number, height: number, bytes: number, url: string }> } | null };

export type MyMetricsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMetricsQuery = { metrics: { total: number, processed: number, rejected: number, failed: number, bytesIn: number, bytesOut: number } };

export type ImageMarkupQueryVariables = Exact<{
  id: string | number;
  kind?: HtmlKind | null | undefined;
  sizes?: string | null | undefined;
  alt?: string | null | undefined;
}>;


export type ImageMarkupQuery = { image: { id: string, status: ImageStatus, error: string | null, html: string | null, variants: Array<{ name: string, format: string, width: number, height: number, url: string }> } | null };

export type ImageTransformUrlQueryVariables = Exact<{
  id: string | number;
  width?: number | null | undefined;
  height?: number | null | undefined;
  fit?: Fit | null | undefined;
  format?: DeliveryFormat | null | undefined;
  dpr?: number | null | undefined;
}>;


export type ImageTransformUrlQuery = { image: { id: string, status: ImageStatus, transformUrl: string | null } | null };

export type ImageDetailsQueryVariables = Exact<{
  id: string | number;
  kind?: HtmlKind | null | undefined;
  sizes?: string | null | undefined;
  alt?: string | null | undefined;
}>;


export type ImageDetailsQuery = { image: { id: string, status: ImageStatus, filename: string, contentType: string, bytes: number | null, width: number | null, height: number | null, format: string | null, preset: string, createdAt: string, updatedAt: string, processedAt: string | null, error: string | null, errorCode: FailureCode | null, warnings: Array<string>, placeholder: string | null, dominantColor: string | null, phash: string | null, html: string | null, timings: { totalMs: number | null, decodeMs: number | null, analysisMs: number | null, gateMs: number | null, variantsMs: number | null, fingerprintMs: number | null } | null, variants: Array<{ name: string, format: string, width: number, height: number, bytes: number, url: string }>, faces: Array<{ confidence: number, box: { left: number, top: number, width: number, height: number }, ageRange: { low: number, high: number } | null, emotions: Array<{ type: string, confidence: number }>, landmarks: Array<{ type: string, x: number, y: number }> }>, moderation: { decision: ModerationDecision, threshold: number, reviewThreshold: number, analyzer: string, labels: Array<{ name: string, parent: string | null, confidence: number }> } | null, review: { reason: string, since: string, reminders: number, decision: ReviewDecision | null, by: string | null, at: string | null, note: string | null } | null, duplicateOf: { id: string, filename: string } | null, labels: Array<{ name: string, confidence: number, parents: Array<string> }> } | null };

export type ImagesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: ImageStatus | null | undefined;
}>;


export type ImagesQuery = { images: { edges: Array<{ cursor: string, node: { id: string, status: ImageStatus, filename: string, preset: string, width: number | null, height: number | null, errorCode: FailureCode | null, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SimilarImagesQueryVariables = Exact<{
  id: string | number;
  maxDistance?: number | null | undefined;
  first?: number | null | undefined;
}>;


export type SimilarImagesQuery = { similarImages: Array<{ distance: number, image: { id: string, filename: string, phash: string | null } }> | null };

export type MetricsQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
  scope?: MetricsScope | null | undefined;
}>;


export type MetricsQuery = { metrics: { from: string | null, to: string | null, total: number, processed: number, rejected: number, failed: number, reprocessed: number, inReview: number, approved: number, reviewRejected: number, awaitingReview: number, bytesIn: number, bytesOut: number, bytesSaved: number, compressionRatio: number | null, rejectionRate: number | null, averageProcessingMs: number | null, p50ProcessingMs: number | null, p95ProcessingMs: number | null, facesDetected: number, variantBytes: Array<{ variant: string, bytes: number }>, failureReasons: Array<{ code: FailureCode, count: number }>, series: Array<{ date: string, total: number, processed: number, rejected: number, failed: number, reprocessed: number, inReview: number, approved: number, reviewRejected: number, bytesIn: number, bytesOut: number, facesDetected: number, averageProcessingMs: number | null, p95ProcessingMs: number | null }> } };

export type PresetsQueryVariables = Exact<{ [key: string]: never; }>;


export type PresetsQuery = { presets: Array<{ name: string, description: string | null, outputs: Array<{ name: string, width: number | null, height: number | null, fit: Fit, formats: Array<string>, quality: number, operations: Array<string> }> }> };

export type ReprocessImageMutationVariables = Exact<{
  id: string | number;
  preset?: string | null | undefined;
}>;


export type ReprocessImageMutation = { reprocessImage: { id: string, status: ImageStatus, preset: string } };

export type DeleteImageMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteImageMutation = { deleteImage: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const GalleryDocument = new TypedDocumentString(`
    query Gallery($first: Int, $after: String, $status: ImageStatus) {
  images(first: $first, after: $after, status: $status) {
    edges {
      cursor
      node {
        id
        status
        filename
        width
        height
        error
        errorCode
        createdAt
        placeholder
        dominantColor
        variants {
          width
          height
          url
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<GalleryQuery, GalleryQueryVariables>;
export const ImageHtmlDocument = new TypedDocumentString(`
    query ImageHtml($id: ID!) {
  image(id: $id) {
    id
    status
    imgSrcset: html(kind: IMG_SRCSET)
    picture: html(kind: PICTURE)
    ampImg: html(kind: AMP_IMG)
  }
}
    `) as unknown as TypedDocumentString<ImageHtmlQuery, ImageHtmlQueryVariables>;
export const ModerationQueueDocument = new TypedDocumentString(`
    query ModerationQueue($first: Int, $after: String) {
  moderationQueue(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        status
        filename
        width
        height
        createdAt
        reviewUrl
        review {
          reason
          since
          reminders
        }
        moderation {
          labels {
            name
            parent
            confidence
          }
        }
        duplicateOf {
          id
          filename
          variants {
            name
            format
            width
            url
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ModerationQueueQuery, ModerationQueueQueryVariables>;
export const ApproveImageDocument = new TypedDocumentString(`
    mutation ApproveImage($id: ID!) {
  approveImage(id: $id) {
    id
    status
    review {
      decision
      by
      at
    }
  }
}
    `) as unknown as TypedDocumentString<ApproveImageMutation, ApproveImageMutationVariables>;
export const RejectImageDocument = new TypedDocumentString(`
    mutation RejectImage($id: ID!, $reason: String!) {
  rejectImage(id: $id, reason: $reason) {
    id
    status
    error
    errorCode
    review {
      decision
      by
      at
      note
    }
  }
}
    `) as unknown as TypedDocumentString<RejectImageMutation, RejectImageMutationVariables>;
export const CreateUploadDocument = new TypedDocumentString(`
    mutation CreateUpload($input: CreateUploadInput!) {
  createUpload(input: $input) {
    imageId
    url
    fields {
      name
      value
    }
    expiresAt
    maxBytes
  }
}
    `) as unknown as TypedDocumentString<CreateUploadMutation, CreateUploadMutationVariables>;
export const ImageStatusDocument = new TypedDocumentString(`
    query ImageStatus($id: ID!) {
  imageStatus(id: $id) {
    id
    status
    error
    errorCode
  }
}
    `) as unknown as TypedDocumentString<ImageStatusQuery, ImageStatusQueryVariables>;
export const ImageResultDocument = new TypedDocumentString(`
    query ImageResult($id: ID!) {
  image(id: $id) {
    id
    status
    filename
    width
    height
    format
    bytes
    error
    errorCode
    timings {
      totalMs
    }
    variants {
      name
      format
      width
      height
      bytes
      url
    }
  }
}
    `) as unknown as TypedDocumentString<ImageResultQuery, ImageResultQueryVariables>;
export const MyMetricsDocument = new TypedDocumentString(`
    query MyMetrics {
  metrics {
    total
    processed
    rejected
    failed
    bytesIn
    bytesOut
  }
}
    `) as unknown as TypedDocumentString<MyMetricsQuery, MyMetricsQueryVariables>;
export const ImageMarkupDocument = new TypedDocumentString(`
    query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {
  image(id: $id) {
    id
    status
    error
    html(kind: $kind, sizes: $sizes, alt: $alt)
    variants {
      name
      format
      width
      height
      url
    }
  }
}
    `) as unknown as TypedDocumentString<ImageMarkupQuery, ImageMarkupQueryVariables>;
export const ImageTransformUrlDocument = new TypedDocumentString(`
    query ImageTransformUrl($id: ID!, $width: Int, $height: Int, $fit: Fit, $format: DeliveryFormat, $dpr: Float) {
  image(id: $id) {
    id
    status
    transformUrl(
      width: $width
      height: $height
      fit: $fit
      format: $format
      dpr: $dpr
    )
  }
}
    `) as unknown as TypedDocumentString<ImageTransformUrlQuery, ImageTransformUrlQueryVariables>;
export const ImageDetailsDocument = new TypedDocumentString(`
    query ImageDetails($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {
  image(id: $id) {
    id
    status
    filename
    contentType
    bytes
    width
    height
    format
    preset
    createdAt
    updatedAt
    processedAt
    error
    errorCode
    warnings
    timings {
      totalMs
      decodeMs
      analysisMs
      gateMs
      variantsMs
      fingerprintMs
    }
    variants {
      name
      format
      width
      height
      bytes
      url
    }
    faces {
      box {
        left
        top
        width
        height
      }
      confidence
      ageRange {
        low
        high
      }
      emotions {
        type
        confidence
      }
      landmarks {
        type
        x
        y
      }
    }
    moderation {
      decision
      threshold
      reviewThreshold
      analyzer
      labels {
        name
        parent
        confidence
      }
    }
    review {
      reason
      since
      reminders
      decision
      by
      at
      note
    }
    duplicateOf {
      id
      filename
    }
    labels {
      name
      confidence
      parents
    }
    placeholder
    dominantColor
    phash
    html(kind: $kind, sizes: $sizes, alt: $alt)
  }
}
    `) as unknown as TypedDocumentString<ImageDetailsQuery, ImageDetailsQueryVariables>;
export const ImagesDocument = new TypedDocumentString(`
    query Images($first: Int, $after: String, $status: ImageStatus) {
  images(first: $first, after: $after, status: $status) {
    edges {
      cursor
      node {
        id
        status
        filename
        preset
        width
        height
        errorCode
        createdAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesQuery, ImagesQueryVariables>;
export const SimilarImagesDocument = new TypedDocumentString(`
    query SimilarImages($id: ID!, $maxDistance: Int, $first: Int) {
  similarImages(id: $id, maxDistance: $maxDistance, first: $first) {
    distance
    image {
      id
      filename
      phash
    }
  }
}
    `) as unknown as TypedDocumentString<SimilarImagesQuery, SimilarImagesQueryVariables>;
export const MetricsDocument = new TypedDocumentString(`
    query Metrics($from: Date, $to: Date, $scope: MetricsScope) {
  metrics(from: $from, to: $to, scope: $scope) {
    from
    to
    total
    processed
    rejected
    failed
    reprocessed
    inReview
    approved
    reviewRejected
    awaitingReview
    bytesIn
    bytesOut
    bytesSaved
    compressionRatio
    rejectionRate
    averageProcessingMs
    p50ProcessingMs
    p95ProcessingMs
    facesDetected
    variantBytes {
      variant
      bytes
    }
    failureReasons {
      code
      count
    }
    series {
      date
      total
      processed
      rejected
      failed
      reprocessed
      inReview
      approved
      reviewRejected
      bytesIn
      bytesOut
      facesDetected
      averageProcessingMs
      p95ProcessingMs
    }
  }
}
    `) as unknown as TypedDocumentString<MetricsQuery, MetricsQueryVariables>;
export const PresetsDocument = new TypedDocumentString(`
    query Presets {
  presets {
    name
    description
    outputs {
      name
      width
      height
      fit
      formats
      quality
      operations
    }
  }
}
    `) as unknown as TypedDocumentString<PresetsQuery, PresetsQueryVariables>;
export const ReprocessImageDocument = new TypedDocumentString(`
    mutation ReprocessImage($id: ID!, $preset: String) {
  reprocessImage(id: $id, preset: $preset) {
    id
    status
    preset
  }
}
    `) as unknown as TypedDocumentString<ReprocessImageMutation, ReprocessImageMutationVariables>;
export const DeleteImageDocument = new TypedDocumentString(`
    mutation DeleteImage($id: ID!) {
  deleteImage(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteImageMutation, DeleteImageMutationVariables>;