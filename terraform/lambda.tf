# The functions. Code comes from `npm run build`: dist/<fn>.zip, each with index.mjs exporting
# `handler` (a contract test checks names and paths against scripts/build.ts).
#
# Environment: exactly the keys of the function's config schema (src/config/*.ts) minus
# RUNTIME_SETTINGS (AWS_REGION: set by the Lambda runtime, reserved) and LOCAL_ONLY_SETTINGS
# (emulator endpoints, the local webhook) of src/config/env.ts. A contract test compares them.

locals {
  # `npm run build` puts the presets (PRESETS_FILE at build time, else presets/default.json) and
  # the files they name in the API and processor zips: scripts/build-presets.ts.
  presets_file = "/var/task/presets/presets.json"

  # What differs between the functions, by short name (the keys of local.functions, which decides
  # which of them exist). The zip is always dist/<short name>.zip. A disabled report has no role:
  # one() of its empty role list is null, and local.functions leaves it out anyway.
  #
  # Nothing in here may refer to the CloudFront distribution: the distribution's origin is the
  # delivery function's URL, so the delivery function, which reads its entry here, is created
  # before it. (Terraform orders whole locals and resources, not map entries or instances; see
  # local.distribution_environment for what the API learns about the distribution.)
  function_settings = {
    api = {
      description          = "Darkroom GraphQL API (API Gateway HTTP API, payload 2.0)"
      role                 = aws_iam_role.api.arn
      memory_size          = var.api_memory_mb
      timeout              = var.api_timeout_seconds
      reserved_concurrency = var.api_reserved_concurrency

      environment = {
        TABLE_NAME             = aws_dynamodb_table.main.name
        ORIGINALS_BUCKET       = aws_s3_bucket.this["originals"].id
        VARIANTS_BUCKET        = aws_s3_bucket.this["variants"].id
        MAX_UPLOAD_BYTES       = tostring(var.max_upload_bytes)
        UPLOAD_URL_TTL_SECONDS = tostring(var.upload_url_ttl_seconds)
        DELIVERY_MAX_SIDE      = tostring(var.delivery_max_side)
        DELIVERY_SIZES         = local.delivery_sizes
        # Only the key that signs: the edge verifies with every key, from its key value store.
        DELIVERY_KEYS = "${var.delivery_signing_key_id}:${lookup(var.delivery_signing_keys, var.delivery_signing_key_id, "")}"
        # "" (unset): public mode, URLs without an expiry.
        DELIVERY_URL_TTL_SECONDS = var.delivery_url_ttl_seconds == null ? "" : tostring(var.delivery_url_ttl_seconds)
        ALLOW_SVG                = tostring(var.allow_svg)
        PRESETS_FILE             = local.presets_file
        GRAPHIQL                 = tostring(local.graphiql_enabled)
        ADMIN_GROUP              = var.admin_group
        # The metrics query sums the counter shards the events function writes: the same numbers.
        METRICS_SHARDS       = tostring(var.metrics_shards)
        METRICS_OWNER_SHARDS = tostring(var.metrics_owner_shards)
        # createUpload enforces the first two; `quota` reports all three.
        QUOTA_UPLOADS_PER_DAY = local.quotas.uploads_per_day
        QUOTA_STORED_BYTES    = local.quotas.stored_bytes
        QUOTA_RENDERS_PER_DAY = local.quotas.renders_per_day
      }
    }

    processor = {
      description          = "Darkroom image processor (S3 ObjectCreated under the upload prefix)"
      role                 = aws_iam_role.processor.arn
      memory_size          = var.processor_memory_mb
      timeout              = var.processor_timeout_seconds
      reserved_concurrency = var.processor_reserved_concurrency

      environment = {
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
        SWEEP_BATCH_SIZE           = tostring(var.sweep_batch_size)
        SWEEP_CONCURRENCY          = tostring(var.sweep_concurrency)
        ALLOW_SVG                  = tostring(var.allow_svg)
        PRESETS_FILE               = local.presets_file
        # The embedded default analyses offline; on AWS, Amazon Rekognition does.
        ANALYZER                 = local.analyzer
        REKOGNITION_REGION       = local.rekognition_region
        MODERATION_THRESHOLD     = tostring(var.moderation_threshold)
        MODERATION_REJECT_LABELS = join(",", var.moderation_reject_labels)
        # From the review threshold up to the reject threshold: IN_REVIEW, for a person.
        MODERATION_REVIEW_THRESHOLD = tostring(var.moderation_review_threshold)
        # The sweep announces images still waiting for review after each period.
        REVIEW_REMINDER_HOURS = tostring(var.review_reminder_hours)
        # The optional duplicates step: the owner's own images only.
        DUPLICATES             = var.duplicates
        DUPLICATE_MAX_DISTANCE = tostring(var.duplicate_max_distance)
        DETECT_LABELS          = tostring(var.detect_labels)
        FACE_ATTRIBUTES        = var.face_attributes
        METRICS_NAMESPACE      = local.metrics_namespace
      }
    }

    delivery = {
      description          = "Darkroom delivery origin (CloudFront, Lambda function URL): renders what the variants bucket does not hold yet"
      role                 = aws_iam_role.delivery.arn
      memory_size          = var.delivery_memory_mb
      timeout              = var.delivery_timeout_seconds
      reserved_concurrency = var.delivery_reserved_concurrency

      environment = {
        TABLE_NAME             = aws_dynamodb_table.main.name
        ORIGINALS_BUCKET       = aws_s3_bucket.this["originals"].id
        VARIANTS_BUCKET        = aws_s3_bucket.this["variants"].id
        DELIVERY_MAX_SIDE      = tostring(var.delivery_max_side)
        DELIVERY_SIZES         = local.delivery_sizes
        MAX_INPUT_PIXELS       = tostring(var.max_input_pixels)
        RENDER_TIMEOUT_SECONDS = tostring(var.render_timeout_seconds)
        QUOTA_RENDERS_PER_DAY  = local.quotas.renders_per_day
      }
    }

    report = {
      description = "Darkroom daily report (EventBridge Scheduler)"
      role        = one(aws_iam_role.report[*].arn)
      memory_size = var.report_memory_mb
      timeout     = var.report_timeout_seconds
      # Unreserved: the provider's default, as if the argument were not written.
      reserved_concurrency = null

      environment = {
        TABLE_NAME           = aws_dynamodb_table.main.name
        TOPIC_ARN            = aws_sns_topic.events.arn
        METRICS_SHARDS       = tostring(var.metrics_shards)
        METRICS_OWNER_SHARDS = tostring(var.metrics_owner_shards)
      }
    }

    # Invoked by the table's stream (events.tf), never by a caller: counts each image transition
    # exactly once into the metric counters and announces finished images on the topic.
    events = {
      description = "Darkroom events (the table's stream): counts image transitions, announces finished images"
      role        = aws_iam_role.events.arn
      memory_size = var.events_memory_mb
      timeout     = var.events_timeout_seconds
      # Unreserved: a stream mapping runs at most one batch per shard and parallelization factor
      # at a time, a bound of its own.
      reserved_concurrency = null

      environment = {
        TABLE_NAME           = aws_dynamodb_table.main.name
        TOPIC_ARN            = aws_sns_topic.events.arn
        METRICS_SHARDS       = tostring(var.metrics_shards)
        METRICS_OWNER_SHARDS = tostring(var.metrics_owner_shards)
        METRICS_NAMESPACE    = local.metrics_namespace
      }
    }
  }

  # What the API learns about the distribution, by short name, merged into local.function_settings'
  # environment by aws_lambda_function.this: the distribution depends on the delivery function (its
  # origin), and the API on the distribution. No cycle, as long as this stays out of
  # local.function_settings and the delivery function is a resource of its own.
  distribution_environment = {
    api = {
      DELIVERY_BASE_URL = local.delivery_base_url
      # deleteImage invalidates the image's paths in this distribution.
      DELIVERY_DISTRIBUTION_ID = aws_cloudfront_distribution.delivery.id
    }
  }

  # The processor's analyser (ANALYZER, src/config/analysis.ts): always Amazon Rekognition on AWS.
  analyzer = "rekognition"

  # Where the processor calls Rekognition: rekognition_region, or the stack's own region.
  rekognition_region = coalesce(var.rekognition_region, var.region)

  # Regions offering the Rekognition API (all of it but the streaming operations; the processor
  # calls DetectFaces, DetectLabels and DetectModerationLabels): those of "Amazon Rekognition
  # endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/rekognition.html, as the
  # AWS SDKs' endpoint model (botocore's endpoints.json) lists them, with its isolated-partition
  # regions. Add a region here when AWS adds Rekognition to it.
  rekognition_regions = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "ca-central-1", "sa-east-1",
    "eu-central-1", "eu-west-1", "eu-west-2", "eu-south-2",
    "il-central-1",
    "ap-south-1", "ap-northeast-1", "ap-northeast-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-5", "ap-southeast-7",
    "us-gov-west-1",
    "eu-isoe-west-1", "us-isof-east-1", "us-isof-south-1",
  ]

  # Widths (and heights) on-demand URLs may ask for, as the functions read them; "" = any size.
  delivery_sizes = join(",", [for size in var.delivery_sizes : tostring(size)])

  # The per-owner quotas as the functions read them: a whole number, or "unlimited" for null.
  quotas = {
    uploads_per_day = var.quota_uploads_per_day == null ? "unlimited" : tostring(var.quota_uploads_per_day)
    stored_bytes    = var.quota_stored_bytes == null ? "unlimited" : tostring(var.quota_stored_bytes)
    renders_per_day = var.quota_renders_per_day == null ? "unlimited" : tostring(var.quota_renders_per_day)
  }

  # The signing key ids are no secret (every URL carries one); only the secrets are.
  delivery_key_ids = nonsensitive(keys(var.delivery_signing_keys))

  tracing_mode = var.tracing_enabled ? "Active" : "PassThrough"
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${each.value}"
  retention_in_days = var.log_retention_days
}

