# The daily report: EventBridge Scheduler invokes the report function on var.report_schedule.

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
    arn      = aws_lambda_function.report[0].arn
    role_arn = aws_iam_role.scheduler[0].arn

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }
  }
}
