# Optional backup of the originals (backup_enabled; README: Backup and restore). S3 replication
# copies each original written under the upload prefix, from the moment the rule exists, to a
# bucket of its own in backup_region, stored as backup_storage_class. Deletes are not replicated:
# a deleteImage, an original removed by hand, and the originals bucket's own expiry (S3 never
# replicates what lifecycle rules do) all leave the backup as it was. Variants are not backed up:
# reprocessImage makes them again from the original.
#
# The backup bucket is as private as the others (public access blocked, ACLs off, SSE-S3, TLS
# only) and versioned, as a replication destination must be. Its resources name their region
# with the provider's per-resource `region`, as delivery.tf does for us-east-1, so no second
# provider configuration is needed; default_tags apply as everywhere. Everything here exists only
# with backup_enabled; the originals bucket's versioning follows it (storage.tf, local.versioned).

locals {
  backup_region = coalesce(var.backup_region, var.region)
}

resource "aws_s3_bucket" "backup" {
  count = var.backup_enabled ? 1 : 0

  region = local.backup_region
  # Bucket names are global: it carries the stack's region, like the others, so that stacks of
  # one name in two regions can both back up to a third. 63 characters at most: a 20-character
  # var.name, "-backup-", the account and a 14-character region make 55.
  bucket        = "${var.name}-backup-${local.account_id}-${var.region}"
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "backup" {
  count = var.backup_enabled ? 1 : 0

  region                  = local.backup_region
  bucket                  = aws_s3_bucket.backup[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "backup" {
  count = var.backup_enabled ? 1 : 0

  region = local.backup_region
  bucket = aws_s3_bucket.backup[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backup" {
  count = var.backup_enabled ? 1 : 0

  region = local.backup_region
  bucket = aws_s3_bucket.backup[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Replication refuses a destination without versioning; versions also keep what a later write
# of the same key (a reprocess, a restore) replaced.
resource "aws_s3_bucket_versioning" "backup" {
  count = var.backup_enabled ? 1 : 0

  region = local.backup_region
  bucket = aws_s3_bucket.backup[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "backup" {
  count = var.backup_enabled ? 1 : 0

  region = local.backup_region
  bucket = aws_s3_bucket.backup[0].id

  # Replication leaves no multipart uploads behind; one started by hand here might.
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
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.backup_noncurrent_version_expiration_days
    }
  }

  # No delete marker is replicated, but expire-backups (and deletes by hand) make them here: once
  # the versions under one are gone, it hides nothing and is removed (a rule of its own, as in
  # storage.tf: expired_object_delete_marker cannot share an expiration with days).
  rule {
    id     = "remove-expired-delete-markers"
    status = "Enabled"

    filter {}

    expiration {
      expired_object_delete_marker = true
    }
  }

  dynamic "rule" {
    for_each = var.backup_expiration_days == 0 ? [] : [var.backup_expiration_days]

    content {
      id     = "expire-backups"
      status = "Enabled"

      filter {}

      expiration {
        days = rule.value
      }
    }
  }

  # Lifecycle rules apply to versions, so versioning must be configured first.
  depends_on = [aws_s3_bucket_versioning.backup]
}

# TLS only, like the other buckets. No Allow: the replication role's own policy is enough in one
# account, and no function may read or write the backup.
data "aws_iam_policy_document" "backup_bucket" {
  count = var.backup_enabled ? 1 : 0

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.backup[0].arn,
      "${aws_s3_bucket.backup[0].arn}/*",
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
}

resource "aws_s3_bucket_policy" "backup" {
  count = var.backup_enabled ? 1 : 0

  region = local.backup_region
  bucket = aws_s3_bucket.backup[0].id
  policy = data.aws_iam_policy_document.backup_bucket[0].json

  # A policy put before the public access block exists can be refused as public.
  depends_on = [aws_s3_bucket_public_access_block.backup]
}

# ---------------------------------------------------------------------------------------------
# The role S3 assumes to replicate: the minimum AWS documents for replication ("Setting up
# permissions for live replication", S3 User Guide), less s3:ReplicateDelete, since no delete is
# replicated. Named with the region, as every role here (iam.tf): 20 + 20 + 14 = 54 characters
# at most.
# ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "backup_replication_assume" {
  count = var.backup_enabled ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    # Only for this account's originals bucket (the confused deputy): the trust policy AWS
    # documents for replication roles.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.originals_arn]
    }
  }
}

resource "aws_iam_role" "backup_replication" {
  count = var.backup_enabled ? 1 : 0

  name               = "${var.name}-backup-replication-${var.region}"
  description        = "S3 replication of the Darkroom originals to the backup bucket"
  assume_role_policy = data.aws_iam_policy_document.backup_replication_assume[0].json

  lifecycle {
    create_before_destroy = true
  }
}

data "aws_iam_policy_document" "backup_replication" {
  count = var.backup_enabled ? 1 : 0

  # s3:ListBucket is part of AWS's minimum: S3 reads delete markers with it.
  statement {
    sid       = "ReadReplicationConfiguration"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [local.originals_arn]
  }

  statement {
    sid = "ReadOriginals"
    actions = [
      "s3:GetObjectVersionForReplication",
      "s3:GetObjectVersionAcl",
      "s3:GetObjectVersionTagging",
    ]
    resources = ["${local.originals_arn}/${local.originals_prefix}*"]
  }

  # Replicas keep their keys, so they land under the same prefix. No s3:ReplicateDelete: the rule
  # replicates no delete marker, and a role that cannot replicate one cannot hide a backup.
  statement {
    sid       = "WriteReplicas"
    actions   = ["s3:ReplicateObject", "s3:ReplicateTags"]
    resources = ["${aws_s3_bucket.backup[0].arn}/${local.originals_prefix}*"]
  }
}

resource "aws_iam_role_policy" "backup_replication" {
  count = var.backup_enabled ? 1 : 0

  name   = "backup-replication"
  role   = aws_iam_role.backup_replication[0].id
  policy = data.aws_iam_policy_document.backup_replication[0].json
}

# On the originals bucket, in the stack's region. One rule: every object under the upload prefix
# (what the API signs uploads for, src/model/keys.ts), delete markers left behind.
resource "aws_s3_bucket_replication_configuration" "backup" {
  count = var.backup_enabled ? 1 : 0

  bucket = aws_s3_bucket.this["originals"].id
  role   = aws_iam_role.backup_replication[0].arn

  rule {
    id     = "backup-originals"
    status = "Enabled"

    filter {
      prefix = local.originals_prefix
    }

    delete_marker_replication {
      status = "Disabled"
    }

    destination {
      bucket        = aws_s3_bucket.backup[0].arn
      storage_class = var.backup_storage_class
    }
  }

  # S3 refuses the rule unless both buckets are versioned; replicating before the role may read
  # and write would fail those objects for good (FAILED is final for live replication).
  depends_on = [
    aws_s3_bucket_versioning.this,
    aws_s3_bucket_versioning.backup,
    aws_iam_role_policy.backup_replication,
  ]
}
