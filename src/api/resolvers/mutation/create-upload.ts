import { randomUUID } from 'node:crypto';
import {
  ACCEPTED_CONTENT_TYPES,
  isAcceptedContentType,
  SVG_CONTENT_TYPE,
} from '../../../model/formats.js';
import type { ImageRecord } from '../../../model/image.js';
import { originalKey } from '../../../model/keys.js';
import { unacceptedByContentType } from '../../../model/unaccepted-formats.js';
import { DEFAULT_PRESET_NAME } from '../../../presets/types.js';
import type { MutationResolvers } from '../../../schema/generated/resolvers-types.js';
import { QuotaExceededError } from '../../../table/quotas.js';
import { badUserInput, quotaExceeded } from '../../errors.js';
import { requirePreset } from '../arguments.js';

const ACCEPTED = Object.keys(ACCEPTED_CONTENT_TYPES).join(', ');
/**
 * What has no place in a display name: path separators; control characters (Cc); format
 * characters (Cf), among them the bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that make `photo\u202Egpj.exe` read as `photoexe.jpg`, and zero-width ones; line
 * and paragraph separators; lone surrogates; private-use characters. The zero-width joiner stays:
 * emoji sequences (👨‍👩‍👧) need it.
 */
const BAD_FILENAME = /[/\\\p{Cc}\p{Zl}\p{Zp}\p{Cs}\p{Co}]|(?!\u200D)\p{Cf}/u;
/** Records of tickets never used linger this long after expiry before the table drops them. */
const ABANDONED_GRACE_SECONDS = 24 * 60 * 60;
/**
 * When the sweep first looks at a ticket: after its expiry plus time for an upload that started
 * just before it to land and be delivered. Earlier and it would race the normal delivery.
 */
const SWEEP_GRACE_SECONDS = 5 * 60;

/** A quota's refusal as the caller sees it (QUOTA_EXCEEDED); anything else as it is. */
const refuseOverQuota = (error: unknown): never => {
  throw error instanceof QuotaExceededError ? quotaExceeded(error) : error;
};

export const createUpload: MutationResolvers['createUpload'] = async (_, { input }, ctx) => {
  const { config } = ctx;
  // NFC, so that one name is stored one way however the client's keyboard composed it.
  const filename = input.filename.trim().normalize('NFC');
  const bad = BAD_FILENAME.exec(filename);
  if (filename.length === 0 || filename.length > 255 || bad) {
    const which = bad
      ? ` (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${bad.index + 1})`
      : '';
    throw badUserInput(
      `filename must be 1–255 characters without slashes, control, format (e.g. bidirectional override) or separator characters${which}`,
      'filename',
    );
  }
  const contentType = input.contentType.trim().toLowerCase();
  const svg = config.ALLOW_SVG && contentType === SVG_CONTENT_TYPE;
  if (!isAcceptedContentType(contentType) && !svg) {
    const accepted = config.ALLOW_SVG ? `${ACCEPTED}, ${SVG_CONTENT_TYPE}` : ACCEPTED;
    const known = unacceptedByContentType(contentType);
    throw badUserInput(
      known
        ? `${known.name} (${input.contentType}) is not accepted. ${known.advice(config.ALLOW_SVG)}. Accepted: ${accepted}.`
        : `Unsupported content type "${input.contentType}". Accepted: ${accepted}.`,
      'contentType',
    );
  }
  if (input.bytes != null && (input.bytes < 1 || input.bytes > config.MAX_UPLOAD_BYTES)) {
    throw badUserInput(
      `bytes must be between 1 and ${config.MAX_UPLOAD_BYTES} (the upload limit); got ${input.bytes}`,
      'bytes',
    );
  }
  const preset = requirePreset(ctx, input.preset ?? DEFAULT_PRESET_NAME).name;

  const id = randomUUID();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + config.UPLOAD_URL_TTL_SECONDS * 1000);
  const record: ImageRecord = {
    id,
    owner: ctx.owner,
    status: 'PENDING_UPLOAD',
    filename,
    contentType,
    preset,
    originalKey: originalKey(id),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    variants: [],
  };
  const [post] = await Promise.all([
    ctx.signer.uploadPolicy({
      bucket: config.ORIGINALS_BUCKET,
      key: record.originalKey,
      contentType,
      maxBytes: config.MAX_UPLOAD_BYTES,
      expiresInSeconds: config.UPLOAD_URL_TTL_SECONDS,
    }),
    // Refused before anything is written. Approximate by design: tickets in flight reserve no
    // bytes, and what is stored is counted from the stream, a moment behind.
    ctx.quotas.checkStoredBytes(ctx.owner, config.QUOTA_STORED_BYTES).catch(refuseOverQuota),
  ]);
  const ticketExpiry = Math.ceil(expiresAt.getTime() / 1000);
  // The record and the day's upload count in one transaction: exact, however many at once.
  await ctx.images
    .createPending(
      record,
      ticketExpiry + ABANDONED_GRACE_SECONDS,
      ticketExpiry + SWEEP_GRACE_SECONDS,
      config.QUOTA_UPLOADS_PER_DAY,
    )
    .catch(refuseOverQuota);
  return {
    imageId: id,
    url: post.url,
    fields: Object.entries(post.fields).map(([name, value]) => ({ name, value })),
    expiresAt: expiresAt.toISOString(),
    maxBytes: config.MAX_UPLOAD_BYTES,
  };
};
