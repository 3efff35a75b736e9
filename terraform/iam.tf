# One role per function, each allowed exactly the actions it uses on exactly the resources it
# uses. No wildcard actions; Resource "*" only for actions AWS scopes to "*" alone (Rekognition's
# stateless Detect* calls and X-Ray). The IAM lint in test/terraform checks all of this.
#
# The variants bucket itself is read by the CloudFront distribution only (its bucket policy,
# storage.tf): no role may read it.

locals {
  table_arn       = aws_dynamodb_table.main.arn
  owner_index_arn = "${aws_dynamodb_table.main.arn}/index/byOwner"
  lease_index_arn = "${aws_dynamodb_table.main.arn}/index/byLease"
  originals_arn   = aws_s3_bucket.this["originals"].arn
  variants_arn    = aws_s3_bucket.this["variants"].arn
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
# images, reads and adds to the metric counters, presigns uploads (POST), copies an original onto
# itself (reprocessImage), deletes originals, variants and renders and invalidates the image's
# paths in the distribution (deleteImage). Delivery URLs are signed with DELIVERY_KEYS, not with
# the role: it needs no read access to the variants.
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "api" {
  name               = "${var.name}-api"
  description        = "Darkroom GraphQL API function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["api"].arn}:*"]
  }

  # PutItem: createPending; GetItem: getOwned; Query: metrics readDays; UpdateItem: metrics
  # recordUploadRequested, startReprocess; DeleteItem: deleteOwned (src/table/images.ts,
  # src/table/metrics.ts).
  statement {
    sid = "Table"
    actions = [
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [local.table_arn]
  }

  statement {
    sid       = "OwnerIndex"
    actions   = ["dynamodb:Query"]
    resources = [local.owner_index_arn]
  }

  # A presigned request runs with the signer's permissions: PutObject for the upload POST.
  # CopyObject of an original onto itself (reprocessImage) needs GetObject on the source and
  # PutObject on the target; DeleteObject is deleteImage.
  statement {
    sid       = "Originals"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${local.originals_arn}/${local.originals_prefix}*"]
  }

  # deleteImage removes the variants and every on-demand render of the image (DeleteObjects
  # checks DeleteObject per key).
  statement {
    sid       = "DeleteVariants"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.variants_arn}/${local.variants_prefix}*", "${local.variants_arn}/${local.renders_prefix}*"]
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
# Processor: reads the original, analyses it, writes variants, updates the record and metrics,
# removes the renders of earlier generations, publishes the outcome; failed events go to the DLQ
# (on-failure destination, sent as the role).
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "processor" {
  name               = "${var.name}-processor"
  description        = "Darkroom image processor function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "processor" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["processor"].arn}:*"]
  }

  # UpdateItem (conditional): claim, release, complete, metrics recordFinished. GetItem: exists,
  # the consistent read that tells a deleted image from a claim lost to another worker.
  statement {
    sid       = "Table"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn]
  }

  # The scheduled sweep: expiredClaims reads the sparse lease index.
  statement {
    sid       = "LeaseIndex"
    actions   = ["dynamodb:Query"]
    resources = [local.lease_index_arn]
  }

  # GetObject also allows the sweep's HeadObject. DeleteObject: an original whose image was
  # deleted before its upload arrived is removed rather than kept with no record.
  statement {
    sid       = "Originals"
    actions   = ["s3:DeleteObject", "s3:GetObject"]
    resources = ["${local.originals_arn}/${local.originals_prefix}*"]
  }

  # DeleteObject: DeleteObjects removes the variants of an image that failed half-way, those a
  # reprocess replaced, and those written for an image deleted while it was being processed.
  statement {
    sid       = "WriteVariants"
    actions   = ["s3:DeleteObject", "s3:PutObject"]
    resources = ["${local.variants_arn}/${local.variants_prefix}*"]
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
    sid       = "Publish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.events.arn]
  }

  statement {
    sid       = "EncryptMessages"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.topic.arn]
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
# record and the original, stores the render. It never reads the variants bucket: CloudFront
# asked it first.
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role" "delivery" {
  name               = "${var.name}-delivery"
  description        = "Darkroom delivery function (CloudFront origin)"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "delivery" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["delivery"].arn}:*"]
  }

  # Whether the image is servable, and which original and generation to render from.
  statement {
    sid       = "ReadImages"
    actions   = ["dynamodb:GetItem"]
    resources = [local.table_arn]
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

  name               = "${var.name}-report"
  description        = "Darkroom daily report function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "report" {
  count = var.report_enabled ? 1 : 0

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["report"].arn}:*"]
  }

  # metrics readDays for yesterday.
  statement {
    sid       = "ReadMetrics"
    actions   = ["dynamodb:Query"]
    resources = [local.table_arn]
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
# EventBridge Scheduler: may invoke the processor (the sweep) and the report function, nothing else.
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
  name               = "${var.name}-schedules"
  description        = "EventBridge Scheduler invoking the Darkroom sweep and daily report"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeSweep"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.this["processor"].arn]
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
