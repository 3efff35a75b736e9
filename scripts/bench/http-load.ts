import { Agent, request } from 'node:http';

/**
 * A small load generator: a fixed number of clients, each sending its next GET as soon as its
 * last answer is read, over keep-alive connections (one per client), as wrk or hey would.
 */

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  /** From sending the request to the last byte of the body. */
  ms: number;
}

export interface HttpClients {
  get(url: string): Promise<HttpAnswer>;
  close(): void;
}

/** At most `clients` connections, kept open between requests. */
export function httpClients(clients: number): HttpClients {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const get = (url: string) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const started = performance.now();
      const req = request(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

export interface Load<T> {
  /** In the order of the work items. */
  results: T[];
  /** From the first request sent to the last answer read. */
  wallMs: number;
}

/** `clients` workers taking the next item in turn until none is left. */
export async function drive<I, T>(
  items: readonly I[],
  clients: number,
  work: (item: I) => Promise<T>,
): Promise<Load<T>> {
  const results: T[] = new Array<T>(items.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return { results, wallMs: performance.now() - started };
}
