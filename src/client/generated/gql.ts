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
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      imageId\n      url\n      fields {\n        name\n        value\n      }\n      expiresAt\n      maxBytes\n    }\n  }\n": typeof types.CreateUploadDocument,
    "\n  query ImageStatus($id: ID!) {\n    imageStatus(id: $id) {\n      id\n      status\n      error\n      errorCode\n    }\n  }\n": typeof types.ImageStatusDocument,
    "\n  query ImageResult($id: ID!) {\n    image(id: $id) {\n      id\n      status\n      filename\n      width\n      height\n      format\n      bytes\n      error\n      errorCode\n      timings {\n        totalMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n    }\n  }\n": typeof types.ImageResultDocument,
    "\n  query MyMetrics {\n    metrics {\n      total\n      processed\n      rejected\n      failed\n    }\n  }\n": typeof types.MyMetricsDocument,
    "\n  query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      error\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      variants {\n        name\n        format\n        width\n        height\n        url\n      }\n    }\n  }\n": typeof types.ImageMarkupDocument,
};
const documents: Documents = {
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      imageId\n      url\n      fields {\n        name\n        value\n      }\n      expiresAt\n      maxBytes\n    }\n  }\n": types.CreateUploadDocument,
    "\n  query ImageStatus($id: ID!) {\n    imageStatus(id: $id) {\n      id\n      status\n      error\n      errorCode\n    }\n  }\n": types.ImageStatusDocument,
    "\n  query ImageResult($id: ID!) {\n    image(id: $id) {\n      id\n      status\n      filename\n      width\n      height\n      format\n      bytes\n      error\n      errorCode\n      timings {\n        totalMs\n      }\n      variants {\n        name\n        format\n        width\n        height\n        bytes\n        url\n      }\n    }\n  }\n": types.ImageResultDocument,
    "\n  query MyMetrics {\n    metrics {\n      total\n      processed\n      rejected\n      failed\n    }\n  }\n": types.MyMetricsDocument,
    "\n  query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      error\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      variants {\n        name\n        format\n        width\n        height\n        url\n      }\n    }\n  }\n": types.ImageMarkupDocument,
};

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
export function graphql(source: "\n  query MyMetrics {\n    metrics {\n      total\n      processed\n      rejected\n      failed\n    }\n  }\n"): typeof import('./graphql.js').MyMetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {\n    image(id: $id) {\n      id\n      status\n      error\n      html(kind: $kind, sizes: $sizes, alt: $alt)\n      variants {\n        name\n        format\n        width\n        height\n        url\n      }\n    }\n  }\n"): typeof import('./graphql.js').ImageMarkupDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
