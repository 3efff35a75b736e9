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

/** Why an image ended REJECTED or FAILED; `error` has the details. */
export type FailureCode =
  /** The analyser failed after retries. */
  | 'ANALYSIS_FAILED'
  /** The image is truncated or corrupt. */
  | 'CORRUPT'
  | 'EMPTY'
  /** Something on our side; retrying may help. */
  | 'INTERNAL'
  /** EXIF/XMP/ICC/comment segments over the size limit. */
  | 'METADATA_TOO_LARGE'
  /** Moderation refused the image. */
  | 'MODERATION'
  /** The bytes are not one of the accepted formats, whatever was declared. */
  | 'NOT_AN_IMAGE'
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
  /** A ticket was issued; the bytes have not arrived yet. */
  | 'PENDING_UPLOAD'
  /** Variants are ready. */
  | 'PROCESSED'
  /** A processor has claimed the upload and is working on it (or reprocessImage asked for a new run). */
  | 'PROCESSING'
  /** Moderation refused the image; no variants exist and the original is never served. */
  | 'REJECTED';

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


export type MyMetricsQuery = { metrics: { total: number, processed: number, rejected: number, failed: number } };

export type ImageMarkupQueryVariables = Exact<{
  id: string | number;
  kind?: HtmlKind | null | undefined;
  sizes?: string | null | undefined;
  alt?: string | null | undefined;
}>;


export type ImageMarkupQuery = { image: { id: string, status: ImageStatus, error: string | null, html: string | null, variants: Array<{ name: string, format: string, width: number, height: number, url: string }> } | null };

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