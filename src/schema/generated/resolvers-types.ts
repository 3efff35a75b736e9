import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ImageRecord } from '../../model/image.js';
import type { ApiContext } from '../../api/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar day in UTC, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** An ISO-8601 date-time in UTC, e.g. 2026-11-25T10:00:00.000Z. */
  DateTime: { input: string; output: string; }
};

export type AgeRange = {
  __typename?: 'AgeRange';
  high: Scalars['Int']['output'];
  low: Scalars['Int']['output'];
};

/** A region as ratios (0..1) of the image's width and height, measured from the top-left corner. */
export type Box = {
  __typename?: 'Box';
  height: Scalars['Float']['output'];
  left: Scalars['Float']['output'];
  top: Scalars['Float']['output'];
  width: Scalars['Float']['output'];
};

export type CreateUploadInput = {
  /** The size the client intends to send, checked against `maxBytes` up front when given. */
  bytes?: InputMaybe<Scalars['Int']['input']>;
  /** One of the accepted image types; the presigned POST only accepts this exact type. */
  contentType: Scalars['String']['input'];
  /** The client's file name, kept for display; the storage key is chosen by the server. */
  filename: Scalars['String']['input'];
  /** A named set of outputs; `default` when omitted. */
  preset?: InputMaybe<Scalars['String']['input']>;
};

/** The format of an on-demand render. */
export type DeliveryFormat =
  /** AVIF, then WebP, then JPEG (PNG for images with transparency), by the request's Accept header. */
  | 'AUTO'
  | 'AVIF'
  | 'JPEG'
  | 'PNG'
  | 'WEBP';

export type Emotion = {
  __typename?: 'Emotion';
  confidence: Scalars['Float']['output'];
  /** e.g. HAPPY, CALM, SURPRISED. */
  type: Scalars['String']['output'];
};

export type Face = {
  __typename?: 'Face';
  /** Where the analyser estimates age; null when it does not. */
  ageRange?: Maybe<AgeRange>;
  box: Box;
  /** 0..1 */
  confidence: Scalars['Float']['output'];
  emotions: Array<Emotion>;
  landmarks: Array<Landmark>;
};

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

export type FailureCount = {
  __typename?: 'FailureCount';
  code: FailureCode;
  count: Scalars['Int']['output'];
};

/** How an output is fitted into its width × height box. */
export type Fit =
  /** Fills the box exactly, cropping what does not fit (around the centre, or where a smart crop chooses). */
  | 'COVER'
  /** Keeps the whole image within the box, aspect ratio kept. */
  | 'INSIDE';

