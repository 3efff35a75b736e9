import { DateTimeResolver } from 'graphql-scalars';
import type { Resolvers } from '../schema/generated/resolvers-types.js';
import { createUpload } from './create-upload.js';
import { image } from './image.js';
import { queries } from './queries.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  Query: queries,
  Mutation: { createUpload },
  Image: image,
};
