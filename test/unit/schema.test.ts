/**
 * src/api/server.ts builds the executable schema with the SDL checks off (assumeValidSDL) and
 * the resolvers put on in place, for the cold start. This is where those checks still run: the
 * generated SDL must pass every one, and the schema the API serves must be that SDL with every
 * resolver on it.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  buildASTSchema,
  GraphQLObjectType,
  GraphQLScalarType,
  parse,
  printSchema,
  validateSchema,
} from 'graphql';
import { expect, it } from 'vitest';
import { resolvers } from '../../src/api/resolvers/index.js';
import { executableSchema } from '../../src/api/server.js';
import { typeDefs } from '../../src/schema/generated/type-defs.js';

it('the generated SDL passes every SDL and schema check', () => {
  const checked = buildASTSchema(parse(typeDefs));
  expect(validateSchema(checked)).toEqual([]);
});

it('the served schema is the SDL with every resolver on it, as makeExecutableSchema makes it', () => {
  const served = executableSchema();
  const reference = makeExecutableSchema({ typeDefs, resolvers });
  expect(printSchema(served)).toBe(printSchema(reference));
  expect(validateSchema(served)).toEqual([]);
  let attached = 0;
  for (const [typeName, given] of Object.entries(resolvers)) {
    const type = served.getType(typeName);
    if (given instanceof GraphQLScalarType) {
      expect(type, typeName).toBeInstanceOf(GraphQLScalarType);
      const scalar = type as GraphQLScalarType;
      expect(scalar.serialize, typeName).toBe(given.serialize);
      expect(scalar.parseValue, typeName).toBe(given.parseValue);
      attached++;
      continue;
    }
    expect(type, typeName).toBeInstanceOf(GraphQLObjectType);
    const fields = (type as GraphQLObjectType).getFields();
    // buildASTSchema leaves every field on the default resolver (resolve undefined); the
    // attached one is the given function, bound to its resolver map.
    for (const fieldName of Object.keys(given as Record<string, unknown>)) {
      expect(fields[fieldName]?.resolve, `${typeName}.${fieldName}`).toBeTypeOf('function');
      attached++;
    }
  }
  expect(attached).toBeGreaterThan(10);
});