/** One form field the client must send, in order, before the file. */
export type FormField = {
  __typename?: 'FormField';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** What `Image.html` renders. */
export type HtmlKind =
  /** <amp-img layout="responsive"> for AMP pages. */
  | 'AMP_IMG'
  /** One <img> with a srcset in the most compatible format (JPEG, else PNG). */
  | 'IMG_SRCSET'
  /** <picture> with AVIF and WebP <source>s, most efficient first, and the <img> as the fallback. */
  | 'PICTURE';

export type Image = {
  __typename?: 'Image';
  /** Size of the original upload. */
  bytes?: Maybe<Scalars['Int']['output']>;
  contentType: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The most common colour, `#rrggbb`, for a background while loading. Null unless PROCESSED. */
  dominantColor?: Maybe<Scalars['String']['output']>;
  /** The owner's image this one nearly duplicates, when the duplicates step found one. */
  duplicateOf?: Maybe<Image>;
  /** Why the image ended REJECTED or FAILED. */
  error?: Maybe<Scalars['String']['output']>;
  errorCode?: Maybe<FailureCode>;
  /** Faces found by analysis, largest first. */
  faces: Array<Face>;
  filename: Scalars['String']['output'];
  /** The decoded format of the original (what the bytes are, whatever was declared). */
  format?: Maybe<Scalars['String']['output']>;
  height?: Maybe<Scalars['Int']['output']>;
  /**
   * Ready-to-paste responsive markup with delivery URLs, width and height set, lazy loading.
   * `IMG_SRCSET` and `PICTURE` list on-demand renders at responsive breakpoints up to the
   * original's width (or DELIVERY_SIZES): `IMG_SRCSET` in the `AUTO` format (each browser gets
   * AVIF, WebP or JPEG/PNG by its Accept header), `PICTURE` as AVIF and WebP sources over an `AUTO`
   * `<img>`. `AMP_IMG` uses the eager variants that share the original's aspect ratio and look.
   * Every attribute is HTML-escaped. `sizes` defaults to "(max-width: Wpx) 100vw, Wpx" for the
   * largest width W; `alt` defaults to the top labels, else the file name without its extension
   * (pass "" for a decorative image). Null unless PROCESSED.
   */
  html?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Objects and scenes, most confident first (empty when label detection is off). */
  labels: Array<Label>;
  /** What moderation found and decided; null until the image has been analysed. */
  moderation?: Maybe<Moderation>;
  /**
   * A 64-bit DCT perceptual hash, 16 hex digits: resized or recompressed copies of a picture
   * differ in a few bits (Hamming distance), different pictures in about 32. Null unless PROCESSED.
   */
  phash?: Maybe<Scalars['String']['output']>;
  /**
   * A ThumbHash (base64, ~25 bytes): decode it client-side (e.g. the thumbhash package's
   * `thumbHashToDataURL`) into a blurred preview with the right aspect ratio and transparency,
   * shown until the image loads. Null unless PROCESSED.
   */
  placeholder?: Maybe<Scalars['String']['output']>;
  preset: Scalars['String']['output'];
  processedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the image was held for review, and what the person decided; null if it never was. */
  review?: Maybe<Review>;
  /**
   * For the admin group only, while the image is IN_REVIEW: a URL of one of its held variants
   * (the largest up to 1600 px), valid 5 minutes, to look at before deciding. Null otherwise.
   */
  reviewUrl?: Maybe<Scalars['String']['output']>;
  status: ImageStatus;
  timings?: Maybe<Timings>;
  /**
   * A signed delivery URL for this image at any size: a `width` × `height` box in CSS pixels
   * (either may be left out), scaled by `dpr` (1 to 3; pass the screen's device pixel ratio), in
   * `format` (`AUTO`: AVIF, WebP or JPEG/PNG by the request's Accept header). Never larger than the
   * original (the response's `x-amz-meta-darkroom-clamped` header says when it was cut down). The
   * first request renders and stores it; later ones are a cached read. Null unless PROCESSED;
   * BAD_USER_INPUT beyond the limits (DELIVERY_MAX_SIDE, DELIVERY_SIZES).
   */
  transformUrl?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  variants: Array<Variant>;
  /** Things worth knowing that did not stop processing, e.g. a declared type that was not the real one. */
  warnings: Array<Scalars['String']['output']>;
  /** Width after EXIF orientation is applied. */
  width?: Maybe<Scalars['Int']['output']>;
};


export type ImageHtmlArgs = {
  alt?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<HtmlKind>;
  sizes?: InputMaybe<Scalars['String']['input']>;
};


export type ImageTransformUrlArgs = {
  dpr?: InputMaybe<Scalars['Float']['input']>;
  fit?: InputMaybe<Fit>;
  format?: InputMaybe<DeliveryFormat>;
  height?: InputMaybe<Scalars['Int']['input']>;
  width?: InputMaybe<Scalars['Int']['input']>;
};

export type ImageConnection = {
  __typename?: 'ImageConnection';
  edges: Array<ImageEdge>;
  pageInfo: PageInfo;
};

export type ImageEdge = {
  __typename?: 'ImageEdge';
  cursor: Scalars['String']['output'];
  node: Image;
};

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

export type ImageStatusInfo = {
  __typename?: 'ImageStatusInfo';
  error?: Maybe<Scalars['String']['output']>;
  errorCode?: Maybe<FailureCode>;
  id: Scalars['ID']['output'];
  status: ImageStatus;
  updatedAt: Scalars['DateTime']['output'];
};

/** An object or scene in the image. */
export type Label = {
  __typename?: 'Label';
  /** 0..1 */
  confidence: Scalars['Float']['output'];
  name: Scalars['String']['output'];
  parents: Array<Scalars['String']['output']>;
};

/** A facial landmark; x and y are ratios of the image's width and height. */
export type Landmark = {
  __typename?: 'Landmark';
  type: Scalars['String']['output'];
  x: Scalars['Float']['output'];
  y: Scalars['Float']['output'];
};

/**
 * The caller's counters, kept as images finish. Reading them costs a handful of item reads,
 * whatever the number of images.
 */
export type Metrics = {
  __typename?: 'Metrics';
  /** Held images an admin approved (also counted in processed). */
  approved: Scalars['Int']['output'];
  averageProcessingMs?: Maybe<Scalars['Float']['output']>;
  /** Held and not yet decided, across all time (whatever from and to say): the moderation queue's length for the scope. */
  awaitingReview: Scalars['Int']['output'];
  /** Bytes of originals that reached a terminal state. */
  bytesIn: Scalars['Float']['output'];
  /** Bytes of variants written (for images held for review: once approved). */
  bytesOut: Scalars['Float']['output'];
  /** Bytes of processed originals minus bytes of their variants. */
  bytesSaved: Scalars['Float']['output'];
  /** Variant bytes per byte of processed original; null before anything was processed. */
  compressionRatio?: Maybe<Scalars['Float']['output']>;
  /** Faces found across all processed images. */
  facesDetected: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  /** Rejections and failures by reason, most frequent first. */
  failureReasons: Array<FailureCount>;
  /** The first day covered; null for all time. */
  from?: Maybe<Scalars['Date']['output']>;
  /** Runs that ended IN_REVIEW, held for a person (each is then approved, rejected or deleted). */
  inReview: Scalars['Int']['output'];
  /** Estimated from a fixed histogram: exact to within its bucket (50/100/250/500 ms, 1/2.5/5/10/30/60 s). */
  p50ProcessingMs?: Maybe<Scalars['Float']['output']>;
  p95ProcessingMs?: Maybe<Scalars['Float']['output']>;
  /**
   * Processing runs that ended PROCESSED, REJECTED or FAILED. An image reprocessed counts once per
   * run, so these may add up to more than `total`.
   */
  processed: Scalars['Int']['output'];
  rejected: Scalars['Int']['output'];
  /** rejected / (processed + rejected + failed); null before anything finished. */
  rejectionRate?: Maybe<Scalars['Float']['output']>;
  /** Runs of reprocessImage that finished (also counted in processed, rejected or failed). */
  reprocessed: Scalars['Int']['output'];
  /** Held images an admin rejected (also counted in rejected). */
  reviewRejected: Scalars['Int']['output'];
  /** Days with activity in the range, oldest first (for all time: the last 30 days). */
  series: Array<MetricsDay>;
  /** The last day covered; null for all time. */
  to?: Maybe<Scalars['Date']['output']>;
  /** Upload tickets issued. */
  total: Scalars['Int']['output'];
  variantBytes: Array<VariantBytes>;
};

/** One UTC day of activity. */
export type MetricsDay = {
  __typename?: 'MetricsDay';
  approved: Scalars['Int']['output'];
  averageProcessingMs?: Maybe<Scalars['Float']['output']>;
  bytesIn: Scalars['Float']['output'];
  bytesOut: Scalars['Float']['output'];
  date: Scalars['Date']['output'];
  facesDetected: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  inReview: Scalars['Int']['output'];
  p95ProcessingMs?: Maybe<Scalars['Float']['output']>;
  processed: Scalars['Int']['output'];
  rejected: Scalars['Int']['output'];
  /** Runs of reprocessImage that finished (also counted in processed, rejected or failed). */
  reprocessed: Scalars['Int']['output'];
  reviewRejected: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

/** Whose counters `metrics` reads. */
export type MetricsScope =
  /** Every owner's images together; only for members of the admin group. */
  | 'ALL'
  /** The caller's own images. */
  | 'MINE';

export type Moderation = {
  __typename?: 'Moderation';
  /** Which analyser looked: rekognition, local or none. */
  analyzer: Scalars['String']['output'];
  decision: ModerationDecision;
  labels: Array<ModerationLabel>;
  /** The confidence (0..1) at or above which such a label holds the image for review; equal to `threshold` when nothing is reviewed. */
  reviewThreshold: Scalars['Float']['output'];
  /** The confidence (0..1) at or above which a rejecting label rejects the image. */
  threshold: Scalars['Float']['output'];
};

export type ModerationDecision =
  | 'ALLOWED'
  /** Between the review and the reject threshold: a person decides (see Image.review). */
  | 'IN_REVIEW'
  | 'REJECTED';

export type ModerationLabel = {
  __typename?: 'ModerationLabel';
  /** 0..1 */
  confidence: Scalars['Float']['output'];
  /** Rekognition's moderation taxonomy, e.g. Explicit Nudity, Suggestive. */
  name: Scalars['String']['output'];
  /** The top-level category; null for top-level labels. */
  parent?: Maybe<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Admin group only (FORBIDDEN otherwise): serves an image held IN_REVIEW. Its held variants are
   * moved to where delivery serves them and it becomes PROCESSED, the decision recorded in
   * `review` (who, when) and announced. Any owner's image; a missing one: NOT_FOUND; one not
   * IN_REVIEW (already decided, say by another admin): BAD_USER_INPUT, and nothing changes.
   */
  approveImage: Image;
  /** Issue a presigned POST for one image; the image starts PENDING_UPLOAD. */
  createUpload: UploadTicket;
  /**
   * Deletes the image: its record, its original and every variant. True when done; another
   * caller's or a missing image: NOT_FOUND, and nothing changes. Metrics are history and keep it.
   * An image deleted while being processed leaves nothing behind: the processor removes what it
   * wrote when it finds the image gone.
   */
  deleteImage: Scalars['Boolean']['output'];
  /**
   * Admin group only: rejects an image held IN_REVIEW with `reason` (1 to 500 characters, shown to
   * its owner as the error). Its variants are deleted; it becomes REJECTED (MODERATION), the
   * decision recorded and announced. NOT_FOUND and BAD_USER_INPUT as for approveImage.
   */
  rejectImage: Image;
  /**
   * Makes the image's variants again from its stored original, with `preset` (or the one it has),
   * through the same processing as an upload: analysis and moderation run again. Only for an image
   * that finished PROCESSED or FAILED (BAD_USER_INPUT otherwise: a REJECTED image stays rejected).
   * Returns the image, now PROCESSING; poll `imageStatus`. Until the new variants are ready the
   * old ones are served; then those the new preset does not make are deleted. Unknown preset:
   * BAD_USER_INPUT. Another caller's or a missing image: NOT_FOUND. An image whose original is no
   * longer stored (originals expire where the stack says so): ORIGINAL_MISSING, and nothing changes.
   * Metrics count the new run (processed/rejected/failed, bytes) and `reprocessed`, not a new upload
   * (`total`).
   */
  reprocessImage: Image;
};


export type MutationApproveImageArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateUploadArgs = {
  input: CreateUploadInput;
};


export type MutationDeleteImageArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRejectImageArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationReprocessImageArgs = {
  id: Scalars['ID']['input'];
  preset?: InputMaybe<Scalars['String']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A named set of outputs, from the deployment's presets file (PRESETS_FILE). */
export type Preset = {
  __typename?: 'Preset';
  description?: Maybe<Scalars['String']['output']>;
  /** What createUpload's `preset` and reprocessImage's `preset` take. */
  name: Scalars['String']['output'];
  outputs: Array<PresetOutput>;
};

/** One output of a preset: made in each of its formats, so `name` + format names a variant. */
export type PresetOutput = {
  __typename?: 'PresetOutput';
  fit: Fit;
  /** jpeg, webp, avif or png: one variant each. */
  formats: Array<Scalars['String']['output']>;
  height?: Maybe<Scalars['Int']['output']>;
  /** The variant name, e.g. `thumb`. */
  name: Scalars['String']['output'];
  /**
   * What is done to the pixels, in order, in words: geometry (crop box, rotate, flip, flop) before
   * the fit, a smart crop as the fit's window, effects (greyscale, brightness, saturation, contrast,
   * blur, sharpen, watermark) after it. E.g. `crop: smart (faces, else the most interesting region)`,
   * `watermark: image darkroom-mark.svg, southeast, opacity 0.8, size 0.2, margin 0.03`.
   */
  operations: Array<Scalars['String']['output']>;
  /** JPEG, WebP and AVIF quality (1..100); PNG is lossless. */
  quality: Scalars['Int']['output'];
  /** The box, in pixels; a missing side is unbounded. Outputs are never enlarged beyond the original. */
  width?: Maybe<Scalars['Int']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** One of the caller's images; null when there is no such image or it is not the caller's. */
  image?: Maybe<Image>;
  /** A cheap status poll; null like `image`. */
  imageStatus?: Maybe<ImageStatusInfo>;
  /** The caller's images, newest first. `first` is 1..100 (default 20). */
  images: ImageConnection;
  /**
   * Totals over from..to (inclusive, UTC days, at most 366), or for all time when both are omitted.
   * `scope: ALL` sums every owner and needs the admin group (FORBIDDEN otherwise).
   */
  metrics: Metrics;
  /**
   * Every owner's images IN_REVIEW, oldest first (the longest waiting at the top), for the admin
   * group (FORBIDDEN otherwise). `first` is 1..100 (default 20).
   */
  moderationQueue: ImageConnection;
  /** The presets createUpload and reprocessImage accept, `default` first. */
  presets: Array<Preset>;
  /**
   * The caller's quotas: uploads and on-demand renders today (UTC), bytes stored now. createUpload
   * beyond a limit fails with QUOTA_EXCEEDED (`extensions`: quota, limit, used, resetsAt);
   * delivery answers a render beyond its limit with 429.
   */
  quota: Quota;
  /**
   * The caller's other PROCESSED images whose perceptual hash is within `maxDistance` bits
   * (0..64, default 10) of this one's: near-duplicates, nearest first (newest first among equals),
   * at most `first` (1..100, default 20). Compares against the caller's 5,000 newest images.
   * Null like `image`; empty while the image is not PROCESSED.
   */
  similarImages?: Maybe<Array<SimilarImage>>;
};


export type QueryImageArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImageStatusArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ImageStatus>;
};


export type QueryMetricsArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  scope?: InputMaybe<MetricsScope>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryModerationQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySimilarImagesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  maxDistance?: InputMaybe<Scalars['Int']['input']>;
};

/** The caller's quotas, each with its usage. */
export type Quota = {
  __typename?: 'Quota';
  rendersPerDay: QuotaUsage;
  storedBytes: QuotaUsage;
  uploadsPerDay: QuotaUsage;
};

/** Which limit: also `extensions.quota` of a QUOTA_EXCEEDED error. */
export type QuotaName =
  /** On-demand renders of the caller's images (sizes or formats made for the first time) per UTC day. */
  | 'RENDERS_PER_DAY'
  /** Bytes of originals plus variants kept; deleteImage gives an image's back. */
  | 'STORED_BYTES'
  /** Upload tickets (createUpload) per UTC day. */
  | 'UPLOADS_PER_DAY';

/** One quota: what is used against its limit. */
export type QuotaUsage = {
  __typename?: 'QuotaUsage';
  /** The limit; null when this quota is switched off (`unlimited`). */
  limit?: Maybe<Scalars['Float']['output']>;
  name: QuotaName;
  /** When a per-day count starts again at 0: the next UTC midnight. Null for STORED_BYTES. */
  resetsAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * Used so far: today's count for a per-day quota, the bytes stored now for STORED_BYTES (counted
   * as images finish and are deleted, so a moment behind; uploads not yet processed hold none).
   */
  used: Scalars['Float']['output'];
};

