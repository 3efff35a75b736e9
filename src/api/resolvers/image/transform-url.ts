import type { ImageResolvers } from '../../../schema/generated/resolvers-types.js';
import type { DeliveryFormat, Fit, Transform } from '../../../urls/grammar.js';
import { transformProblem } from '../../../urls/limits.js';
import { badUserInput } from '../../errors.js';

/** Device pixel ratios are rounded to two decimals (2.625 → 2.63), as the URL spells them. */
const roundDpr = (dpr: number) => Math.round(dpr * 100) / 100;

/** The transform the arguments ask for, or BAD_USER_INPUT naming what is out of limits. */
export function transformOf(
  args: {
    width?: number | null;
    height?: number | null;
    fit?: 'COVER' | 'INSIDE' | null;
    format?: 'AUTO' | 'JPEG' | 'WEBP' | 'AVIF' | 'PNG' | null;
    dpr?: number | null;
  },
  limits: { maxSide: number; sizes?: readonly number[] | undefined },
): Transform {
  const transform: Transform = {
    fit: (args.fit ?? 'INSIDE').toLowerCase() as Fit,
    format: (args.format ?? 'AUTO').toLowerCase() as DeliveryFormat,
    dpr: roundDpr(args.dpr ?? 1),
    ...(args.width != null ? { width: args.width } : {}),
    ...(args.height != null ? { height: args.height } : {}),
  };
  const problem = transformProblem(transform, limits);
  if (problem) throw badUserInput(problem, problem.split(' ')[0]);
  return transform;
}

/** `Image.transformUrl`: a signed on-demand URL; null unless the image is PROCESSED. */
export const transformUrl: NonNullable<ImageResolvers['transformUrl']> = (record, args, ctx) => {
  const transform = transformOf(args, {
    maxSide: ctx.config.DELIVERY_MAX_SIDE,
    sizes: ctx.config.DELIVERY_SIZES,
  });
  if (record.status !== 'PROCESSED') return null;
  return ctx.delivery.transform(record, transform);
};
