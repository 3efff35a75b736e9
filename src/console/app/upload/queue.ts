/**
 * The upload page's work, kept outside React so that leaving the page (another route) neither
 * stops nor forgets an upload: coming back shows where each file got to. Each file asks for a
 * ticket, sends its bytes (at most MAX_SENDING at once; the rest wait), then polls its status
 * until it is terminal. Every row ends terminal or with a message saying what went wrong.
 */
import type { DarkroomClient } from '../../../client/client.js';
import type { CreateUploadMutation, ImageStatus } from '../../../client/generated/graphql.js';
import { CreateUploadDocument, ImageStatusDocument } from '../../../client/operations.js';
import { errorMessage } from '../api.js';
import { followStatus, POLL_MS, sleep } from '../parts/follow-status.js';
import { TERMINAL } from '../parts/StatusBadge.js';
import { postWithProgress, StorageUnreachable } from './post.js';

const MAX_SENDING = 3;
/** Status polls slow down once processing has taken a while. */
const SLOW_POLL_MS = 5000;
const SLOW_AFTER_MS = 60_000;
/** Status checks after an upload whose answer could not be read. */
const LANDED_CHECKS = 5;

export type UploadStage = 'queued' | 'requesting' | 'sending' | 'processing' | 'done' | 'failed';

export interface UploadRow {
  readonly key: number;
  readonly name: string;
  readonly bytes: number;
  readonly stage: UploadStage;
  /** Bytes sent so far. */
  readonly sent: number;
  readonly imageId?: string;
  readonly status?: ImageStatus;
  /** The API's reason for a FAILED or REJECTED image. */
  readonly error?: string | null;
  /** What stopped this file before it reached a terminal status (refusal, network). */
  readonly problem?: string;
}

interface Job {
  key: number;
  file: File;
  preset: string | undefined;
}

export class UploadQueue {
  private rows: readonly UploadRow[] = [];
  private readonly waiting: Job[] = [];
  private sending = 0;
  private nextKey = 1;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: DarkroomClient) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly snapshot = () => this.rows;

  /** Queues the files in order; `preset` undefined leaves the choice to the API (`default`). */
  add(files: Iterable<File>, preset: string | undefined): void {
    const added: UploadRow[] = [];
    for (const file of files) {
      const key = this.nextKey++;
      this.waiting.push({ key, file, preset });
      added.push({ key, name: file.name, bytes: file.size, stage: 'queued', sent: 0 });
    }
    this.rows = [...this.rows, ...added];
    this.emit();
    this.pump();
  }

  /** Forgets the rows that finished, keeping those still under way. */
  clearFinished(): void {
    this.rows = this.rows.filter((row) => !isFinished(row));
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  private update(key: number, patch: Partial<UploadRow>) {
    this.rows = this.rows.map((row) => (row.key === key ? { ...row, ...patch } : row));
    this.emit();
  }

  private pump() {
    while (this.sending < MAX_SENDING && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.sending++;
      void this.send(job).then((imageId) => {
        this.sending--;
        this.pump();
        if (imageId) void this.poll(job.key, imageId);
      });
    }
  }

  /** Ticket, then bytes; the image id once they are stored, undefined when refused. */
  private async send({ key, file, preset }: Job): Promise<string | undefined> {
    this.update(key, { stage: 'requesting' });
    let ticket: CreateUploadMutation['createUpload'];
    try {
      const input = {
        filename: file.name,
        contentType: file.type || 'application/octet-stream',
        bytes: file.size,
        preset,
      };
      ticket = (await this.api.request(CreateUploadDocument, { input })).createUpload;
    } catch (error) {
      // Refused up front (type, size, quota, preset): nothing is sent.
      this.update(key, { stage: 'failed', problem: errorMessage(error) });
      return undefined;
    }
    const imageId = ticket.imageId;
    this.update(key, { stage: 'sending', imageId, status: 'PENDING_UPLOAD' });
    try {
      await postWithProgress(ticket, file, (fraction) =>
        this.update(key, { sent: Math.round(fraction * file.size) }),
      );
    } catch (error) {
      if (!(error instanceof StorageUnreachable && (await this.landed(imageId)))) {
        this.update(key, { stage: 'failed', problem: errorMessage(error) });
        return undefined;
      }
    }
    this.update(key, { stage: 'processing', sent: file.size });
    return imageId;
  }

  /**
   * Whether the file arrived though its answer was lost (or hidden by CORS): processing starts
   * within seconds of an upload, so the status moves on from PENDING_UPLOAD.
   */
  private async landed(id: string): Promise<boolean> {
    for (let attempt = 0; attempt < LANDED_CHECKS; attempt++) {
      await sleep(POLL_MS);
      const found = await this.api.request(ImageStatusDocument, { id }).catch(() => undefined);
      if (found?.imageStatus && found.imageStatus.status !== 'PENDING_UPLOAD') return true;
    }
    return false;
  }

  private async poll(key: number, id: string) {
    const result = await followStatus(this.api, id, {
      slowAfterMs: SLOW_AFTER_MS,
      slowPollMs: SLOW_POLL_MS,
      onStatus: (info) => {
        if (!info) return;
        const done = TERMINAL.has(info.status);
        this.update(key, {
          status: info.status,
          error: info.error,
          stage: done ? 'done' : 'processing',
        });
      },
    });
    if (result.end === 'gone') {
      this.update(key, { stage: 'failed', problem: 'The image is gone (was it deleted?).' });
    } else if (result.end === 'gave-up') {
      const problem = `The status could not be read: ${result.problem}`;
      this.update(key, { stage: 'failed', problem });
    }
  }
}

export const isFinished = (row: UploadRow) => row.stage === 'done' || row.stage === 'failed';

// One queue per API client, that is per signed-in session: a new session starts empty.
const queues = new WeakMap<DarkroomClient, UploadQueue>();

export function queueFor(api: DarkroomClient): UploadQueue {
  let queue = queues.get(api);
  if (!queue) queues.set(api, (queue = new UploadQueue(api)));
  return queue;
}