/** An image held for a person, and their decision. */
export type Review = {
  __typename?: 'Review';
  at?: Maybe<Scalars['DateTime']['output']>;
  /** Who decided (their user id). */
  by?: Maybe<Scalars['String']['output']>;
  /** Null while it waits. */
  decision?: Maybe<ReviewDecision>;
  /** The reason given when rejecting. */
  note?: Maybe<Scalars['String']['output']>;
  /** What held it: the moderation labels and thresholds, or the duplicate. */
  reason: Scalars['String']['output'];
  /** Reminders announced while it waited (one per REVIEW_REMINDER_HOURS). */
  reminders: Scalars['Int']['output'];
  /** When the run that held it ended. */
  since: Scalars['DateTime']['output'];
};

export type ReviewDecision =
  | 'APPROVED'
  | 'REJECTED';

/** One of the caller's images that looks like another, and how much. */
export type SimilarImage = {
  __typename?: 'SimilarImage';
  /** Perceptual-hash bits that differ (0..64): 0 for the same picture, up to ~10 for a resized or recompressed copy. */
  distance: Scalars['Int']['output'];
  image: Image;
};

/** Milliseconds spent in each processing step. */
export type Timings = {
  __typename?: 'Timings';
  /** Face, moderation and label detection. */
  analysisMs?: Maybe<Scalars['Int']['output']>;
  decodeMs?: Maybe<Scalars['Int']['output']>;
  /** Placeholder, dominant colour and perceptual hash, made from the same decode. */
  fingerprintMs?: Maybe<Scalars['Int']['output']>;
  /** Deciding whether moderation allows the image. */
  gateMs?: Maybe<Scalars['Int']['output']>;
  totalMs?: Maybe<Scalars['Int']['output']>;
  variantsMs?: Maybe<Scalars['Int']['output']>;
};

