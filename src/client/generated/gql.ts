/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ModerationQueue($first: Int, $after: String) {\n    moderationQueue(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          filename\n          width\n          height\n          createdAt\n          reviewUrl\n          review {\n            reason\n            since\n            reminders\n          }\n          moderation {\n            labels {\n              name\n              parent\n              confidence\n            }\n          }\n          duplicateOf {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ModerationQueueDocument,
    "\n  mutation ApproveImage($id: ID!) {\n    approveImage(id: $id) {\n      id\n      status\n      review {\n        decision\n        by\n        at\n      }\n    }\n  }\n": typeof types.ApproveImageDocument,
    "\n  mutation RejectImage($id: ID!, $reason: String!) {\n    rejectImage(id: $id, reason: $reason) {\n      id\n      status\n      error\n      errorCode\n      review {\n        decision\n        by\n        at\n        note\n      }\n    }\n  }\n": typeof types.RejectImageDocument,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      imageId\n      url\n      fields {\n        name\n        value\n      }\n      expiresAt\n      maxBytes\n    }\n  }\n": typeof types.CreateUploadDocument,
    "\n  query ImageStatus($id: ID!) {\n    imageStatus(id: $id) {\n      id\n      status\n      error\n      errorCode\n    }\n  }\n": typeof types.ImageStatusDocument,
    "\n  query ImageResult($id: ID!) {\n    image(id: $id) {\n      id\n      status\n      filename\n      width\n      height\n      format\n      bytes\n      error\n      errorCode\n      timings {\n        totalMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n    }\n  }\n": typeof types.ImageResultDocument,
    "\n  query MyMetrics {\n    metrics {\n      total\n      processed\n      rejected\n      failed\n      bytesIn\n      bytesOut\n    }\n  }\n": typeof types.MyMetricsDocument,
    "\n  query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      error\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      variants {\n        name\n        format\n        width\n        height\n        url\n      }\n    }\n  }\n": typeof types.ImageMarkupDocument,
    "\n  query ImageTransformUrl(\n    $id: ID!\n    $width: Int\n    $height: Int\n    $fit: Fit\n    $format: DeliveryFormat\n    $dpr: Float\n  ) {\n    image(id: $id) {\n      id\n      status\n      transformUrl(width: $width, height: $height, fit: $fit, format: $format, dpr: $dpr)\n    }\n  }\n": typeof types.ImageTransformUrlDocument,
    "\n  query ImageDetails($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      filename\n      contentType\n      bytes\n      width\n      height\n      format\n      preset\n      createdAt\n      updatedAt\n      processedAt\n      error\n      errorCode\n      warnings\n      timings {\n        totalMs\n        decodeMs\n        analysisMs\n        gateMs\n        variantsMs\n        fingerprintMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n      faces {\n        box {\n          left\n          top\n          width\n          height\n        }\n        confidence\n        ageRange {\n          low\n          high\n        }\n        emotions {\n          type\n          confidence\n        }\n        landmarks {\n          type\n          x\n          y\n        }\n      }\n      moderation {\n        decision\n        threshold\n        reviewThreshold\n        analyzer\n        labels {\n          name\n          parent\n          confidence\n        }\n      }\n      review {\n        reason\n        since\n        reminders\n        decision\n        by\n        at\n        note\n      }\n      duplicateOf {\n        id\n        filename\n      }\n      labels {\n        name\n        confidence\n        parents\n      }\n      placeholder\n      dominantColor\n      phash\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      transformUrl(width: 320)\n    }\n  }\n": typeof types.ImageDetailsDocument,
    "\n  query Images($first: Int, $after: String, $status: ImageStatus) {\n    images(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          filename\n          preset\n          width\n          height\n          errorCode\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ImagesDocument,
    "\n  query SimilarImages($id: ID!, $maxDistance: Int, $first: Int) {\n    similarImages(id: $id, maxDistance: $maxDistance, first: $first) {\n      distance\n      image {\n        id\n        filename\n        phash\n      }\n    }\n  }\n": typeof types.SimilarImagesDocument,
    "\n  query Metrics($from: Date, $to: Date, $scope: MetricsScope) {\n    metrics(from: $from, to: $to, scope: $scope) {\n      from\n      to\n      total\n      processed\n      rejected\n      failed\n      reprocessed\n      inReview\n      approved\n      reviewRejected\n      awaitingReview\n      bytesIn\n      bytesOut\n      bytesSaved\n      compressionRatio\n      rejectionRate\n      averageProcessingMs\n      p50ProcessingMs\n      p95ProcessingMs\n      facesDetected\n      variantBytes {\n        variant\n        bytes\n      }\n      failureReasons {\n        code\n        count\n      }\n      series {\n        date\n        total\n        processed\n        rejected\n        failed\n        reprocessed\n        inReview\n        approved\n        reviewRejected\n        bytesIn\n        bytesOut\n        facesDetected\n        averageProcessingMs\n        p95ProcessingMs\n      }\n    }\n  }\n": typeof types.MetricsDocument,
    "\n  query Presets {\n    presets {\n      name\n      description\n      outputs {\n        name\n        width\n        height\n        fit\n        formats\n        quality\n        operations\n      }\n    }\n  }\n": typeof types.PresetsDocument,
    "\n  mutation ReprocessImage($id: ID!, $preset: String) {\n    reprocessImage(id: $id, preset: $preset) {\n      id\n      status\n      preset\n    }\n  }\n": typeof types.ReprocessImageDocument,
    "\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id)\n  }\n": typeof types.DeleteImageDocument,
};
const documents: Documents = {
    "\n  query ModerationQueue($first: Int, $after: String) {\n    moderationQueue(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          filename\n          width\n          height\n          createdAt\n          reviewUrl\n          review {\n            reason\n            since\n            reminders\n          }\n          moderation {\n            labels {\n              name\n              parent\n              confidence\n            }\n          }\n          duplicateOf {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ModerationQueueDocument,
    "\n  mutation ApproveImage($id: ID!) {\n    approveImage(id: $id) {\n      id\n      status\n      review {\n        decision\n        by\n        at\n      }\n    }\n  }\n": types.ApproveImageDocument,
    "\n  mutation RejectImage($id: ID!, $reason: String!) {\n    rejectImage(id: $id, reason: $reason) {\n      id\n      status\n      error\n      errorCode\n      review {\n        decision\n        by\n        at\n        note\n      }\n    }\n  }\n": types.RejectImageDocument,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      imageId\n      url\n      fields {\n        name\n        value\n      }\n      expiresAt\n      maxBytes\n    }\n  }\n": types.CreateUploadDocument,
    "\n  query ImageStatus($id: ID!) {\n    imageStatus(id: $id) {\n      id\n      status\n      error\n      errorCode\n    }\n  }\n": types.ImageStatusDocument,
    "\n  query ImageResult($id: ID!) {\n    image(id: $id) {\n      id\n      status\n      filename\n      width\n      height\n      format\n      bytes\n      error\n      errorCode\n      timings {\n        totalMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n    }\n  }\n": types.ImageResultDocument,
    "\n  query MyMetrics {\n    metrics {\n      total\n      processed\n      rejected\n      failed\n      bytesIn\n      bytesOut\n    }\n  }\n": types.MyMetricsDocument,
    "\n  query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      error\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      variants {\n        name\n        format\n        width\n        height\n        url\n      }\n    }\n  }\n": types.ImageMarkupDocument,
    "\n  query ImageTransformUrl(\n    $id: ID!\n    $width: Int\n    $height: Int\n    $fit: Fit\n    $format: DeliveryFormat\n    $dpr: Float\n  ) {\n    image(id: $id) {\n      id\n      status\n      transformUrl(width: $width, height: $height, fit: $fit, format: $format, dpr: $dpr)\n    }\n  }\n": types.ImageTransformUrlDocument,
    "\n  query ImageDetails($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      filename\n      contentType\n      bytes\n      width\n      height\n      format\n      preset\n      createdAt\n      updatedAt\n      processedAt\n      error\n      errorCode\n      warnings\n      timings {\n        totalMs\n        decodeMs\n        analysisMs\n        gateMs\n        variantsMs\n        fingerprintMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n      faces {\n        box {\n          left\n          top\n          width\n          height\n        }\n        confidence\n        ageRange {\n          low\n          high\n        }\n        emotions {\n          type\n          confidence\n        }\n        landmarks {\n          type\n          x\n          y\n        }\n      }\n      moderation {\n        decision\n        threshold\n        reviewThreshold\n        analyzer\n        labels {\n          name\n          parent\n          confidence\n        }\n      }\n      review {\n        reason\n        since\n        reminders\n        decision\n        by\n        at\n        note\n      }\n      duplicateOf {\n        id\n        filename\n      }\n      labels {\n        name\n        confidence\n        parents\n      }\n      placeholder\n      dominantColor\n      phash\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      transformUrl(width: 320)\n    }\n  }\n": types.ImageDetailsDocument,
    "\n  query Images($first: Int, $after: String, $status: ImageStatus) {\n    images(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          filename\n          preset\n          width\n          height\n          errorCode\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ImagesDocument,
    "\n  query SimilarImages($id: ID!, $maxDistance: Int, $first: Int) {\n    similarImages(id: $id, maxDistance: $maxDistance, first: $first) {\n      distance\n      image {\n        id\n        filename\n        phash\n      }\n    }\n  }\n": types.SimilarImagesDocument,
    "\n  query Metrics($from: Date, $to: Date, $scope: MetricsScope) {\n    metrics(from: $from, to: $to, scope: $scope) {\n      from\n      to\n      total\n      processed\n      rejected\n      failed\n      reprocessed\n      inReview\n      approved\n      reviewRejected\n      awaitingReview\n      bytesIn\n      bytesOut\n      bytesSaved\n      compressionRatio\n      rejectionRate\n      averageProcessingMs\n      p50ProcessingMs\n      p95ProcessingMs\n      facesDetected\n      variantBytes {\n        variant\n        bytes\n      }\n      failureReasons {\n        code\n        count\n      }\n      series {\n        date\n        total\n        processed\n        rejected\n        failed\n        reprocessed\n        inReview\n        approved\n        reviewRejected\n        bytesIn\n        bytesOut\n        facesDetected\n        averageProcessingMs\n        p95ProcessingMs\n      }\n    }\n  }\n": types.MetricsDocument,
    "\n  query Presets {\n    presets {\n      name\n      description\n      outputs {\n        name\n        width\n        height\n        fit\n        formats\n        quality\n        operations\n      }\n    }\n  }\n": types.PresetsDocument,
    "\n  mutation ReprocessImage($id: ID!, $preset: String) {\n    reprocessImage(id: $id, preset: $preset) {\n      id\n      status\n      preset\n    }\n  }\n": types.ReprocessImageDocument,
    "\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id)\n  }\n": types.DeleteImageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationQueue($first: Int, $after: String) {\n    moderationQueue(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          filename\n          width\n          height\n          createdAt\n          reviewUrl\n          review {\n            reason\n            since\n            reminders\n          }\n          moderation {\n            labels {\n              name\n              parent\n              confidence\n            }\n          }\n          duplicateOf {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').ModerationQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveImage($id: ID!) {\n    approveImage(id: $id) {\n      id\n      status\n      review {\n        decision\n        by\n        at\n      }\n    }\n  }\n"): typeof import('./graphql.js').ApproveImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectImage($id: ID!, $reason: String!) {\n    rejectImage(id: $id, reason: $reason) {\n      id\n      status\n      error\n      errorCode\n      review {\n        decision\n        by\n        at\n        note\n      }\n    }\n  }\n"): typeof import('./graphql.js').RejectImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      imageId\n      url\n      fields {\n        name\n        value\n      }\n      expiresAt\n      maxBytes\n    }\n  }\n"): typeof import('./graphql.js').CreateUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageStatus($id: ID!) {\n    imageStatus(id: $id) {\n      id\n      status\n      error\n      errorCode\n    }\n  }\n"): typeof import('./graphql.js').ImageStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageResult($id: ID!) {\n    image(id: $id) {\n      id\n      status\n      filename\n      width\n      height\n      format\n      bytes\n      error\n      errorCode\n      timings {\n        totalMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n    }\n  }\n"): typeof import('./graphql.js').ImageResultDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyMetrics {\n    metrics {\n      total\n      processed\n      rejected\n      failed\n      bytesIn\n      bytesOut\n    }\n  }\n"): typeof import('./graphql.js').MyMetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      error\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      variants {\n        name\n        format\n        width\n        height\n        url\n      }\n    }\n  }\n"): typeof import('./graphql.js').ImageMarkupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageTransformUrl(\n    $id: ID!\n    $width: Int\n    $height: Int\n    $fit: Fit\n    $format: DeliveryFormat\n    $dpr: Float\n  ) {\n    image(id: $id) {\n      id\n      status\n      transformUrl(width: $width, height: $height, fit: $fit, format: $format, dpr: $dpr)\n    }\n  }\n"): typeof import('./graphql.js').ImageTransformUrlDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageDetails($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      filename\n      contentType\n      bytes\n      width\n      height\n      format\n      preset\n      createdAt\n      updatedAt\n      processedAt\n      error\n      errorCode\n      warnings\n      timings {\n        totalMs\n        decodeMs\n        analysisMs\n        gateMs\n        variantsMs\n        fingerprintMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n      faces {\n        box {\n          left\n          top\n          width\n          height\n        }\n        confidence\n        ageRange {\n          low\n          high\n        }\n        emotions {\n          type\n          confidence\n        }\n        landmarks {\n          type\n          x\n          y\n        }\n      }\n      moderation {\n        decision\n        threshold\n        reviewThreshold\n        analyzer\n        labels {\n          name\n          parent\n          confidence\n        }\n      }\n      review {\n        reason\n        since\n        reminders\n        decision\n        by\n        at\n        note\n      }\n      duplicateOf {\n        id\n        filename\n      }\n      labels {\n        name\n        confidence\n        parents\n      }\n      placeholder\n      dominantColor\n      phash\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      transformUrl(width: 320)\n    }\n  }\n"): typeof import('./graphql.js').ImageDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Images($first: Int, $after: String, $status: ImageStatus) {\n    images(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          filename\n          preset\n          width\n          height\n          errorCode\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').ImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimilarImages($id: ID!, $maxDistance: Int, $first: Int) {\n    similarImages(id: $id, maxDistance: $maxDistance, first: $first) {\n      distance\n      image {\n        id\n        filename\n        phash\n      }\n    }\n  }\n"): typeof import('./graphql.js').SimilarImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Metrics($from: Date, $to: Date, $scope: MetricsScope) {\n    metrics(from: $from, to: $to, scope: $scope) {\n      from\n      to\n      total\n      processed\n      rejected\n      failed\n      reprocessed\n      inReview\n      approved\n      reviewRejected\n      awaitingReview\n      bytesIn\n      bytesOut\n      bytesSaved\n      compressionRatio\n      rejectionRate\n      averageProcessingMs\n      p50ProcessingMs\n      p95ProcessingMs\n      facesDetected\n      variantBytes {\n        variant\n        bytes\n      }\n      failureReasons {\n        code\n        count\n      }\n      series {\n        date\n        total\n        processed\n        rejected\n        failed\n        reprocessed\n        inReview\n        approved\n        reviewRejected\n        bytesIn\n        bytesOut\n        facesDetected\n        averageProcessingMs\n        p95ProcessingMs\n      }\n    }\n  }\n"): typeof import('./graphql.js').MetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Presets {\n    presets {\n      name\n      description\n      outputs {\n        name\n        width\n        height\n        fit\n        formats\n        quality\n        operations\n      }\n    }\n  }\n"): typeof import('./graphql.js').PresetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReprocessImage($id: ID!, $preset: String) {\n    reprocessImage(id: $id, preset: $preset) {\n      id\n      status\n      preset\n    }\n  }\n"): typeof import('./graphql.js').ReprocessImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id)\n  }\n"): typeof import('./graphql.js').DeleteImageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
