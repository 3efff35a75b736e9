import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

/** The caller sent something the API cannot accept; the message says what and how to fix it. */
export const badUserInput = (message: string, field?: string) =>
  new GraphQLError(message, {
    extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
  });

/** The caller is known but may not do this; the message says what it would take. */
export const forbidden = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

/**
 * A mutation named an image the caller cannot see: missing and another owner's answer alike, so
 * ids of other callers' images reveal nothing.
 */
export const notFound = (id: string) =>
  new GraphQLError(`No image ${id}`, { extensions: { code: 'NOT_FOUND', field: 'id' } });