/**
 * A presigned POST: send a multipart/form-data POST to `url` with every field of `fields`,
 * then the file as the last field, named `file`.
 */
export type UploadTicket = {
  __typename?: 'UploadTicket';
  expiresAt: Scalars['DateTime']['output'];
  fields: Array<FormField>;
  imageId: Scalars['ID']['output'];
  /** The largest file the ticket accepts, in bytes. */
  maxBytes: Scalars['Int']['output'];
  url: Scalars['String']['output'];
};

export type Variant = {
  __typename?: 'Variant';
  bytes: Scalars['Int']['output'];
  /** jpeg, webp, avif or png. */
  format: Scalars['String']['output'];
  height: Scalars['Int']['output'];
  /** The preset output this variant was made for, e.g. `thumb`; with `format` it is unique. */
  name: Scalars['String']['output'];
  /**
   * The variant's signed delivery URL: stable (pinned to the image's generation, so cacheable for
   * a year), and it never expires unless the service runs in expiring mode (DELIVERY_URL_TTL_SECONDS).
   */
  url: Scalars['String']['output'];
  width: Scalars['Int']['output'];
};

export type VariantBytes = {
  __typename?: 'VariantBytes';
  bytes: Scalars['Float']['output'];
  /** `name.format`, e.g. `thumb.webp`. */
  variant: Scalars['String']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AgeRange: ResolverTypeWrapper<AgeRange>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Box: ResolverTypeWrapper<Box>;
  CreateUploadInput: CreateUploadInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryFormat: DeliveryFormat;
  Emotion: ResolverTypeWrapper<Emotion>;
  Face: ResolverTypeWrapper<Face>;
  FailureCode: FailureCode;
  FailureCount: ResolverTypeWrapper<FailureCount>;
  Fit: Fit;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FormField: ResolverTypeWrapper<FormField>;
  HtmlKind: HtmlKind;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Image: ResolverTypeWrapper<ImageRecord>;
  ImageConnection: ResolverTypeWrapper<Omit<ImageConnection, 'edges'> & { edges: Array<ResolversTypes['ImageEdge']> }>;
  ImageEdge: ResolverTypeWrapper<Omit<ImageEdge, 'node'> & { node: ResolversTypes['Image'] }>;
  ImageStatus: ImageStatus;
  ImageStatusInfo: ResolverTypeWrapper<ImageStatusInfo>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Label: ResolverTypeWrapper<Label>;
  Landmark: ResolverTypeWrapper<Landmark>;
  Metrics: ResolverTypeWrapper<Metrics>;
  MetricsDay: ResolverTypeWrapper<MetricsDay>;
  MetricsScope: MetricsScope;
  Moderation: ResolverTypeWrapper<Moderation>;
  ModerationDecision: ModerationDecision;
  ModerationLabel: ResolverTypeWrapper<ModerationLabel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Preset: ResolverTypeWrapper<Preset>;
  PresetOutput: ResolverTypeWrapper<PresetOutput>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Quota: ResolverTypeWrapper<Quota>;
  QuotaName: QuotaName;
  QuotaUsage: ResolverTypeWrapper<QuotaUsage>;
  Review: ResolverTypeWrapper<Review>;
  ReviewDecision: ReviewDecision;
  SimilarImage: ResolverTypeWrapper<Omit<SimilarImage, 'image'> & { image: ResolversTypes['Image'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Timings: ResolverTypeWrapper<Timings>;
  UploadTicket: ResolverTypeWrapper<UploadTicket>;
  Variant: ResolverTypeWrapper<Variant>;
  VariantBytes: ResolverTypeWrapper<VariantBytes>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AgeRange: AgeRange;
  Boolean: Scalars['Boolean']['output'];
  Box: Box;
  CreateUploadInput: CreateUploadInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Emotion: Emotion;
  Face: Face;
  FailureCount: FailureCount;
  Float: Scalars['Float']['output'];
  FormField: FormField;
  ID: Scalars['ID']['output'];
  Image: ImageRecord;
  ImageConnection: Omit<ImageConnection, 'edges'> & { edges: Array<ResolversParentTypes['ImageEdge']> };
  ImageEdge: Omit<ImageEdge, 'node'> & { node: ResolversParentTypes['Image'] };
  ImageStatusInfo: ImageStatusInfo;
  Int: Scalars['Int']['output'];
  Label: Label;
  Landmark: Landmark;
  Metrics: Metrics;
  MetricsDay: MetricsDay;
  Moderation: Moderation;
  ModerationLabel: ModerationLabel;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Preset: Preset;
  PresetOutput: PresetOutput;
  Query: Record<PropertyKey, never>;
  Quota: Quota;
  QuotaUsage: QuotaUsage;
  Review: Review;
  SimilarImage: Omit<SimilarImage, 'image'> & { image: ResolversParentTypes['Image'] };
  String: Scalars['String']['output'];
  Timings: Timings;
  UploadTicket: UploadTicket;
  Variant: Variant;
  VariantBytes: VariantBytes;
}>;

export type AgeRangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AgeRange'] = ResolversParentTypes['AgeRange']> = ResolversObject<{
  high?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BoxResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Box'] = ResolversParentTypes['Box']> = ResolversObject<{
  height?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  left?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  top?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmotionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Emotion'] = ResolversParentTypes['Emotion']> = ResolversObject<{
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type FaceResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Face'] = ResolversParentTypes['Face']> = ResolversObject<{
  ageRange?: Resolver<Maybe<ResolversTypes['AgeRange']>, ParentType, ContextType>;
  box?: Resolver<ResolversTypes['Box'], ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  emotions?: Resolver<Array<ResolversTypes['Emotion']>, ParentType, ContextType>;
  landmarks?: Resolver<Array<ResolversTypes['Landmark']>, ParentType, ContextType>;
}>;

export type FailureCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FailureCount'] = ResolversParentTypes['FailureCount']> = ResolversObject<{
  code?: Resolver<ResolversTypes['FailureCode'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type FormFieldResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FormField'] = ResolversParentTypes['FormField']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ImageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Image'] = ResolversParentTypes['Image']> = ResolversObject<{
  bytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  contentType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dominantColor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  duplicateOf?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['FailureCode']>, ParentType, ContextType>;
  faces?: Resolver<Array<ResolversTypes['Face']>, ParentType, ContextType>;
  filename?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  html?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<ImageHtmlArgs, 'kind'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labels?: Resolver<Array<ResolversTypes['Label']>, ParentType, ContextType>;
  moderation?: Resolver<Maybe<ResolversTypes['Moderation']>, ParentType, ContextType>;
  phash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  placeholder?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  preset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  processedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  review?: Resolver<Maybe<ResolversTypes['Review']>, ParentType, ContextType>;
  reviewUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImageStatus'], ParentType, ContextType>;
  timings?: Resolver<Maybe<ResolversTypes['Timings']>, ParentType, ContextType>;
  transformUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<ImageTransformUrlArgs, 'dpr' | 'fit' | 'format'>>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  variants?: Resolver<Array<ResolversTypes['Variant']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  width?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type ImageConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ImageConnection'] = ResolversParentTypes['ImageConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ImageEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type ImageEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ImageEdge'] = ResolversParentTypes['ImageEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
}>;

export type ImageStatusInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ImageStatusInfo'] = ResolversParentTypes['ImageStatusInfo']> = ResolversObject<{
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['FailureCode']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImageStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type LabelResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Label'] = ResolversParentTypes['Label']> = ResolversObject<{
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parents?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type LandmarkResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Landmark'] = ResolversParentTypes['Landmark']> = ResolversObject<{
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type MetricsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Metrics'] = ResolversParentTypes['Metrics']> = ResolversObject<{
  approved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  averageProcessingMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  awaitingReview?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bytesIn?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  bytesOut?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  bytesSaved?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  compressionRatio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  facesDetected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failureReasons?: Resolver<Array<ResolversTypes['FailureCount']>, ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  inReview?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  p50ProcessingMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  p95ProcessingMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejectionRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  reprocessed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reviewRejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['MetricsDay']>, ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  variantBytes?: Resolver<Array<ResolversTypes['VariantBytes']>, ParentType, ContextType>;
}>;

