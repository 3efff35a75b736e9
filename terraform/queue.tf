# Where S3 events go when the processor still fails after its retries (or they grow too old):
# nothing is lost, and the DLQ depth alarm says so.

resource "aws_sqs_queue" "processor_dlq" {
  name                      = "${var.name}-processor-dlq"
  message_retention_seconds = 1209600 # 14 days, the maximum
  sqs_managed_sse_enabled   = true
}

# For invocations of the unqualified function: the S3 notification's. The scheduled sweep invokes
# the "sweep" alias, which has a config of its own (schedule.tf).
resource "aws_lambda_function_event_invoke_config" "processor" {
  function_name                = aws_lambda_function.this["processor"].function_name
  maximum_retry_attempts       = var.processor_max_retry_attempts
  maximum_event_age_in_seconds = var.processor_max_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.processor_dlq.arn
    }
  }
}
