# The three functions. Code comes from `npm run build`: dist/<fn>.zip, each with index.mjs
# exporting `handler` (a contract test checks names and paths against scripts/build.ts).
#
# Environment: exactly the keys of the function's config schema (src/config/*.ts) minus
# RUNTIME_SETTINGS (AWS_REGION: set by the Lambda runtime, reserved) and LOCAL_ONLY_SETTINGS
# (emulator endpoints, the local webhook) of src/config/env.ts. A contract test compares them.

locals {
  # `npm run build` puts the presets (PRESETS_FILE at build time, else presets/default.json) and
  # the files they name in the API and processor zips: scripts/build-presets.ts.
  presets_file = "/var/task/presets/presets.json"

  api_environment = {
    TABLE_NAME               = aws_dynamodb_table.main.name
    ORIGINALS_BUCKET         = aws_s3_bucket.this["originals"].id
    VARIANTS_BUCKET          = aws_s3_bucket.this["variants"].id
    MAX_UPLOAD_BYTES         = tostring(var.max_upload_bytes)
    UPLOAD_URL_TTL_SECONDS   = tostring(var.upload_url_ttl_seconds)
    DOWNLOAD_URL_TTL_SECONDS = tostring(var.download_url_ttl_seconds)
    ALLOW_SVG                = tostring(var.allow_svg)
    PRESETS_FILE             = local.presets_file
    GRAPHIQL                 = tostring(local.graphiql_enabled)
    ADMIN_GROUP              = var.admin_group
  }

  processor_environment = {
    TABLE_NAME                 = aws_dynamodb_table.main.name
    ORIGINALS_BUCKET           = aws_s3_bucket.this["originals"].id
    VARIANTS_BUCKET            = aws_s3_bucket.this["variants"].id
    MAX_UPLOAD_BYTES           = tostring(var.max_upload_bytes)
    MAX_INPUT_PIXELS           = tostring(var.max_input_pixels)
    PROCESSING_LEASE_SECONDS   = tostring(var.processing_lease_seconds)
    MAX_FRAMES                 = tostring(var.max_frames)
    MAX_METADATA_BYTES         = tostring(var.max_metadata_bytes)
    PROCESSING_TIMEOUT_SECONDS = tostring(var.processing_timeout_seconds)
    MAX_ATTEMPTS               = tostring(var.max_attempts)
    ALLOW_SVG                  = tostring(var.allow_svg)
    PRESETS_FILE               = local.presets_file
    TOPIC_ARN                  = aws_sns_topic.events.arn
    # The embedded default analyses offline; on AWS, Amazon Rekognition does.
    ANALYZER                 = "rekognition"
    MODERATION_THRESHOLD     = tostring(var.moderation_threshold)
    MODERATION_REJECT_LABELS = join(",", var.moderation_reject_labels)
    DETECT_LABELS            = tostring(var.detect_labels)
    FACE_ATTRIBUTES          = var.face_attributes
    METRICS_NAMESPACE        = local.metrics_namespace
  }

  report_environment = {
    TABLE_NAME = aws_dynamodb_table.main.name
    TOPIC_ARN  = aws_sns_topic.events.arn
  }

  tracing_mode = var.tracing_enabled ? "Active" : "PassThrough"
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${each.value}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "api" {
  function_name                  = local.functions.api
  description                    = "Darkroom GraphQL API (API Gateway HTTP API, payload 2.0)"
  role                           = aws_iam_role.api.arn
  runtime                        = "nodejs22.x"
  architectures                  = [var.architecture]
  handler                        = "index.handler"
  filename                       = "${local.dist_dir}/api.zip"
  source_code_hash               = filebase64sha256("${local.dist_dir}/api.zip")
  memory_size                    = var.api_memory_mb
  timeout                        = var.api_timeout_seconds
  reserved_concurrent_executions = var.api_reserved_concurrency

  environment {
    variables = local.api_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function["api"].name
  }

  tracing_config {
    mode = local.tracing_mode
  }
}

resource "aws_lambda_function" "processor" {
  function_name                  = local.functions.processor
  description                    = "Darkroom image processor (S3 ObjectCreated under the upload prefix)"
  role                           = aws_iam_role.processor.arn
  runtime                        = "nodejs22.x"
  architectures                  = [var.architecture]
  handler                        = "index.handler"
  filename                       = "${local.dist_dir}/processor.zip"
  source_code_hash               = filebase64sha256("${local.dist_dir}/processor.zip")
  memory_size                    = var.processor_memory_mb
  timeout                        = var.processor_timeout_seconds
  reserved_concurrent_executions = var.processor_reserved_concurrency

  environment {
    variables = local.processor_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function["processor"].name
  }

  tracing_config {
    mode = local.tracing_mode
  }

  lifecycle {
    # sharp is a native module: the zip must carry the binary for this architecture.
    precondition {
      condition     = lookup(local.build_manifest, "architecture", "") == var.architecture
      error_message = "dist/ was not built for ${var.architecture} (dist/manifest.json says \"${lookup(local.build_manifest, "architecture", "nothing")}\"): run `npm run build -- --arch ${var.architecture}`."
    }

    precondition {
      condition     = var.processing_timeout_seconds < var.processor_timeout_seconds
      error_message = "processing_timeout_seconds (${var.processing_timeout_seconds}) must be shorter than processor_timeout_seconds (${var.processor_timeout_seconds}), so a timed-out image is recorded as FAILED before Lambda stops the function."
    }

    precondition {
      condition     = var.processing_lease_seconds > var.processor_timeout_seconds
      error_message = "processing_lease_seconds (${var.processing_lease_seconds}) must be longer than processor_timeout_seconds (${var.processor_timeout_seconds}), or a retry could take over an image still being processed."
    }
  }
}

resource "aws_lambda_function" "report" {
  count = var.report_enabled ? 1 : 0

  function_name    = local.functions.report
  description      = "Darkroom daily report (EventBridge Scheduler)"
  role             = aws_iam_role.report[0].arn
  runtime          = "nodejs22.x"
  architectures    = [var.architecture]
  handler          = "index.handler"
  filename         = "${local.dist_dir}/report.zip"
  source_code_hash = filebase64sha256("${local.dist_dir}/report.zip")
  memory_size      = var.report_memory_mb
  timeout          = var.report_timeout_seconds

  environment {
    variables = local.report_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function["report"].name
  }

  tracing_config {
    mode = local.tracing_mode
  }
}

resource "aws_lambda_permission" "processor_s3" {
  statement_id   = "AllowOriginalsBucketInvoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.processor.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.this["originals"].arn
  source_account = local.account_id
}

resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  # Any stage, any method, the /graphql path only.
  source_arn = "${aws_apigatewayv2_api.graphql.execution_arn}/*/*/graphql"
}