# Every function but delivery (below): the API's environment names the distribution, whose origin
# is the delivery function, and Terraform orders resources as a whole, not instance by instance.
resource "aws_lambda_function" "this" {
  for_each = { for short, name in local.functions : short => name if short != "delivery" }

  function_name                  = each.value
  description                    = local.function_settings[each.key].description
  role                           = local.function_settings[each.key].role
  runtime                        = "nodejs24.x"
  architectures                  = [var.architecture]
  handler                        = "index.handler"
  filename                       = "${local.dist_dir}/${each.key}.zip"
  source_code_hash               = filebase64sha256("${local.dist_dir}/${each.key}.zip")
  memory_size                    = local.function_settings[each.key].memory_size
  timeout                        = local.function_settings[each.key].timeout
  reserved_concurrent_executions = local.function_settings[each.key].reserved_concurrency

  environment {
    variables = merge(local.function_settings[each.key].environment, lookup(local.distribution_environment, each.key, {}))
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  tracing_config {
    mode = local.tracing_mode
  }

  # The API signs with DELIVERY_KEYS only once the edge knows the key (key rotation, see
  # terraform.tfvars.example); the key value store takes a few seconds more to reach every edge.
  depends_on = [aws_cloudfrontkeyvaluestore_key.signing]

  # Each precondition names the function it is about and holds for the others.
  lifecycle {
    precondition {
      condition     = each.key != "api" || contains(local.delivery_key_ids, var.delivery_signing_key_id)
      error_message = "delivery_signing_key_id (\"${var.delivery_signing_key_id}\") must be one of the ids in delivery_signing_keys (${join(", ", local.delivery_key_ids)})."
    }

    # sharp is a native module: the zip must carry the binary for this architecture.
    precondition {
      condition     = each.key != "processor" || lookup(local.build_manifest, "architecture", "") == var.architecture
      error_message = "dist/ was not built for ${var.architecture} (dist/manifest.json says \"${lookup(local.build_manifest, "architecture", "nothing")}\"): run `npm run build -- --arch ${var.architecture}`."
    }

    precondition {
      condition     = each.key != "processor" || var.processing_timeout_seconds < var.processor_timeout_seconds
      error_message = "processing_timeout_seconds (${var.processing_timeout_seconds}) must be shorter than processor_timeout_seconds (${var.processor_timeout_seconds}), so a timed-out image is recorded as FAILED before Lambda stops the function."
    }

    # Without Rekognition in its region the stack would deploy, and then fail every image.
    precondition {
      condition     = each.key != "processor" || local.analyzer != "rekognition" || contains(local.rekognition_regions, local.rekognition_region)
      error_message = "Amazon Rekognition (DetectFaces, DetectLabels, DetectModerationLabels) is not offered in ${local.rekognition_region}: set rekognition_region to a region that has it (${join(", ", local.rekognition_regions)}); the processor then sends its analysis images there."
    }

    precondition {
      condition     = each.key != "processor" || var.processing_lease_seconds > var.processor_timeout_seconds
      error_message = "processing_lease_seconds (${var.processing_lease_seconds}) must be longer than processor_timeout_seconds (${var.processor_timeout_seconds}), or a retry could take over an image still being processed."
    }

    # The processor's config refuses the opposite at start-up (src/config/analysis.ts,
    # reviewBelowReject): every image would then fail. Here rather than in the variable's
    # validation, which may refer to no other variable before Terraform 1.9.
    precondition {
      condition     = each.key != "processor" || var.moderation_review_threshold <= var.moderation_threshold
      error_message = "moderation_review_threshold (${var.moderation_review_threshold}) must be at most moderation_threshold (${var.moderation_threshold}): a person reviews what scores below the reject threshold (equal: no review)."
    }
  }
}

# The functions were three resources before they were one for_each: existing stacks keep them.
moved {
  from = aws_lambda_function.api
  to   = aws_lambda_function.this["api"]
}

moved {
  from = aws_lambda_function.processor
  to   = aws_lambda_function.this["processor"]
}

moved {
  from = aws_lambda_function.report[0]
  to   = aws_lambda_function.this["report"]
}

# The delivery function: the same as the others (same zip layout, runtime, logging, tracing), but
# a resource of its own, created before the distribution that the API's environment names.
resource "aws_lambda_function" "delivery" {
  function_name                  = local.functions.delivery
  description                    = local.function_settings.delivery.description
  role                           = local.function_settings.delivery.role
  runtime                        = "nodejs24.x"
  architectures                  = [var.architecture]
  handler                        = "index.handler"
  filename                       = "${local.dist_dir}/delivery.zip"
  source_code_hash               = filebase64sha256("${local.dist_dir}/delivery.zip")
  memory_size                    = local.function_settings.delivery.memory_size
  timeout                        = local.function_settings.delivery.timeout
  reserved_concurrent_executions = local.function_settings.delivery.reserved_concurrency

  environment {
    variables = local.function_settings.delivery.environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function["delivery"].name
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

    # A render still running answers 503 before Lambda stops the function (and before CloudFront,
    # which waits as long as the function may run, gives up and retries the origin).
    precondition {
      condition     = var.render_timeout_seconds < var.delivery_timeout_seconds
      error_message = "render_timeout_seconds (${var.render_timeout_seconds}) must be shorter than delivery_timeout_seconds (${var.delivery_timeout_seconds}), so a render that takes too long is answered (503) before Lambda stops the function."
    }
  }
}

resource "aws_lambda_permission" "processor_s3" {
  statement_id   = "AllowOriginalsBucketInvoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this["processor"].function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.this["originals"].arn
  source_account = local.account_id
}

resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["api"].function_name
  principal     = "apigateway.amazonaws.com"
  # Any stage, any method, the /graphql path only.
  source_arn = "${aws_apigatewayv2_api.graphql.execution_arn}/*/*/graphql"
}
