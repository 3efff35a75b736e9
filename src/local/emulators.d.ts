// s3rver ships no type declarations; these cover only what the embedded default uses.

declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { EventEmitter } from 'node:events';

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** The emulator's filesystem store (lib/stores/filesystem.js). */
  export interface FilesystemStore {
    /** Where one of an object's files lives: `object`, `object.md5` or `metadata.json`. */
    getResourcePath(bucket: string, key: string, resource: string): string;
    deleteObject(bucket: string, key: string): Promise<void>;
  }

  class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    readonly store: FilesystemStore;
    configureBuckets(): Promise<void>;
    /** Koa's request listener for mounting the emulator in another HTTP server. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
  export default S3rver;
}
