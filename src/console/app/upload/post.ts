/**
 * The presigned POST, as postUpload (src/client/client.ts) sends it, but through XMLHttpRequest:
 * fetch cannot report upload progress.
 */
import type { UploadTicketLike } from '../../../client/client.js';

/** No answer could be read: the network failed, or the answer lacked CORS headers. */
export class StorageUnreachable extends Error {
  override name = 'StorageUnreachable';
}

export function postWithProgress(
  ticket: UploadTicketLike,
  file: File,
  /** The share of the request sent, 0..1 (the form's fields count too, so not the file's bytes). */
  onProgress: (fraction: number) => void,
): Promise<void> {
  const form = new FormData();
  // Every field in order, then the file last: S3 ignores fields after the file.
  for (const { name, value } of ticket.fields) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ticket.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      const reason = s3Message(xhr.responseText);
      reject(
        new Error(`Storage refused the upload (${xhr.status}): ${reason ?? 'no reason given'}`),
      );
    };
    // No status and no body: the network failed, or CORS hid the answer (the file may be stored).
    xhr.onerror = () =>
      reject(new StorageUnreachable('The upload could not reach storage (network error).'));
    xhr.onabort = () => reject(new Error('The upload was cancelled.'));
    xhr.send(form);
  });
}

/** S3's `<Error><Message>` text (entities decoded), if the answer has one. */
function s3Message(body: string): string | undefined {
  const xml = new DOMParser().parseFromString(body, 'application/xml');
  return xml.querySelector('Error > Message')?.textContent?.trim() || undefined;
}
