import type { AccessRequest } from './iam-policy.js';

/**
 * What IAM authorises for a DynamoDB (or DynamoDB Streams) request, from its X-Amz-Target and
 * JSON body, as the DynamoDB developer guide's "actions, resources and condition keys" and
 * "fine-grained access control" pages describe: the item operations are authorised on their
 * table (or index) with `dynamodb:LeadingKeys` set to the partition key values they touch; each
 * item of a transaction is authorised as the single-item action it is.
 */

/** Which attribute is the partition key of the table and of each index. */
export interface KeySchema {
  table: string;
  indexes: Record<string, string>;
}

type AttributeValue = Record<string, unknown>;
type Body = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

const tableArn = (prefix: string, table: string) => `${prefix}:table/${table}`;

/** A key's partition value as text (S, N or B as sent). */
function partitionValue(item: unknown, attribute: string): string[] {
  const value = (item as Record<string, AttributeValue> | undefined)?.[attribute];
  if (!value) return [];
  const scalar = value.S ?? value.N ?? value.B;
  return typeof scalar === 'string' ? [scalar] : [];
}

/**
 * The partition key value a Query's key condition names: `<pk> = :value`, the attribute given by
 * name or through ExpressionAttributeNames.
 */
function queriedPartition(body: Body, attribute: string): string[] {
  const expression = text(body.KeyConditionExpression);
  const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (body.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  for (const m of expression.matchAll(/([#\w.]+)\s*=\s*(:\w+)|(:\w+)\s*=\s*([#\w.]+)/g)) {
    const name = m[1] ?? m[4]!;
    const placeholder = m[2] ?? m[3]!;
    if ((names[name] ?? name) !== attribute) continue;
    return partitionValue({ v: values[placeholder] }, 'v');
  }
  return [];
}

const item = (action: string, resource: string, leadingKeys: string[]): AccessRequest => ({
  action,
  resource,
  context: { 'dynamodb:leadingkeys': leadingKeys },
});

const TRANSACT_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

/**
 * The authorisations for one request. `arnPrefix` is `arn:aws:dynamodb:<region>:<account>`;
 * `keys` gives the partition key of the tables this endpoint serves (one schema for all here).
 */
export function dynamodbAccess(
  target: string,
  body: Body,
  arnPrefix: string,
  keys: KeySchema,
): AccessRequest[] {
  const [service, operation = ''] = target.split('.');
  if (service?.startsWith('DynamoDBStreams')) {
    const action = `dynamodb:${operation}`;
    // GetRecords names its stream through the iterator, which carries the stream's ARN.
    const arn =
      typeof body.StreamArn === 'string'
        ? body.StreamArn
        : /arn:aws:dynamodb:[^|\s]+?\/stream\/[^|\s]+/.exec(text(body.ShardIterator))?.[0];
    return [{ action, resource: arn ?? '*' }];
  }
  const action = `dynamodb:${operation}`;
  const table = typeof body.TableName === 'string' ? body.TableName : '';
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [item(action, tableArn(arnPrefix, table), partitionValue(body.Key, keys.table))];
    case 'PutItem':
      return [item(action, tableArn(arnPrefix, table), partitionValue(body.Item, keys.table))];
    case 'Query':
    case 'Scan': {
      // Both read the table, or the index they name.
      const index = text(body.IndexName) || undefined;
      const resource = index
        ? `${tableArn(arnPrefix, table)}/index/${index}`
        : tableArn(arnPrefix, table);
      if (operation === 'Scan') return [{ action, resource }];
      const attribute = index ? (keys.indexes[index] ?? '') : keys.table;
      return [item(action, resource, queriedPartition(body, attribute))];
    }
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const requests = (body.RequestItems ?? {}) as Record<string, unknown>;
      return Object.entries(requests).map(([name, spec]) => {
        const entries =
          operation === 'BatchGetItem'
            ? ((spec as { Keys?: unknown[] }).Keys ?? [])
            : ((spec as Record<string, { Item?: unknown; Key?: unknown }>[]) ?? []).map(
                (w) => w.PutRequest?.Item ?? w.DeleteRequest?.Key,
              );
        return item(
          action,
          tableArn(arnPrefix, name),
          entries.flatMap((key) => partitionValue(key, keys.table)),
        );
      });
    }
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((body.TransactItems ?? []) as Record<string, Body>[]).flatMap((entry) =>
        Object.entries(entry).map(([kind, spec]) =>
          item(
            TRANSACT_ACTIONS[kind] ?? `dynamodb:Unmodelled(${kind})`,
            tableArn(arnPrefix, text(spec.TableName)),
            partitionValue(spec.Key ?? spec.Item, keys.table),
          ),
        ),
      );
    case 'ListTables':
      return [{ action, resource: '*' }];
    default:
      // DescribeTable, CreateTable, UpdateTable, UpdateTimeToLive…: on the table.
      return [{ action, resource: tableArn(arnPrefix, table) }];
  }
}
