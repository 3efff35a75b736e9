import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

/** The caller sent something the API cannot accept; the message says what and how to fix it. */
export const badUserInput = (message: string, field?: string) =>
  new GraphQLError(message, {
    extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
  });
