# Two buckets, so that nothing the processor writes (variants) can trigger it again. Both are
# private: public access blocked, ACLs off, encrypted, TLS only. Clients upload (and download
# originals) through URLs the API presigns; variants and renders are read by the CloudFront
# distribution alone (delivery.tf), through origin access control. The web console's files have a
# bucket of their own (console.tf).

locals {
  buckets = {
    originals = {
      name = "${var.name}-originals-${local.account_id}-${var.region}"
      # Browsers POST uploads straight to this bucket with the presigned form.
      cors_methods = ["POST"]
    }
    variants = {
      name = "${var.name}-variants-${local.account_id}-${var.region}"
      # No browser talks to this bucket: CloudFront answers CORS itself (its response headers
      # policy), whatever the origin said.
      cors_methods = []
    }
  }

  # Whether each bucket keeps versions. Replication (backup.tf) reads them, so with the backup on
  # the originals bucket is versioned whatever s3_versioning_enabled says; its noncurrent versions
  # then expire as in any versioned bucket (the replicas in the backup are not touched by that).
  versioned = {
    originals = var.backup_enabled ? true : var.s3_versioning_enabled
    variants  = var.s3_versioning_enabled
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket        = each.value.name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.buckets

  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = local.versioned[each.key] ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "abort-abandoned-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abandoned_upload_expiration_days
    }
  }

  rule {
    id     = "expire-noncurrent-versions"
    status = local.versioned[each.key] ? "Enabled" : "Disabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }
  }

  # In a versioned bucket an expired (or deleted) object leaves a delete marker; once
  # expire-noncurrent-versions has removed the versions under it, the marker hides nothing but
  # stays, listed and counted, for ever. This removes such markers. A rule of its own:
  # expired_object_delete_marker cannot share an expiration with days or date. Always on: markers
  # made while versioning was on outlive its suspension.
  rule {
    id     = "remove-expired-delete-markers"
    status = "Enabled"

    filter {}

    expiration {
      expired_object_delete_marker = true
    }
  }

  dynamic "rule" {
    for_each = each.key == "originals" && var.originals_expiration_days > 0 ? [var.originals_expiration_days] : []

    content {
      id     = "expire-originals"
      status = "Enabled"

      filter {
        prefix = local.originals_prefix
      }

      expiration {
        days = rule.value
      }
    }
  }

  # A render that expired is made again, from the original, the next time it is asked for
  # (once CloudFront's copy is gone too).
  dynamic "rule" {
    for_each = each.key == "variants" && var.render_retention_days > 0 ? [var.render_retention_days] : []

    content {
      id     = "expire-renders"
      status = "Enabled"

      filter {
        prefix = local.renders_prefix
      }

      expiration {
        days = rule.value
      }
    }
  }

  # Lifecycle rules apply to versions, so versioning must be configured first.
  depends_on = [aws_s3_bucket_versioning.this]
}

# The web console's origin and cors_allowed_origins (console.tf, local.cors_origins).
resource "aws_s3_bucket_cors_configuration" "this" {
  for_each = { for k, v in local.buckets : k => v if length(v.cors_methods) > 0 }

  bucket = aws_s3_bucket.this[each.key].id

  cors_rule {
    allowed_methods = each.value.cors_methods
    allowed_origins = local.cors_origins
    allowed_headers = ["*"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3600
  }
}

data "aws_iam_policy_document" "bucket" {
  for_each = local.buckets

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this[each.key].arn,
      "${aws_s3_bucket.this[each.key].arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Origin access control: the distribution, and only it, reads variants and renders. Without
  # s3:ListBucket a missing object is a 403, on which the distribution fails over to the delivery
  # function (delivery.tf).
  dynamic "statement" {
    for_each = each.key == "variants" ? [1] : []

    content {
      sid     = "DistributionReads"
      actions = ["s3:GetObject"]
      resources = [
        "${aws_s3_bucket.this[each.key].arn}/${local.variants_prefix}*",
        "${aws_s3_bucket.this[each.key].arn}/${local.renders_prefix}*",
      ]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "AWS:SourceArn"
        values   = [aws_cloudfront_distribution.delivery.arn]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  # A policy put before the public access block exists can be refused as public.
  depends_on = [aws_s3_bucket_public_access_block.this]
}

# Every object created under the upload prefix (and only there) invokes the processor.
resource "aws_s3_bucket_notification" "originals" {
  bucket = aws_s3_bucket.this["originals"].id

  lambda_function {
    id                  = "process-uploads"
    lambda_function_arn = aws_lambda_function.this["processor"].arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = local.originals_prefix
  }

  depends_on = [aws_lambda_permission.processor_s3]
}
