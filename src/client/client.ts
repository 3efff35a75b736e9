import type { TypedDocumentString } from './generated/graphql.js';

/**
 * A small typed client for Darkroom's GraphQL API, for scripts, web apps and anything else with
 * `fetch`. Operations come from ./operations.ts (or your own, generated the same way), so the
 * variables and the result are typed end to end.
 */
export interface DarkroomClientOptions {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql or the deployed `graphql_url`. */
  url: string;
  /** `Bearer <Cognito access token>` on AWS; `Bearer dev:<user>` on the embedded default. */
  authorization?: string | undefined;
  fetch?: typeof fetch;
}

/** The API answered with errors; each keeps its `extensions.code` (BAD_USER_INPUT, …). */
export class DarkroomError extends Error {
  override name = 'DarkroomError';
  constructor(
    message: string,
    readonly errors: { message: string; extensions?: { code?: string; field?: string } }[] = [],
    readonly status?: number,
  ) {
    super(message);
  }
  /** The first error's code, e.g. BAD_USER_INPUT or FORBIDDEN. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface DarkroomClient {
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult>;
}

export function createDarkroomClient(options: DarkroomClientOptions): DarkroomClient {
  const send = options.fetch ?? fetch;
  return {
    async request(document, ...[variables]) {
      const response = await send(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.authorization ? { authorization: options.authorization } : {}),
        },
        body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      });
      const text = await response.text();
      let body: { data?: unknown; errors?: DarkroomError['errors']; message?: unknown };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new DarkroomError(
          `${response.status} from ${options.url}: ${text.slice(0, 200)}`,
          [],
          response.status,
        );
      }
      if (body.errors?.length) {
        throw new DarkroomError(
          body.errors.map((e) => e.message).join('; '),
          body.errors,
          response.status,
        );
      }
      if (body.data == null) {
        // API Gateway's own refusals (401 from the authorizer, 429 throttling) say `message`.
        const said = typeof body.message === 'string' ? body.message : 'no data';
        throw new DarkroomError(
          `${response.status} from ${options.url}: ${said}`,
          [],
          response.status,
        );
      }
      // The document's type parameters describe what this operation returns.
      return body.data as never;
    },
  };
}

/** An upload ticket as createUpload returns it. */
export interface UploadTicketLike {
  url: string;
  fields: readonly { name: string; value: string }[];
}

/**
 * The presigned POST, as a browser or mobile app sends it: every field of the ticket in order,
 * then the file last, named `file`. Throws with S3's own reason when the upload is refused.
 */
export async function postUpload(
  ticket: UploadTicketLike,
  file: Blob,
  send: typeof fetch = fetch,
): Promise<void> {
  const form = new FormData();
  for (const { name, value } of ticket.fields) form.append(name, value);
  form.append('file', file);
  const response = await send(ticket.url, { method: 'POST', body: form });
  if (!response.ok) {
    const reason = /<Message>([^<]*)<\/Message>/.exec(await response.text())?.[1];
    throw new Error(`upload refused (${response.status}): ${reason ?? 'no reason given'}`);
  }
}
