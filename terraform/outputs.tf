output "graphql_url" {
  description = "The GraphQL endpoint (POST; GET serves GraphiQL when enabled)."
  value       = "${aws_apigatewayv2_api.graphql.api_endpoint}/graphql"
}

output "api_id" {
  description = "ID of the API Gateway HTTP API."
  value       = aws_apigatewayv2_api.graphql.id
}

output "originals_bucket" {
  description = "Bucket the presigned uploads land in."
  value       = aws_s3_bucket.this["originals"].id
}

output "variants_bucket" {
  description = "Bucket holding the processed variants and the on-demand renders (read by the delivery distribution only)."
  value       = aws_s3_bucket.this["variants"].id
}

output "backup_bucket" {
  description = "Bucket the originals are replicated to, in backup_region (null unless backup_enabled). README: Backup and restore."
  value       = var.backup_enabled ? aws_s3_bucket.backup[0].id : null
}

output "backup_region" {
  description = "Region of the backup bucket: backup_region, or the stack's region (null unless backup_enabled)."
  value       = var.backup_enabled ? local.backup_region : null
}

output "table_name" {
  description = "Name of the DynamoDB table."
  value       = aws_dynamodb_table.main.name
}

output "topic_arn" {
  description = "ARN of the events topic (image outcomes, daily report, alarms)."
  value       = aws_sns_topic.events.arn
}

output "dead_letter_queue_url" {
  description = "URL of the SQS queue holding S3 events the processor gave up on."
  value       = aws_sqs_queue.processor_dlq.url
}

output "events_dead_letter_queue_url" {
  description = "URL of the SQS queue recording the table's stream batches the events function gave up on (shard and sequence range; re-drive them within 24 hours)."
  value       = aws_sqs_queue.events_dlq.url
}

output "function_names" {
  description = "Lambda function names by role (api, processor, events, delivery and, when enabled, report)."
  value       = local.functions
}

output "user_pool_id" {
  description = "Cognito user pool ID (null when auth_mode = \"none\")."
  value       = local.cognito_enabled ? aws_cognito_user_pool.this[0].id : null
}

output "user_pool_client_id" {
  description = "Cognito app client ID to sign in with (null when auth_mode = \"none\")."
  value       = local.cognito_enabled ? aws_cognito_user_pool_client.this[0].id : null
}

output "jwt_issuer" {
  description = "Issuer the API's JWT authorizer accepts (null when auth_mode = \"none\")."
  value       = local.cognito_enabled ? "https://${aws_cognito_user_pool.this[0].endpoint}" : null
}

output "delivery_base_url" {
  description = "Where delivery URLs start: https:// and the first of delivery_aliases, or the distribution's own domain."
  value       = local.delivery_base_url
}

output "delivery_distribution_id" {
  description = "ID of the delivery CloudFront distribution (deleteImage invalidates an image's paths in it)."
  value       = aws_cloudfront_distribution.delivery.id
}

output "delivery_domain_name" {
  description = "The distribution's own domain (*.cloudfront.net): where DNS records for delivery_aliases point."
  value       = aws_cloudfront_distribution.delivery.domain_name
}

output "console_url" {
  description = "The web console: the delivery distribution's root (delivery_base_url and /). With auth_mode = \"cognito\" users sign in with Cognito's hosted UI; members of admin_group also see everyone's metrics and the review queue."
  value       = local.console_url
}

output "cognito_hosted_ui_domain" {
  description = "Cognito's hosted sign-in the console uses, https://<cognito_domain_prefix>.auth.<region>.amazoncognito.com (null when auth_mode = \"none\")."
  value       = local.cognito_enabled ? "https://${aws_cognito_user_pool_domain.this[0].domain}.auth.${var.region}.amazoncognito.com" : null
}
