# The single table of src/table/layout.ts (TABLE_KEYS): images, the owner and lease indexes, the
# metric counters and the events function's markers. A contract test keeps keys, indexes, TTL
# attribute and stream equal to the code's.

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
