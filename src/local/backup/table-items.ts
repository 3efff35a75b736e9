/** The table's items as JSON lines, out and back in, exactly as DynamoDB holds them. */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchWriteItemCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

/**
 * One item as a line of DynamoDB's export format (`{"Item": {"pk": {"S": …}, …}}`): binary
 * values in base64, as DynamoDB writes them, so that numbers, sets and bytes come back unchanged.
 */
export const itemLine = (item: Item): string =>
  JSON.stringify({ Item: item }, (_, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );

/** The item of a line `itemLine` wrote; throws on anything else. */
export function lineItem(line: string): Item {
  const parsed = JSON.parse(line) as { Item?: unknown };
  if (typeof parsed.Item !== 'object' || parsed.Item === null) throw new Error('no "Item" object');
  return decodeBinary(parsed.Item as Item);
}

const decodeBinary = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).map(([name, value]) => [name, decodeValue(value)]));

function decodeValue(value: AttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B as unknown as string, 'base64') };
  if (value.BS !== undefined) {
    return { BS: (value.BS as unknown as string[]).map((b) => Buffer.from(b, 'base64')) };
  }
  if (value.L !== undefined) return { L: value.L.map(decodeValue) };
  if (value.M !== undefined) return { M: decodeBinary(value.M) };
  return value;
}

/** Every item of the table, a page at a time, read consistently. */
export async function* scanItems(client: DynamoDBClient, table: string): AsyncGenerator<Item> {
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

export const tableExists = (client: DynamoDBClient, table: string): Promise<boolean> =>
  client.send(new DescribeTableCommand({ TableName: table })).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    },
  );

/** Whether the table holds any item at all. */
export async function tableIsEmpty(client: DynamoDBClient, table: string): Promise<boolean> {
  const page = await client.send(new ScanCommand({ TableName: table, Limit: 1 }));
  return (page.Items ?? []).length === 0 && !page.LastEvaluatedKey;
}

/** DynamoDB's most per BatchWriteItem. */
const BATCH = 25;

/** Writes the items, 25 to a request, again for those DynamoDB leaves unprocessed. */
export async function putItems(client: DynamoDBClient, table: string, items: Item[]) {
  for (let at = 0; at < items.length; at += BATCH) {
    let pending: WriteRequest[] = items
      .slice(at, at + BATCH)
      .map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(50 * 2 ** attempt, 2000));
      const answer = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
      );
      pending = answer.UnprocessedItems?.[table] ?? [];
    }
  }
}
