# One role per function, each allowed exactly the actions it uses on exactly the resources it
# uses. No wildcard actions; Resource "*" only for actions AWS scopes to "*" alone (Rekognition's
# stateless Detect* calls, dynamodb:ListStreams and X-Ray). The IAM lint in test/terraform checks
# all of this, and that every condition key applies to each action of its statement.
#
# Within the table, the item actions are limited by partition key (dynamodb:LeadingKeys) to the
# items the role's code touches: image partitions `IMG#<id>` (the image and the events
# function's markers), counter partitions `METRICS#<scope>[#<shard>]` and quota partitions
# `QUOTA#<owner>` (src/table/layout.ts; a contract test checks the first two against it). ForAllValues: every key of the request must
# match, and these actions always carry one.
#
# What the variants bucket serves (variants/, renders/) is read by the CloudFront distribution
# only (its bucket policy, storage.tf): no role may read it. The one exception is `held/`, which
# nothing serves: the API reads the variants held for review there (approval copies, an admin's
# short-lived preview).
#
# Role names are account-wide, so they carry the region (as the bucket names do): a stack of the
# same name in another region would otherwise fail with EntityAlreadyExists. 64 characters at
# most: a 20-character var.name, "-processor-" and a 14-character region make 45. A renamed role
# is a new role; create_before_destroy makes the functions switch to it before the old one goes.