export type MetricsDayResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MetricsDay'] = ResolversParentTypes['MetricsDay']> = ResolversObject<{
  approved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  averageProcessingMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  bytesIn?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  bytesOut?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  facesDetected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inReview?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  p95ProcessingMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reprocessed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reviewRejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ModerationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Moderation'] = ResolversParentTypes['Moderation']> = ResolversObject<{
  analyzer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['ModerationDecision'], ParentType, ContextType>;
  labels?: Resolver<Array<ResolversTypes['ModerationLabel']>, ParentType, ContextType>;
  reviewThreshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ModerationLabelResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ModerationLabel'] = ResolversParentTypes['ModerationLabel']> = ResolversObject<{
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  approveImage?: Resolver<ResolversTypes['Image'], ParentType, ContextType, RequireFields<MutationApproveImageArgs, 'id'>>;
  createUpload?: Resolver<ResolversTypes['UploadTicket'], ParentType, ContextType, RequireFields<MutationCreateUploadArgs, 'input'>>;
  deleteImage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteImageArgs, 'id'>>;
  rejectImage?: Resolver<ResolversTypes['Image'], ParentType, ContextType, RequireFields<MutationRejectImageArgs, 'id' | 'reason'>>;
  reprocessImage?: Resolver<ResolversTypes['Image'], ParentType, ContextType, RequireFields<MutationReprocessImageArgs, 'id'>>;
}>;

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PresetResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Preset'] = ResolversParentTypes['Preset']> = ResolversObject<{
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputs?: Resolver<Array<ResolversTypes['PresetOutput']>, ParentType, ContextType>;
}>;

