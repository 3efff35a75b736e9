# EventBridge Scheduler: the daily report on var.report_schedule, and the processor's sweep of
# expired claims on var.sweep_schedule (through the processor's "sweep" alias).

resource "aws_scheduler_schedule" "report" {
  count = var.report_enabled ? 1 : 0

  name                         = "${var.name}-daily-report"
  description                  = "Publishes yesterday's Darkroom metrics to the events topic"
  schedule_expression          = var.report_schedule
  schedule_expression_timezone = var.report_schedule_timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.this["report"].arn
    role_arn = aws_iam_role.scheduler.arn

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }
  }
}

# The sweep reaches the processor through an alias of its own: Scheduler invokes Lambda
# asynchronously, and invoked unqualified the sweep would get the processor's async config (queue.tf:
# retries, and a failed sweep recorded in the S3 events' dead-letter queue as if it were an upload).
# An alias has its own; "$LATEST" (allowed by CreateAlias's FunctionVersion, `(\$LATEST|[0-9]+)`)
# keeps it on the code Terraform deploys, as the S3 trigger is, without publishing versions.
resource "aws_lambda_alias" "sweep" {
  name             = "sweep"
  description      = "The scheduled sweep of expired claims (its own async invoke config)"
  function_name    = aws_lambda_function.this["processor"].function_name
  function_version = "$LATEST"
}

# No retries and no destination: a sweep that fails is made up by the next one, and there is
# nothing to replay. For the same reason a sweep held back (throttled) is dropped after 5 minutes.
resource "aws_lambda_function_event_invoke_config" "sweep" {
  function_name                = aws_lambda_alias.sweep.function_name
  qualifier                    = aws_lambda_alias.sweep.name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 300
}

# The processor treats {"sweep": true} (SWEEP_EVENT in src/processor/sweep.ts) as "finish the images
# whose worker vanished": a claim whose lease ran out, or one released after a passing fault once
# Lambda's own retries are spent. A contract test keeps the input equal to SWEEP_EVENT.
resource "aws_scheduler_schedule" "sweep" {
  name                = "${var.name}-sweep"
  description         = "Finishes Darkroom images whose processing claim expired"
  schedule_expression = var.sweep_schedule

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.sweep.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({ sweep = true })

    # A missed sweep is made up by the next one.
    retry_policy {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 300
    }
  }
}