locals {
  table_arn            = aws_dynamodb_table.main.arn
  owner_index_arn      = "${aws_dynamodb_table.main.arn}/index/byOwner"
  lease_index_arn      = "${aws_dynamodb_table.main.arn}/index/byLease"
  review_index_arn     = "${aws_dynamodb_table.main.arn}/index/byReview"
  review_due_index_arn = "${aws_dynamodb_table.main.arn}/index/byReviewDue"
  table_stream         = aws_dynamodb_table.main.stream_arn
  originals_arn        = aws_s3_bucket.this["originals"].arn
  variants_arn         = aws_s3_bucket.this["variants"].arn
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# ---------------------------------------------------------------------------------------------
# GraphQL API: creates, reads, resets (reprocessImage) and deletes image records, lists an owner's
# images, reads the metric counters (it no longer adds to them: the events function counts new
# tickets from the stream), charges and reads the owner's quota counters, presigns uploads (POST), copies an original onto itself
# (reprocessImage), deletes originals, variants and renders and invalidates the image's paths in
# the distribution (deleteImage). For the admin group it reads the review queue, decides on held
# images (approveImage copies their held variants to the served keys, rejectImage deletes them)
# and presigns a short look at one. Delivery URLs are signed with DELIVERY_KEYS, not with the
# role: it needs no read access to the served variants.
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "api" {
  name               = "${var.name}-api-${var.region}"
  description        = "Darkroom GraphQL API function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  lifecycle {
    create_before_destroy = true
  }
}

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["api"].arn}:*"]
  }

  # Image records only: PutItem: createPending; UpdateItem: startReprocess (src/table/images.ts),
  # approve and reject (src/table/reviews.ts); DeleteItem: deleteOwned. No write reaches a counter.
  statement {
    sid       = "WriteImages"
    actions   = ["dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["IMG#*"]
    }
  }

  # GetItem: get, getOwned (src/table/images.ts); BatchGetItem: metrics readTotals, every
  # shard's total in one request; Query: metrics readDays, one per shard (src/table/metrics.ts).
  statement {
    sid       = "ReadImagesAndMetrics"
    actions   = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["IMG#*", "METRICS#*"]
    }
  }

  # The owner's quota items (src/table/quotas.ts): UpdateItem: the day's `uploads`, added only
  # below the limit in the transaction that puts the ticket (createPending); GetItem: the stored
  # bytes createUpload checks first; BatchGetItem: the quota query's day and STORED items.
  statement {
    sid       = "Quotas"
    actions   = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["QUOTA#*"]
    }
  }

  # listByOwner, perceptualHashes (src/table/images.ts). Only image items carry gsi1pk, so the
  # index holds nothing else; a query of it names gsi1pk (OWNER#<owner>), not an IMG# key.
  statement {
    sid       = "OwnerIndex"
    actions   = ["dynamodb:Query"]
    resources = [local.owner_index_arn]
  }

  # moderationQueue: queue (src/table/reviews.ts) reads the sparse review index, oldest first.
  # Unconditioned as the processor's LeaseIndex: a query of it names reviewPk (REVIEW), not an
  # IMG# key; only images IN_REVIEW carry reviewPk, so it holds nothing else.
  statement {
    sid       = "ReviewIndex"
    actions   = ["dynamodb:Query"]
    resources = [local.review_index_arn]
  }

  # A presigned request runs with the signer's permissions: PutObject for the upload POST.
  # CopyObject of an original onto itself (reprocessImage) needs GetObject on the source and
  # PutObject on the target; GetObjectVersion when it copies the pinned version back over a
  # replaced original. DeleteObject is deleteImage.
  statement {
    sid       = "Originals"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${local.originals_arn}/${local.originals_prefix}*"]
  }

  # A missing original must read as missing: S3 answers 404 (NoSuchKey) for a key that does not
  # exist only to a caller allowed s3:ListBucket on the bucket, and 403 AccessDenied to anyone else
  # (GetObject/HeadObject, "Permissions", in the S3 API Reference). On the bucket ARN with no
  # s3:prefix condition: AWS does not document that a prefix-conditioned grant counts for that
  # check. The bucket holds nothing but originals, so listing it reveals nothing else.
  statement {
    sid       = "ListOriginals"
    actions   = ["s3:ListBucket"]
    resources = [local.originals_arn]
  }

  # deleteImage removes the variants (held ones too) and every on-demand render of the image
  # (DeleteObjects checks DeleteObject per key); rejectImage removes the held variants, and
  # approveImage the held ones once served (removeHeld), or its copies when the decision was
  # refused (src/api/resolvers/mutation/approve-image.ts).
  statement {
    sid     = "DeleteVariants"
    actions = ["s3:DeleteObject"]
    resources = [
      "${local.variants_arn}/${local.variants_prefix}*",
      "${local.variants_arn}/${local.renders_prefix}*",
      "${local.variants_arn}/${local.held_prefix}*",
    ]
  }

  # Variants held for review: GetObject is approveImage's CopyObject source (copyVariants,
  # src/storage/image-objects.ts) and the presigned GET of Image.reviewUrl (a look of a few
  # minutes for an admin: src/api/resolvers/image/review-url.ts). held/ only: the served keys are
  # read through the distribution.
  statement {
    sid       = "ReadHeldVariants"
    actions   = ["s3:GetObject"]
    resources = ["${local.variants_arn}/${local.held_prefix}*"]
  }

  # approveImage: CopyObject writes each held variant to the key it is served from, under
  # variants/ (the copy's target). Nothing is written under held/: only the processor holds.
  statement {
    sid       = "ServeApprovedVariants"
    actions   = ["s3:PutObject"]
    resources = ["${local.variants_arn}/${local.variants_prefix}*"]
  }

  # Renders are not recorded (any size may have been asked for): deleteImage lists
  # `renders/<id>/` to find them. Listing nothing else.
  statement {
    sid       = "ListRenders"
    actions   = ["s3:ListBucket"]
    resources = [local.variants_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.renders_prefix}*"]
    }
  }

  # deleteImage: a deleted image's cached responses must not outlive it.
  statement {
    sid       = "InvalidateDeliveryCache"
    actions   = ["cloudfront:CreateInvalidation"]
    resources = [aws_cloudfront_distribution.delivery.arn]
  }

  dynamic "statement" {
    for_each = var.tracing_enabled ? [1] : []

    content {
      sid       = "XRay"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "api" {
  name   = "api"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api.json
}

# ---------------------------------------------------------------------------------------------
# Processor: reads the original, analyses it, compares it with the owner's images (DUPLICATES),
# writes variants (under held/ for an image held for review), updates the image record, removes
# the renders of earlier generations; its sweep finishes expired claims and reminds of images
# waiting for review. Failed events go to the DLQ (on-failure destination, sent as the role). It
# neither counts nor publishes: the events function does both, from the stream.
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "processor" {
  name               = "${var.name}-processor-${var.region}"
  description        = "Darkroom image processor function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  lifecycle {
    create_before_destroy = true
  }
}

data "aws_iam_policy_document" "processor" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["processor"].arn}:*"]
  }

  # UpdateItem (conditional): claim, release, complete (src/table/claims.ts,
  # src/table/conditional.ts), the sweep's remind (src/table/reviews.ts). GetItem: exists, the
  # consistent read that tells a deleted image from a claim lost to another worker
  # (src/table/images.ts). Image records only: no counter.
  statement {
    sid       = "Images"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["IMG#*"]
    }
  }

  # The scheduled sweep: expiredClaims queries the sparse lease index (src/table/claims.ts).
  # Unconditioned: the only partition key a query of the index names is the index's own
  # (leasePk, LEASE#<shard>), never an image's IMG#<id>, so a dynamodb:LeadingKeys condition of
  # IMG#* would refuse the sweep. Nothing is opened by it: only images carry leasePk (counters
  # and markers never appear in this index), and the index projects their keys only.
  statement {
    sid       = "LeaseIndex"
    actions   = ["dynamodb:Query"]
    resources = [local.lease_index_arn]
  }

  # The scheduled sweep's reminders: due (src/table/reviews.ts, from src/processor/reminders.ts)
  # queries the review-due index for the images whose next reminder is due. Unconditioned for the
  # same reason as LeaseIndex: the query names reviewPk (REVIEW), never IMG#<id>; only images
  # IN_REVIEW carry reviewPk, and the index projects their keys only.
  statement {
    sid       = "ReviewDueIndex"
    actions   = ["dynamodb:Query"]
    resources = [local.review_due_index_arn]
  }

  # The duplicates step (src/processor/steps/duplicates.ts, when DUPLICATES is not off) reads the
  # owner's perceptual hashes: perceptualHashes (src/table/images.ts) queries the owner index, as
  # the API's OwnerIndex. Only image items carry gsi1pk; a query names OWNER#<owner>, not IMG#.
  statement {
    sid       = "OwnerIndex"
    actions   = ["dynamodb:Query"]
    resources = [local.owner_index_arn]
  }

  # GetObject also allows the sweep's HeadObject; GetObjectVersion reads the pinned version of
  # an original replaced since it was processed. DeleteObject: an original whose image was
  # deleted before its upload arrived is removed rather than kept with no record.
  statement {
    sid       = "Originals"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${local.originals_arn}/${local.originals_prefix}*"]
  }

  # As the API's ListOriginals: a missing original (or one deleted meanwhile) must read as 404,
  # not 403, and no s3:prefix condition is known to count for that.
  statement {
    sid       = "ListOriginals"
    actions   = ["s3:ListBucket"]
    resources = [local.originals_arn]
  }

  # PutObject: the store step writes the variants, those of an image held for review under held/
  # (src/processor/steps/store.ts). DeleteObject: DeleteObjects removes the variants (held or not)
  # of an image that failed half-way, those a reprocess replaced, and those written for an image
  # deleted while it was being processed.
  statement {
    sid     = "WriteVariants"
    actions = ["s3:DeleteObject", "s3:PutObject"]
    resources = [
      "${local.variants_arn}/${local.variants_prefix}*",
      "${local.variants_arn}/${local.held_prefix}*",
    ]
  }

  # After a reprocess, the renders of earlier generations are unreachable: the processor lists
  # `renders/<id>/` and deletes them.
  statement {
    sid       = "DeleteOldRenders"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.variants_arn}/${local.renders_prefix}*"]
  }

  statement {
    sid       = "ListRenders"
    actions   = ["s3:ListBucket"]
    resources = [local.variants_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.renders_prefix}*"]
    }
  }

  # These Rekognition calls take image bytes and have no resource type: "*" is the only scope.
  statement {
    sid = "Analyse"
    actions = [
      "rekognition:DetectFaces",
      "rekognition:DetectLabels",
      "rekognition:DetectModerationLabels",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.processor_dlq.arn]
  }

  dynamic "statement" {
    for_each = var.tracing_enabled ? [1] : []

    content {
      sid       = "XRay"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "processor" {
  name   = "processor"
  role   = aws_iam_role.processor.id
  policy = data.aws_iam_policy_document.processor.json
}

# ---------------------------------------------------------------------------------------------
# Delivery: CloudFront's origin for what the variants bucket does not hold yet. Reads the image
# record and the original, charges the render to the owner's quota, stores the render. It never reads the variants bucket: CloudFront
# asked it first.
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "delivery" {
  name               = "${var.name}-delivery-${var.region}"
  description        = "Darkroom delivery function (CloudFront origin)"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  lifecycle {
    create_before_destroy = true
  }
}

data "aws_iam_policy_document" "delivery" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["delivery"].arn}:*"]
  }

  # Whether the image is servable, and which original and generation to render from (get,
  # src/table/images.ts). Image records only.
  statement {
    sid       = "ReadImages"
    actions   = ["dynamodb:GetItem"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["IMG#*"]
    }
  }

  # A first render is charged to the owner's day item (ADD renders, only below the limit) and
  # given back when it is not delivered (chargeRender, refundRender in src/table/quotas.ts).
  statement {
    sid       = "ChargeRenders"
    actions   = ["dynamodb:UpdateItem"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["QUOTA#*"]
    }
  }

  # No s3:ListBucket: a missing original (originals_expiration_days) reads as AccessDenied, not
  # NoSuchKey.
  statement {
    sid       = "ReadOriginals"
    actions   = ["s3:GetObject"]
    resources = ["${local.originals_arn}/${local.originals_prefix}*"]
  }

  statement {
    sid       = "StoreRenders"
    actions   = ["s3:PutObject"]
    resources = ["${local.variants_arn}/${local.renders_prefix}*"]
  }

  dynamic "statement" {
    for_each = var.tracing_enabled ? [1] : []

    content {
      sid       = "XRay"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "delivery" {
  name   = "delivery"
  role   = aws_iam_role.delivery.id
  policy = data.aws_iam_policy_document.delivery.json
}

# ---------------------------------------------------------------------------------------------
# Daily report: reads the metric counters and publishes the summary.
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "report" {
  count = var.report_enabled ? 1 : 0

  name               = "${var.name}-report-${var.region}"
  description        = "Darkroom daily report function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  lifecycle {
    create_before_destroy = true
  }
}

data "aws_iam_policy_document" "report" {
  count = var.report_enabled ? 1 : 0

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["report"].arn}:*"]
  }

  # Query: metrics readDays for yesterday, one per shard; BatchGetItem: readTotals, every
  # shard's total in one request (src/table/metrics.ts). Counters only.
  statement {
    sid       = "ReadMetrics"
    actions   = ["dynamodb:BatchGetItem", "dynamodb:Query"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["METRICS#*"]
    }
  }

  statement {
    sid       = "Publish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.events.arn]
  }

  statement {
    sid       = "EncryptMessages"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.topic.arn]
  }

  dynamic "statement" {
    for_each = var.tracing_enabled ? [1] : []

    content {
      sid       = "XRay"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "report" {
  count = var.report_enabled ? 1 : 0

  name   = "report"
  role   = aws_iam_role.report[0].id
  policy = data.aws_iam_policy_document.report[0].json
}

# ---------------------------------------------------------------------------------------------
# Events: the table's stream feeds it (the event source mapping reads the stream as this role).
# It counts each image transition once into the metric counters (and the owner's stored bytes)
# and announces finished images; the batches the mapping gave up on go to its DLQ (on-failure
# destination, sent as this role).
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "events" {
  name               = "${var.name}-events-${var.region}"
  description        = "Darkroom events function (the table's stream)"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  lifecycle {
    create_before_destroy = true
  }
}

data "aws_iam_policy_document" "events" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["events"].arn}:*"]
  }

  # What the event source mapping calls to poll the stream (events.tf).
  statement {
    sid       = "ReadStream"
    actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
    resources = [local.table_stream]
  }

  # ListStreams has no resource type (it lists the account's stream ARNs, reads no record): "*" is
  # its only scope, and an ARN here would match nothing.
  statement {
    sid       = "ListStreams"
    actions   = ["dynamodb:ListStreams"]
    resources = ["*"]
  }

  # count: one TransactWriteItems per transition, which DynamoDB authorises per item it holds:
  # PutItem of the marker (IMG#<id>, EVENT#<transition>, attribute_not_exists) and UpdateItem
  # (ADD) of the owner's and everyone's counter shards (METRICS#<scope>[#<shard>]). mark: GetItem
  # of the marker (consistent); markAnnounced: UpdateItem of the marker (src/table/metrics.ts,
  # called by src/events/count-and-announce.ts). Image and counter partitions only.
  statement {
    sid       = "CountTransitions"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["IMG#*", "METRICS#*"]
    }
  }

  # The same transaction adds the change of the owner's stored bytes (UpdateItem, ADD, of
  # QUOTA#<owner> STORED: src/table/quotas.ts storedBytesChange). Nothing else of a quota item.
  statement {
    sid       = "CountStoredBytes"
    actions   = ["dynamodb:UpdateItem"]
    resources = [local.table_arn]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["QUOTA#*"]
    }
  }

  # Announces finished images (src/events/count-and-announce.ts through src/notify/sns.ts).
  statement {
    sid       = "Publish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.events.arn]
  }

  statement {
    sid       = "EncryptMessages"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.topic.arn]
  }

  # For a stream source Lambda sends the record of a batch it gave up on as the function's role.
  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events_dlq.arn]
  }

  dynamic "statement" {
    for_each = var.tracing_enabled ? [1] : []

    content {
      sid       = "XRay"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "events" {
  name   = "events"
  role   = aws_iam_role.events.id
  policy = data.aws_iam_policy_document.events.json
}

# ---------------------------------------------------------------------------------------------
# EventBridge Scheduler: may invoke the processor's sweep alias and the report function, nothing
# else (not the unqualified processor, whose async config retries and dead-letters S3 events).
# ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-schedules-${var.region}"
  description        = "EventBridge Scheduler invoking the Darkroom sweep and daily report"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json

  lifecycle {
    create_before_destroy = true
  }
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeSweep"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_alias.sweep.arn]
  }

  dynamic "statement" {
    for_each = var.report_enabled ? [1] : []

    content {
      sid       = "InvokeReport"
      actions   = ["lambda:InvokeFunction"]
      resources = [aws_lambda_function.this["report"].arn]
    }
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-schedules"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
