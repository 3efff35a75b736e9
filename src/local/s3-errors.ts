import type { ServerResponse } from 'node:http';

/** A refusal as S3 words it: the HTTP status and S3's error code. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

export const accessDenied = (message = 'Access Denied') =>
  new S3Error(403, 'AccessDenied', message);

export const signatureMismatch = () =>
  new S3Error(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );

/** An S3-style XML error body. */
export const s3ErrorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')}</Message></Error>`;

/** Writes `error` (an S3Error, else a 500 InternalError) as S3 does; HEAD answers have no body. */
export function sendS3Error(
  res: ServerResponse,
  method: string | undefined,
  error: unknown,
  headers: Record<string, string> = {},
): void {
  const failure =
    error instanceof S3Error ? error : new S3Error(500, 'InternalError', String(error));
  if (!res.headersSent) {
    res.writeHead(failure.status, { 'content-type': 'application/xml', ...headers });
  }
  res.end(method === 'HEAD' ? undefined : s3ErrorXml(failure.code, failure.message));
}
