import { describe, expect, it } from 'vitest';
import { dynamodbAccess } from '../../src/local/dynamodb-access.js';
import { allowingStatement, type PolicyStatement } from '../../src/local/iam-policy.js';
import { s3Access } from '../../src/local/s3-access.js';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/darkroom';
const KEYS = { table: 'pk', indexes: { byLease: 'leasePk' } };

const images: PolicyStatement = {
  sid: 'Images',
  actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  resources: [TABLE],
  conditions: [
    { test: 'ForAllValues:StringLike', variable: 'dynamodb:LeadingKeys', values: ['IMG#*'] },
  ],
};

describe('the local IAM evaluation', () => {
  it('grants an item action only on the partitions its LeadingKeys condition names', () => {
    const get = (pk: string) =>
      dynamodbAccess(
        'DynamoDB_20120810.GetItem',
        { TableName: 'darkroom', Key: { pk: { S: pk }, sk: { S: 'IMAGE' } } },
        'arn:aws:dynamodb:us-east-1:000000000000',
        KEYS,
      )[0]!;
    expect(allowingStatement([images], get('IMG#1'))?.sid).toBe('Images');
    expect(allowingStatement([images], get('METRICS#everyone'))).toBeUndefined();
  });

  it('authorises each item of a transaction as its own action', () => {
    const wanted = dynamodbAccess(
      'DynamoDB_20120810.TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'darkroom', Item: { pk: { S: 'IMG#1' }, sk: { S: 'EVENT#x' } } } },
          { Update: { TableName: 'darkroom', Key: { pk: { S: 'METRICS#a' }, sk: { S: 'T' } } } },
        ],
      },
      'arn:aws:dynamodb:us-east-1:000000000000',
      KEYS,
    );
    expect(wanted.map((w) => [w.action, w.context?.['dynamodb:leadingkeys']])).toEqual([
      ['dynamodb:PutItem', ['IMG#1']],
      ['dynamodb:UpdateItem', ['METRICS#a']],
    ]);
    // UpdateItem is granted on IMG# only: the counter's update is refused.
    expect(allowingStatement([images], wanted[1]!)).toBeUndefined();
  });

  it('reads a query’s partition from its key condition, through attribute names', () => {
    const [query] = dynamodbAccess(
      'DynamoDB_20120810.Query',
      {
        TableName: 'darkroom',
        IndexName: 'byLease',
        KeyConditionExpression: '#pk = :shard AND #until < :now',
        ExpressionAttributeNames: { '#pk': 'leasePk', '#until': 'leaseUntil' },
        ExpressionAttributeValues: { ':shard': { S: 'LEASE#3' }, ':now': { N: '1' } },
      },
      'arn:aws:dynamodb:us-east-1:000000000000',
      KEYS,
    );
    expect(query).toEqual({
      action: 'dynamodb:Query',
      resource: `${TABLE}/index/byLease`,
      context: { 'dynamodb:leadingkeys': ['LEASE#3'] },
    });
  });

  it('lets an explicit Deny win, and refuses to guess an operator it does not model', () => {
    const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/uploads/1' };
    const allow: PolicyStatement = { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] };
    const deny: PolicyStatement = { ...allow, effect: 'Deny' };
    expect(allowingStatement([allow], request)).toBe(allow);
    expect(allowingStatement([allow, deny], request)).toBeUndefined();
    const odd: PolicyStatement = {
      ...allow,
      conditions: [{ test: 'NumericLessThan', variable: 's3:max-keys', values: ['10'] }],
    };
    expect(() => allowingStatement([odd], request)).toThrow(/not modelled: NumericLessThan/);
  });

  it('maps S3 requests to their actions: a copy reads its source, a versioned read its version', () => {
    const copy = s3Access('PUT', '/o/uploads/1?x-id=CopyObject', {
      'x-amz-copy-source': 'o/uploads/1?versionId=v1',
    });
    expect(copy.requests.map((r) => `${r.action} ${r.resource}`)).toEqual([
      's3:PutObject arn:aws:s3:::o/uploads/1',
      's3:GetObjectVersion arn:aws:s3:::o/uploads/1',
    ]);
    expect(copy.reads).toEqual([{ bucket: 'o', key: 'uploads/1' }]);
    const list = s3Access('GET', '/v?list-type=2&prefix=renders%2F1%2F&x-id=ListObjectsV2', {});
    expect(list.requests).toEqual([
      {
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::v',
        context: { 's3:prefix': ['renders/1/'] },
      },
    ]);
    const batch = s3Access(
      'POST',
      '/v?delete',
      {},
      Buffer.from('<Delete><Object><Key>variants/a&amp;b</Key></Object></Delete>'),
    );
    expect(batch.requests).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::v/variants/a&b' },
    ]);
  });
});
