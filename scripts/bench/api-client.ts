/** The public API as a client uses it: GraphQL over HTTP, and the presigned POST upload. */

export async function gql<T>(
  url: string,
  owner: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer dev:${owner}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors?.length) {
    throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  }
  return body.data;
}

export interface Uploaded {
  imageId: string;
  /** performance.now() when the POST was answered: the upload is in the bucket. */
  uploadedAt: number;
  uploadMs: number;
}

/** Asks for a ticket and POSTs the file with it, as a browser would. */
export async function upload(
  url: string,
  owner: string,
  file: { bytes: Buffer; name: string; contentType: string },
): Promise<Uploaded> {
  const { createUpload: ticket } = await gql<{
    createUpload: { imageId: string; url: string; fields: { name: string; value: string }[] };
  }>(
    url,
    owner,
    'mutation($input: CreateUploadInput!) { createUpload(input: $input) { imageId url fields { name value } } }',
    { input: { filename: file.name, contentType: file.contentType, bytes: file.bytes.length } },
  );
  const form = new FormData();
  for (const { name, value } of ticket.fields) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const started = performance.now();
  const posted = await fetch(ticket.url, { method: 'POST', body: form });
  const uploadedAt = performance.now();
  if (!posted.ok) throw new Error(`upload refused: ${posted.status} ${await posted.text()}`);
  return { imageId: ticket.imageId, uploadedAt, uploadMs: uploadedAt - started };
}

export const contentTypeOf = (name: string): string =>
  /\.png$/i.test(name) ? 'image/png' : /\.webp$/i.test(name) ? 'image/webp' : 'image/jpeg';
