import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import type { Resolvers } from '../../schema/generated/resolvers-types.js';
import { image as imageFields } from './image/fields.js';
import { approveImage } from './mutation/approve-image.js';
import { createUpload } from './mutation/create-upload.js';
import { deleteImage } from './mutation/delete-image.js';
import { rejectImage } from './mutation/reject-image.js';
import { reprocessImage } from './mutation/reprocess-image.js';
import { image } from './query/image.js';
import { imageStatus } from './query/image-status.js';
import { images } from './query/images.js';
import { metrics } from './query/metrics.js';
import { moderationQueue } from './query/moderation-queue.js';
import { presets } from './query/presets.js';
import { quota } from './query/quota.js';
import { similarImages } from './query/similar-images.js';

/** One file per root field: Query in ./query/, Mutation in ./mutation/, the Image type in ./image/. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  // graphql-scalars' validated YYYY-MM-DD string, under the schema's name (graphql-tools would
  // otherwise copy the resolver's own name, LocalDate, onto the type).
  Date: new GraphQLScalarType({ ...LocalDateResolver.toConfig(), name: 'Date' }),
  Query: { image, imageStatus, images, metrics, moderationQueue, similarImages, presets, quota },
  Mutation: { createUpload, reprocessImage, deleteImage, approveImage, rejectImage },
  Image: imageFields,
};
