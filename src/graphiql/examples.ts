/**
 * What the GraphiQL page opens with: one tab per operation of the API, and the Authorization
 * header for the home it runs in. Plain data, shared by the page and the test that checks every
 * example against the schema.
 */

/** Which Authorization header the page suggests: the embedded default's or a Cognito JWT. */
export type GraphiqlAuth = 'dev' | 'jwt';

export interface ExampleTab {
  query: string;
  /** JSON text for the variables pane. */
  variables?: string;
}

/** A well-formed id that is nobody's: `image` and `imageStatus` answer null until you paste one. */
export const PLACEHOLDER_IMAGE_ID = '00000000-0000-4000-8000-000000000000';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The headers pane of every tab, as JSON text. */
export function defaultHeaders(auth: GraphiqlAuth): string {
  return json({
    Authorization: auth === 'dev' ? 'Bearer dev:alice' : 'Bearer <paste a Cognito ID token>',
  });
}

const AUTH_HELP: Record<GraphiqlAuth, string> = {
  dev: `# Who you are: the Headers pane below. On the embedded
# default (npm start), "Authorization": "Bearer dev:<user>"
# acts as <user> (letters, digits, . _ @ -); without the
# header you are user "local".`,
  jwt: `# Who you are: the Headers pane below, "Authorization":
# "Bearer <token>" with an ID token from this stack's Cognito
# user pool (terraform/README.md shows how to get one). With
# auth_mode = "none" drop the header: everyone is "anonymous".`,
};

export function exampleTabs(auth: GraphiqlAuth): ExampleTab[] {
  return [
    {
      query: `# Darkroom: an example operation per tab; run it with ▶
# (Ctrl-Enter). The docs icon (top left) shows the schema.
#
${AUTH_HELP[auth]}
#
# Your counters: tickets issued (total), processed, rejected,
# failed, bytes in and out.
query Metrics {
  metrics {
    total
    processed
    rejected
    failed
    bytesIn
    bytesOut
    compressionRatio
    p95ProcessingMs
  }
}
`,
    },
    {
      query: `# A ticket for one upload: POST multipart/form-data to
# \`url\` with every field of \`fields\`, in order, then the
# file as \`file\`. (Or: npm run upload -- <file>.)
mutation CreateUpload($input: CreateUploadInput!) {
  createUpload(input: $input) {
    imageId
    url
    fields {
      name
      value
    }
    maxBytes
    expiresAt
  }
}
`,
      variables: json({ input: { filename: 'cat.jpg', contentType: 'image/jpeg' } }),
    },
    {
      query: `# Your images, newest first. For the next page, pass
# pageInfo.endCursor as $after.
query Images($first: Int, $after: String, $status: ImageStatus) {
  images(first: $first, after: $after, status: $status) {
    edges {
      node {
        id
        status
        filename
        width
        height
        createdAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
      variables: json({ first: 10 }),
    },
    {
      query: `# One image with its variants (signed delivery URLs) and a size on demand.
# Paste an imageId from CreateUpload or Images into the
# variables; an id that is not yours answers null.
query Image($id: ID!) {
  image(id: $id) {
    id
    status
    filename
    format
    width
    height
    error
    errorCode
    warnings
    variants {
      name
      format
      width
      height
      bytes
      url
    }
    # Any size: CSS pixels × the screen's pixel ratio, AVIF/WebP/JPEG by Accept.
    transformUrl(width: 375, dpr: 2, format: AUTO)
    timings {
      totalMs
      decodeMs
      analysisMs
      variantsMs
    }
    moderation {
      decision
      labels {
        name
        confidence
      }
    }
    labels {
      name
      confidence
    }
    faces {
      confidence
      box {
        left
        top
        width
        height
      }
    }
  }
}
`,
      variables: json({ id: PLACEHOLDER_IMAGE_ID }),
    },
    {
      query: `# A cheap poll while an upload is processed.
query ImageStatus($id: ID!) {
  imageStatus(id: $id) {
    id
    status
    error
    errorCode
    updatedAt
  }
}
`,
      variables: json({ id: PLACEHOLDER_IMAGE_ID }),
    },
  ];
}