export type PresetOutputResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PresetOutput'] = ResolversParentTypes['PresetOutput']> = ResolversObject<{
  fit?: Resolver<ResolversTypes['Fit'], ParentType, ContextType>;
  formats?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  quality?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  width?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType, RequireFields<QueryImageArgs, 'id'>>;
  imageStatus?: Resolver<Maybe<ResolversTypes['ImageStatusInfo']>, ParentType, ContextType, RequireFields<QueryImageStatusArgs, 'id'>>;
  images?: Resolver<ResolversTypes['ImageConnection'], ParentType, ContextType, Partial<QueryImagesArgs>>;
  metrics?: Resolver<ResolversTypes['Metrics'], ParentType, ContextType, RequireFields<QueryMetricsArgs, 'scope'>>;
  moderationQueue?: Resolver<ResolversTypes['ImageConnection'], ParentType, ContextType, Partial<QueryModerationQueueArgs>>;
  presets?: Resolver<Array<ResolversTypes['Preset']>, ParentType, ContextType>;
  quota?: Resolver<ResolversTypes['Quota'], ParentType, ContextType>;
  similarImages?: Resolver<Maybe<Array<ResolversTypes['SimilarImage']>>, ParentType, ContextType, RequireFields<QuerySimilarImagesArgs, 'first' | 'id' | 'maxDistance'>>;
}>;

