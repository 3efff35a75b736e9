/**
 * `npm run schema:print`: the GraphQL schema, for client code generators (Apollo iOS/Kotlin,
 * graphql-codegen, …). SDL by default; `--json` prints the introspection result instead;
 * `--url <endpoint>` asks a running API (embedded default or deployed) rather than this checkout.
 */
import { parseArgs } from 'node:util';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  introspectionFromSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { typeDefs } from '../src/schema/generated/type-defs.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    url: { type: 'string' },
    token: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run schema:print -- [--json] [--url <graphql endpoint> [--token <jwt>]]

Prints the schema as SDL (or, with --json, as an introspection result). Without --url it is this
checkout's schema; with it, the schema a running API serves.`);
  process.exit(0);
}

let introspection: IntrospectionQuery;
if (values.url) {
  const response = await fetch(values.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(values.token ? { authorization: `Bearer ${values.token}` } : {}),
    },
    body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true }) }),
  }).catch((error: unknown) => {
    console.error(`Cannot reach ${values.url}: ${(error as Error).message}`);
    process.exit(2);
  });
  const body = (await response.json()) as { data?: IntrospectionQuery; errors?: unknown[] };
  if (!body.data) {
    console.error(`${response.status} from ${values.url}: ${JSON.stringify(body.errors ?? body)}`);
    process.exit(1);
  }
  introspection = body.data;
} else {
  introspection = introspectionFromSchema(buildSchema(typeDefs));
}

console.log(
  values.json
    ? JSON.stringify({ data: introspection }, null, 2)
    : printSchema(buildClientSchema(introspection)),
);
