# The events topic: the events function publishes one message per finished image, the daily
# report its summary, and the alarms their state changes. Encrypted with a customer managed key,
# because CloudWatch alarms cannot publish to a topic under the AWS managed aws/sns key.

data "aws_iam_policy_document" "topic_key" {
  # The default key policy: the account administers the key through IAM.
  statement {
    sid       = "AccountAdministersKey"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_kms_key" "topic" {
  description             = "${var.name}: encrypts the events topic"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.topic_key.json
}

resource "aws_kms_alias" "topic" {
  name          = "alias/${var.name}-events"
  target_key_id = aws_kms_key.topic.key_id
}

resource "aws_sns_topic" "events" {
  name              = "${var.name}-events"
  kms_master_key_id = aws_kms_key.topic.arn
}

# Email and email-json subscriptions stay "pending confirmation" until the recipient clicks the
# link AWS mails; SMS needs the account out of the SMS sandbox (or a verified number).
resource "aws_sns_topic_subscription" "this" {
  for_each = var.notification_subscriptions

  topic_arn            = aws_sns_topic.events.arn
  protocol             = each.value.protocol
  endpoint             = each.value.endpoint
  filter_policy        = each.value.filter_policy
  filter_policy_scope  = each.value.filter_policy == null ? null : "MessageAttributes"
  raw_message_delivery = each.value.raw_message_delivery
}
