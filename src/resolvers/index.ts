import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import type { Resolvers } from '../schema/generated/resolvers-types.js';
import { createUpload } from './create-upload.js';
import { deleteImage } from './delete-image.js';
import { image } from './image.js';
import { presets } from './presets.js';
import { queries } from './queries.js';
import { reprocessImage } from './reprocess-image.js';
import { similarImages } from './similar-images.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  // graphql-scalars' validated YYYY-MM-DD string, under the schema's name (graphql-tools would
  // otherwise copy the resolver's own name, LocalDate, onto the type).
  Date: new GraphQLScalarType({ ...LocalDateResolver.toConfig(), name: 'Date' }),
  Query: { ...queries, similarImages, presets },
  Mutation: { createUpload, reprocessImage, deleteImage },
  Image: image,
};
