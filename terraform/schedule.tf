# EventBridge Scheduler: the daily report on var.report_schedule, and the processor's sweep of
# expired claims on var.sweep_schedule.

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
    arn      = aws_lambda_function.this["processor"].arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({ sweep = true })

    # A missed sweep is made up by the next one.
    retry_policy {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 300
    }
  }
}
