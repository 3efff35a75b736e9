# The single table of src/table/layout.ts (TABLE_KEYS): images, the owner, lease and review
# indexes, the metric counters and the events function's markers. A contract test keeps keys,
# indexes (every one of TABLE_KEYS), TTL attribute and stream equal to the code's.

resource "aws_dynamodb_table" "main" {
  name                        = "${var.name}-table"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  # The events function reads the stream (events.tf): it counts each image transition and
  # announces finished images, telling a transition from a later edit by the old image. Global
  # tables replicate through the same stream, and need both images too. Always on, never a
  # variable: AWS refuses to turn a stream off while the table has replicas, and without it the
  # events function counts and announces nothing (a contract test keeps it the literal true).
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "gsi1pk"
    type = "S"
  }

  attribute {
    name = "gsi1sk"
    type = "S"
  }

  attribute {
    name = "leasePk"
    type = "S"
  }

  attribute {
    name = "leaseUntil"
    type = "N"
  }

  attribute {
    name = "reviewPk"
    type = "S"
  }

  attribute {
    name = "reviewSince"
    type = "S"
  }

  attribute {
    name = "reviewDue"
    type = "S"
  }

  # An owner's images, newest first.
  global_secondary_index {
    name            = "byOwner"
    hash_key        = "gsi1pk"
    range_key       = "gsi1sk"
    projection_type = "ALL"
  }

  # Sparse: only images being processed carry leasePk/leaseUntil. The scheduled sweep queries it
  # for claims whose lease ran out; it needs the image key alone.
  global_secondary_index {
    name            = "byLease"
    hash_key        = "leasePk"
    range_key       = "leaseUntil"
    projection_type = "KEYS_ONLY"
  }

  # Sparse: only images IN_REVIEW carry reviewPk/reviewSince (the processor sets them when a run
  # ends IN_REVIEW, a decision removes them). The moderation queue (moderationQueue, every
  # owner's images) reads it oldest first, whole images; the sweep's reminders read the next one.
  # One partition (REVIEW): images wait for review at a person's pace, far below what one
  # partition takes.
  global_secondary_index {
    name            = "byReview"
    hash_key        = "reviewPk"
    range_key       = "reviewSince"
    projection_type = "ALL"
  }

  # The same images by when their next reminder is due (reviewDue, ISO time): the processor's
  # scheduled sweep reads exactly those due, however long the queue, and needs their keys only.
  global_secondary_index {
    name            = "byReviewDue"
    hash_key        = "reviewPk"
    range_key       = "reviewDue"
    projection_type = "KEYS_ONLY"
  }

  # Records of uploads that never arrived carry an expiry (epoch seconds).
  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }

  # KMS encryption with the AWS managed key (alias/aws/dynamodb).
  server_side_encryption {
    enabled = true
  }

  dynamic "replica" {
    for_each = toset(var.table_replica_regions)

    content {
      region_name            = replica.value
      point_in_time_recovery = var.point_in_time_recovery_enabled
      propagate_tags         = true
    }
  }

  lifecycle {
    precondition {
      condition     = !contains(var.table_replica_regions, var.region)
      error_message = "table_replica_regions must not contain the stack's own region (${var.region})."
    }
  }
}