export type QuotaResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Quota'] = ResolversParentTypes['Quota']> = ResolversObject<{
  rendersPerDay?: Resolver<ResolversTypes['QuotaUsage'], ParentType, ContextType>;
  storedBytes?: Resolver<ResolversTypes['QuotaUsage'], ParentType, ContextType>;
  uploadsPerDay?: Resolver<ResolversTypes['QuotaUsage'], ParentType, ContextType>;
}>;

export type QuotaUsageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QuotaUsage'] = ResolversParentTypes['QuotaUsage']> = ResolversObject<{
  limit?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['QuotaName'], ParentType, ContextType>;
  resetsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  used?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ReviewResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review']> = ResolversObject<{
  at?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  by?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['ReviewDecision']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reminders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type SimilarImageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SimilarImage'] = ResolversParentTypes['SimilarImage']> = ResolversObject<{
  distance?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
}>;

export type TimingsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Timings'] = ResolversParentTypes['Timings']> = ResolversObject<{
  analysisMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  decodeMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  fingerprintMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  gateMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  totalMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  variantsMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type UploadTicketResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['UploadTicket'] = ResolversParentTypes['UploadTicket']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['FormField']>, ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maxBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VariantResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Variant'] = ResolversParentTypes['Variant']> = ResolversObject<{
  bytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type VariantBytesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['VariantBytes'] = ResolversParentTypes['VariantBytes']> = ResolversObject<{
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  variant?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ApiContext> = ResolversObject<{
  AgeRange?: AgeRangeResolvers<ContextType>;
  Box?: BoxResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Emotion?: EmotionResolvers<ContextType>;
  Face?: FaceResolvers<ContextType>;
  FailureCount?: FailureCountResolvers<ContextType>;
  FormField?: FormFieldResolvers<ContextType>;
  Image?: ImageResolvers<ContextType>;
  ImageConnection?: ImageConnectionResolvers<ContextType>;
  ImageEdge?: ImageEdgeResolvers<ContextType>;
  ImageStatusInfo?: ImageStatusInfoResolvers<ContextType>;
  Label?: LabelResolvers<ContextType>;
  Landmark?: LandmarkResolvers<ContextType>;
  Metrics?: MetricsResolvers<ContextType>;
  MetricsDay?: MetricsDayResolvers<ContextType>;
  Moderation?: ModerationResolvers<ContextType>;
  ModerationLabel?: ModerationLabelResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Preset?: PresetResolvers<ContextType>;
  PresetOutput?: PresetOutputResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Quota?: QuotaResolvers<ContextType>;
  QuotaUsage?: QuotaUsageResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  SimilarImage?: SimilarImageResolvers<ContextType>;
  Timings?: TimingsResolvers<ContextType>;
  UploadTicket?: UploadTicketResolvers<ContextType>;
  Variant?: VariantResolvers<ContextType>;
  VariantBytes?: VariantBytesResolvers<ContextType>;
}>;

