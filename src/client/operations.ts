import { graphql } from './generated/index.js';

/**
 * The operations the project's own tools send (the upload CLI, the load run, optimize-html, the
 * upcoming web console), and the integration tests with them: the tests exercise the documents the
 * clients send. `npm run codegen` turns each into a typed document in ./generated, so a change to
 * the schema that breaks one of them fails the type check (and a test) instead of a user's run.
 */

export const CreateUploadDocument = graphql(`
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
`);

export const ImageStatusDocument = graphql(`
  query ImageStatus($id: ID!) {
    imageStatus(id: $id) {
      id
      status
      error
      errorCode
    }
  }
`);

export const ImageResultDocument = graphql(`
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
`);

export const MyMetricsDocument = graphql(`
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
`);

/**
 * optimize-html: the responsive markup for one `<img>` (its own alt and sizes) and the variants
 * it may reference, so the tool can download exactly those and point the markup at the copies.
 */
export const ImageMarkupDocument = graphql(`
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
`);

/**
 * The web console's image page (and the integration tests): everything known about one image,
 * analysis and fingerprints included, with its responsive markup to copy.
 */
/**
 * A delivery URL for the size a screen needs: `width` in CSS pixels and the device pixel ratio
 * (web: the layout width and `devicePixelRatio`; iOS: points and `UIScreen.scale`; Android: dp
 * and `displayMetrics.density`).
 */
export const ImageTransformUrlDocument = graphql(`
  query ImageTransformUrl(
    $id: ID!
    $width: Int
    $height: Int
    $fit: Fit
    $format: DeliveryFormat
    $dpr: Float
  ) {
    image(id: $id) {
      id
      status
      transformUrl(width: $width, height: $height, fit: $fit, format: $format, dpr: $dpr)
    }
  }
`);

export const ImageDetailsDocument = graphql(`
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
`);

/** The web console's image list (and the tests): newest first, a page at a time, one status. */
export const ImagesDocument = graphql(`
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
`);

/** The web console's near-duplicates of an image (and the tests), nearest first. */
export const SimilarImagesDocument = graphql(`
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
`);

/**
 * The web console's dashboard (and the tests): the caller's counters, or everyone's with
 * `scope: ALL` for the admin group, for all time or over from..to, with the daily series.
 */
export const MetricsDocument = graphql(`
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
`);

/** The presets createUpload and reprocessImage accept, for the web console's pickers (and tests). */
export const PresetsDocument = graphql(`
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
`);

/** The web console's "reprocess" action (and the tests); poll ImageStatus until it finishes. */
export const ReprocessImageDocument = graphql(`
  mutation ReprocessImage($id: ID!, $preset: String) {
    reprocessImage(id: $id, preset: $preset) {
      id
      status
      preset
    }
  }
`);

/** The web console's "delete" action (and the tests). */
export const DeleteImageDocument = graphql(`
  mutation DeleteImage($id: ID!) {
    deleteImage(id: $id)
  }
`);

// The admin group's review queue and decisions.
export * from './moderation-operations.js';
