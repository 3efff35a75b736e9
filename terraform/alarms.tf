# Alarms notify the events topic when they fire and when they recover.

locals {
  alarm_actions = var.alarms_enabled ? [aws_sns_topic.events.arn] : []

  # The processor logs one JSON line per finished image (Powertools logger):
  # {"message":"image finished","status":"FAILED",...}. A contract test checks that the
  # processor source still logs this message.
  failed_image_log_message = "image finished"
  metrics_namespace        = "Darkroom/${var.name}"
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each = { for k, v in local.functions : k => v if var.alarms_enabled }

  alarm_name          = "${each.value}-errors"
  alarm_description   = "The ${each.key} function threw errors (see its log group /aws/lambda/${each.value})."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "function_throttles" {
  for_each = { for k, v in local.functions : k => v if var.alarms_enabled }

  alarm_name          = "${each.value}-throttles"
  alarm_description   = "The ${each.key} function was throttled (reserved or account concurrency exhausted)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  count = var.alarms_enabled ? 1 : 0

  alarm_name          = "${var.name}-processor-dlq-not-empty"
  alarm_description   = "S3 events the processor could not handle are waiting in ${aws_sqs_queue.processor_dlq.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.processor_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# The events function's mapping gave up on stream records: some transitions are neither counted
# nor announced until they are re-driven (README: Events).
resource "aws_cloudwatch_metric_alarm" "events_dlq_depth" {
  count = var.alarms_enabled ? 1 : 0

  alarm_name          = "${var.name}-events-dlq-not-empty"
  alarm_description   = "Stream batches the events function could not count are recorded in ${aws_sqs_queue.events_dlq.name}; re-drive them within the stream's 24 hours (README: Events)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.events_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# How far the events function is behind the table's stream: the age of the newest record of its
# last batch. It grows while a failing record holds up its shard (retries) or the function
# cannot keep up (events_parallelization_factor, events_batch_size).
resource "aws_cloudwatch_metric_alarm" "events_iterator_age" {
  count = var.alarms_enabled ? 1 : 0

  alarm_name          = "${local.functions.events}-iterator-age"
  alarm_description   = "The events function lags the table's stream by ${var.events_max_iterator_age_seconds} s or more: counts and announcements are late (see /aws/lambda/${local.functions.events})."
  namespace           = "AWS/Lambda"
  metric_name         = "IteratorAge"
  dimensions          = { FunctionName = local.functions.events }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.events_max_iterator_age_seconds * 1000 # IteratorAge is in milliseconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  count = var.alarms_enabled ? 1 : 0

  alarm_name          = "${var.name}-api-5xx"
  alarm_description   = "The GraphQL API answered with server errors."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.graphql.id, Stage = aws_apigatewayv2_stage.default.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_log_metric_filter" "failed_images" {
  name           = "${var.name}-failed-images"
  log_group_name = aws_cloudwatch_log_group.function["processor"].name
  pattern        = "{ ($.message = \"${local.failed_image_log_message}\") && ($.status = \"FAILED\") }"

  metric_transformation {
    name      = "FailedImages"
    namespace = local.metrics_namespace
    value     = "1"
    unit      = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "failed_images" {
  count = var.alarms_enabled ? 1 : 0

  alarm_name          = "${var.name}-failed-images"
  alarm_description   = "Images ended FAILED (the processor's log says why)."
  namespace           = local.metrics_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.failed_images.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# The sweep finished images whose processing had stalled (a worker killed mid-image, a claim whose
# retries ran out, an upload whose every delivery failed). Nothing was lost, but it should be rare.
resource "aws_cloudwatch_metric_alarm" "claims_recovered" {
  count = var.alarms_enabled ? 1 : 0

  alarm_name          = "${var.name}-stalled-images-recovered"
  alarm_description   = "The sweep had to finish images whose processing stalled; see the processor's log (\"recovered images whose processing had stalled\")."
  namespace           = local.metrics_namespace
  metric_name         = "ClaimsRecovered"
  dimensions          = { service = "processor" }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
