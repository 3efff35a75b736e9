# The table's stream feeds the events function: every write that creates an image (a new ticket),
# leaves it terminal (PROCESSED, IN_REVIEW, REJECTED, FAILED) or removes it reaches it, and it
# counts that transition into the metric counters and the owner's stored bytes, exactly once, and
# announces finished images, images held for review and the sweep's review reminders on the topic. Nothing else writes the counters or publishes image outcomes.
#
# Exactly once: each transition is one TransactWriteItems (Put of a marker item
# pk = IMG#<id>, sk = EVENT#<transition> guarded by attribute_not_exists, plus the Updates of the
# counter shards and of the owner's QUOTA#<owner> STORED item) with a ClientRequestToken, so a record delivered again (Lambda retries, a
# re-drive from the DLQ) counts nothing twice.

# Where Lambda records the stream batches it gave up on (after events_max_retry_attempts or
# events_max_record_age_seconds): not the records themselves, but the shard and the range of
# sequence numbers, readable from the stream for its 24 hours of retention (README: Events).
# For a stream source Lambda sends as the function's role (iam.tf, DeadLetters): no queue policy.
resource "aws_sqs_queue" "events_dlq" {
  name                      = "${var.name}-events-dlq"
  message_retention_seconds = 1209600 # 14 days, the maximum
  sqs_managed_sse_enabled   = true
}

resource "aws_lambda_event_source_mapping" "events" {
  event_source_arn  = aws_dynamodb_table.main.stream_arn
  function_name     = aws_lambda_function.this["events"].arn
  starting_position = "TRIM_HORIZON" # from the oldest record kept: nothing the stream holds is skipped

  batch_size                         = var.events_batch_size
  maximum_batching_window_in_seconds = 1
  parallelization_factor             = var.events_parallelization_factor

  # The handler answers with the records it failed ({ batchItemFailures }): Lambda retries from
  # the first of them, not the whole batch. A thrown error splits the batch in two.
  function_response_types        = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error = true
  maximum_retry_attempts         = var.events_max_retry_attempts
  # A failing record holds up its shard. Give up on it, into the DLQ, well before the stream
  # drops it after 24 hours (which would lose it without a trace) and early enough to re-drive
  # it from the stream (see variables.tf).
  maximum_record_age_in_seconds = var.events_max_record_age_seconds

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.events_dlq.arn
    }
  }

  # STREAM_FILTER_PATTERNS of src/events/filter.ts, which the local poller applies too (a contract
  # test compares them): image items only, never the counters or the markers. Any pattern lets
  # a record through. Records filtered out are not billed as invocations.
  filter_criteria {
    # A new ticket (createUpload's pending image): counted as an upload requested.
    filter {
      pattern = jsonencode({
        eventName = ["INSERT"]
        dynamodb  = { Keys = { sk = { S = ["IMAGE"] } } }
      })
    }

    # Any write that leaves an image terminal (TERMINAL_STATUSES: IN_REVIEW ends a run too); the
    # handler tells a transition from a later edit of a finished image (a reprocess's reset is not
    # terminal) by the old image. A person's decision (IN_REVIEW to PROCESSED or REJECTED) and a
    # reminder (a write that stays IN_REVIEW, counting one more) come through here as well.
    filter {
      pattern = jsonencode({
        eventName = ["INSERT", "MODIFY"]
        dynamodb = {
          Keys     = { sk = { S = ["IMAGE"] } }
          NewImage = { status = { S = ["PROCESSED", "IN_REVIEW", "REJECTED", "FAILED"] } }
        }
      })
    }

    # An image removed (deleteImage, or an unused ticket expiring): a deleted image gives its
    # owner's stored bytes back (QUOTA#<owner>, STORED), counted once like a transition.
    filter {
      pattern = jsonencode({
        eventName = ["REMOVE"]
        dynamodb  = { Keys = { sk = { S = ["IMAGE"] } } }
      })
    }
  }

  # Lambda checks when the mapping is created that the role may read the stream and send to the
  # DLQ.
  depends_on = [aws_iam_role_policy.events]
}
