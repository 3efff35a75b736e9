import { GetCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFaults } from '../../src/local/faults.js';
import { ALL_OWNERS, METRICS_TOTAL_SK, metricsPk } from '../../src/table/layout.js';
import {
  finishedCounters,
  MetricsTable,
  shardOf,
  type Transition,
} from '../../src/table/metrics.js';
import { freshTable } from '../helpers/table.js';

const SHARDS = { everyone: 8, owner: 1 };
const IMAGES = 1000;
const OWNERS = 20;

/**
 * The counting at scale, simulated on DynamoDB Local: many transitions counted at once through
 * requests that fail and replies that get lost, spread over the everyone scope's shards.
 */
describe('sharded counters under concurrent, faulty counting', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  const transitions: Transition[] = Array.from({ length: IMAGES }, (_, i) => ({
    imageId: `shard-sim-${i}`, // fixed ids: the spread below is the same every run
    name: 'finished#0',
    owner: `owner-${i % OWNERS}`,
    at: new Date('2026-11-30T10:00:00Z'),
    counters: finishedCounters({
      status: 'PROCESSED',
      bytesIn: 1000 + i,
      variantBytes: { 'thumb.webp': 100 },
      faces: i % 2,
    }),
  }));
  beforeAll(async () => {
    table = await freshTable();
  });
  afterAll(() => table?.dispose());

  it('counts each of 1,000 transitions once, 50 at a time, and spreads them over the shards', async () => {
    const faulty = table.client(10);
    // A tenth of requests fail, a tenth of the rest lose their reply after being applied.
    injectFaults(faulty, { fail: 0.1, dropReply: 0.1 });
    const metrics = new MetricsTable(faulty, table.tableName, SHARDS);
    const limit = pLimit(50);
    const outcomes = await Promise.all(transitions.map((t) => limit(() => metrics.count(t))));
    // A lost reply retried may be answered "already" (the mark is there): counted all the same.
    expect(outcomes.filter((o) => o === 'counted').length).toBeGreaterThan(IMAGES * 0.8);

    const reader = table.client();
    const clean = new MetricsTable(reader, table.tableName, SHARDS);
    const everyone = await clean.readTotals(ALL_OWNERS);
    expect(everyone.processed).toBe(IMAGES);
    expect(everyone.bytesIn).toBe(transitions.reduce((s, t) => s + t.counters.bytesIn!, 0));
    expect(everyone.variantBytes['thumb.webp']).toBe(IMAGES * 100);
    const [day] = await clean.readDays(ALL_OWNERS, '2026-11-30', '2026-11-30');
    expect(day!.counters.processed).toBe(IMAGES);
    for (let o = 0; o < OWNERS; o++) {
      expect((await clean.readTotals(`owner-${o}`)).processed).toBe(IMAGES / OWNERS);
    }

    // Each shard item holds exactly the transitions shardOf sends it, and none holds much more
    // than its share (the hot item's write rate is what sharding divides).
    const expected = Array.from({ length: SHARDS.everyone }, () => 0);
    for (const t of transitions) expected[shardOf(t, SHARDS.everyone)]!++;
    const found: number[] = [];
    for (let shard = 0; shard < SHARDS.everyone; shard++) {
      const { Item } = await reader.send(
        new GetCommand({
          TableName: table.tableName,
          Key: { pk: metricsPk(ALL_OWNERS, shard), sk: METRICS_TOTAL_SK },
        }),
      );
      found.push(Number(Item?.processed ?? 0));
    }
    expect(found).toEqual(expected);
    const share = IMAGES / SHARDS.everyone;
    expect(Math.max(...found)).toBeLessThan(share * 1.25);
    expect(Math.min(...found)).toBeGreaterThan(share * 0.75);
    // An owner with one shard has all of its counts on the unsharded key.
    const { Item: owner } = await reader.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: metricsPk('owner-0'), sk: METRICS_TOTAL_SK },
      }),
    );
    expect(owner?.processed).toBe(IMAGES / OWNERS);

    // Every transition delivered again (a stream redelivering its records): nothing changes.
    // Within ten minutes DynamoDB answers a repeat by its request token, as a success that
    // applies nothing; later the mark's condition refuses it ('already').
    await Promise.all(transitions.map((t) => limit(() => clean.count(t))));
    const totals = await clean.readTotals(ALL_OWNERS);
    expect(totals.processed).toBe(IMAGES);
    expect(totals.bytesIn).toBe(everyone.bytesIn);
    // Past the token's ten minutes only the mark is left to refuse a repeat: played here by a
    // client that sends the transaction without its token.
    const tokenless = table.client();
    tokenless.middlewareStack.add(
      (next) => (args) => {
        delete (args.input as { ClientRequestToken?: string }).ClientRequestToken;
        return next(args);
      },
      { step: 'initialize', name: 'dropToken' },
    );
    const late = new MetricsTable(tokenless, table.tableName, SHARDS);
    const lateOutcomes = await Promise.all(transitions.map((t) => limit(() => late.count(t))));
    expect(new Set(lateOutcomes)).toEqual(new Set(['already']));
    expect((await clean.readTotals(ALL_OWNERS)).processed).toBe(IMAGES);
    tokenless.destroy();
    faulty.destroy();
    reader.destroy();
  }, 180_000);

  it('picks the same shard for a transition every time, and different ones across transitions', () => {
    const t = transitions[0]!;
    expect(shardOf(t, 8)).toBe(shardOf({ imageId: t.imageId, name: t.name }, 8));
    expect(shardOf({ imageId: t.imageId, name: 'upload' }, 1)).toBe(0);
    const used = new Set(transitions.slice(0, 100).map((x) => shardOf(x, 8)));
    expect(used.size).toBe(8);
  });
});
