import type { ImageRecord } from '../../../model/image.js';
import type { MutationResolvers } from '../../../schema/generated/resolvers-types.js';
import { badUserInput, notFound, originalMissing } from '../../errors.js';
import { checkId, requirePreset } from '../arguments.js';

const notFinished = (image: ImageRecord) =>
  badUserInput(
    `Image ${image.id} is ${image.status}: only PROCESSED or FAILED images can be reprocessed` +
      (image.status === 'REJECTED'
        ? ' (moderation rejected it, and it stays rejected).'
        : image.status === 'IN_REVIEW'
          ? ' (it is held for review until an admin approves or rejects it).'
          : '; wait until it finishes.'),
    'id',
  );

/**
 * Puts a finished image back through the processor with another (or the same) preset. The record
 * is reset conditionally (PROCESSING, lease already expired, next generation), then the original
 * is copied onto itself so S3 notifies the processor as for an upload. Should that copy fail, the
 * record is already where the sweep finds it, so the image is still processed, only later.
 */
export const reprocessImage: MutationResolvers['reprocessImage'] = async (_, args, ctx) => {
  const id = checkId(args.id);
  const current = await ctx.images.getOwned(id, ctx.owner);
  if (!current) throw notFound(args.id);
  const preset = requirePreset(ctx, args.preset ?? current.preset).name;
  if (current.status !== 'PROCESSED' && current.status !== 'FAILED') throw notFinished(current);
  // Refused up front: a reset record whose copy cannot be made would only end FAILED later.
  if (!(await ctx.objects.originalStored(current.originalKey, current.originalVersionId))) {
    throw originalMissing(args.id);
  }

  const started = await ctx.images.startReprocess(id, ctx.owner, preset, ctx.now());
  if (!started) {
    // It changed between the read and the write: deleted, or another reprocess got there first.
    const now = await ctx.images.getOwned(id, ctx.owner);
    throw now ? notFinished(now) : notFound(args.id);
  }
  try {
    await ctx.objects.touchOriginal(
      started.originalKey,
      started.contentType,
      started.generation ?? 1,
      started.originalVersionId,
    );
  } catch (error) {
    ctx.logger.error('could not notify the processor; the sweep will reprocess the image', {
      imageId: id,
      error: error as Error,
    });
  }
  return started;
};
