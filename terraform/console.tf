# The web console: static files (src/console/, built by `npm run build` into dist/console/) in a
# private bucket of their own, served by the delivery distribution beside the images.
#
#   browser ─GET /─▶ CloudFront (default root object) ─/index.html, /console/*─▶ console bucket (OAC)
#     no edge function: the image behaviours' viewer-request function never sees these paths
#   the page ─▶ /console/config.json (what differs between stacks, written here)
#            ─▶ the API (CORS: the console's origin is always allowed), the originals bucket
#               (presigned POST), Cognito's hosted sign-in (authorization code with PKCE)
#
# Its Content-Security-Policy is the string consoleContentSecurityPolicy() of
# src/console/csp.ts builds; a contract test renders the one below and compares them.

locals {
  # Where `npm run build` writes the console, beside the Lambda zips.
  console_dist_dir = coalesce(var.console_dist_dir, "${local.dist_dir}/console")

  # Everything the build wrote but index.html, which goes up last (it names the others), and
  # config.json, which is this stack's and written below. Hashed names never change content.
  console_files = fileset(local.console_dist_dir, "**")
  console_assets = {
    for file in local.console_files : file => file
    if !contains(["index.html", "console/config.json"], file)
  }

  console_content_types = {
    html = "text/html; charset=utf-8"
    js   = "text/javascript; charset=utf-8"
    css  = "text/css; charset=utf-8"
    json = "application/json"
  }

  # index.html and config.json are revalidated on every load (CloudFront keeps them for a second:
  # CachingOptimized's minimum TTL); the content-hashed console/app-* files are kept a year.
  console_revalidate = "no-cache"

  # The console is the distribution's root: its URL is the Cognito client's callback and sign-out
  # URL, and its origin (local.delivery_base_url) is allowed by the API's and the originals
  # bucket's CORS.
  console_url = "${local.delivery_base_url}/"

  # Cognito's hosted sign-in, where the console sends users (auth_mode = "cognito").
  cognito_domain_prefix = coalesce(var.cognito_domain_prefix, "${var.name}-${local.account_id}")
  cognito_hosted_ui_url = "https://${local.cognito_domain_prefix}.auth.${var.region}.amazoncognito.com"
  cognito_oauth_scopes  = ["openid", "email", "profile"]

  # /console/config.json: ConsoleConfigSchema of src/console/config.ts (a contract test parses a
  # rendering of it with the schema). Indexed by auth_mode, so each mode keeps its own shape.
  console_auth = {
    cognito = {
      mode     = "cognito"
      domain   = local.cognito_hosted_ui_url
      clientId = one(aws_cognito_user_pool_client.this[*].id)
      scopes   = local.cognito_oauth_scopes
    }
    none = {
      mode = "none"
    }
  }
  console_config = {
    graphqlUrl = "${aws_apigatewayv2_api.graphql.api_endpoint}/graphql"
    adminGroup = var.admin_group
    auth       = local.console_auth[var.auth_mode]
  }

  # The origins the page reaches besides its own, as the SDK signs for them: presigned POSTs and
  # GETs go to the virtual-hosted https://<bucket>.s3.<region>.<dns suffix> (no dots in these
  # bucket names). The review queue's reviewUrl is a presigned GET of a held variant, in the
  # variants bucket.
  #
  # The API's origin is https://<api id>.execute-api.<region>.<dns suffix>, but the id cannot be
  # named here: the API's CORS names the distribution (the console's origin), the distribution
  # this policy, and Terraform orders whole resources, so naming the API would be a cycle. Any
  # HTTP API of the region is allowed instead; scripts come from the console itself alone.
  console_csp_origins = {
    connect = concat(
      [
        "https://*.execute-api.${var.region}.${local.dns_suffix}",
        "https://${local.buckets.originals.name}.s3.${var.region}.${local.dns_suffix}",
      ],
      local.cognito_enabled ? [local.cognito_hosted_ui_url] : [],
    )
    images = ["https://${local.buckets.variants.name}.s3.${var.region}.${local.dns_suffix}"]
  }

  # consoleContentSecurityPolicy(local.console_csp_origins), src/console/csp.ts: the same fixed
  # directives, the origins de-duplicated and sorted after 'self'.
  console_content_security_policy = join("; ", [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    join(" ", concat(["img-src", "'self'", "data:", "blob:"], sort(distinct(local.console_csp_origins.images)))),
    join(" ", concat(["connect-src", "'self'"], sort(distinct(local.console_csp_origins.connect)))),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ])

  # The API's and the originals bucket's CORS: the console, and cors_allowed_origins ("*" alone
  # when it is among them).
  cors_origins = contains(var.cors_allowed_origins, "*") ? ["*"] : distinct(concat([local.delivery_base_url], var.cors_allowed_origins))
}

# ---------------------------------------------------------------------------------------------
# The bucket: private as the others (storage.tf), read by the distribution alone. No versioning:
# every object is rewritten from dist/console/ by the next apply.
# ---------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "console" {
  bucket        = "${var.name}-console-${local.account_id}-${var.region}"
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "console" {
  bucket                  = aws_s3_bucket.console.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "console" {
  bucket = aws_s3_bucket.console.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "console" {
  bucket = aws_s3_bucket.console.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "console_bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.console.arn,
      "${aws_s3_bucket.console.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Origin access control: the distribution, and only it, reads the console's files. Without
  # s3:ListBucket a missing file is a 403.
  statement {
    sid       = "DistributionReads"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.console.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.delivery.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "console" {
  bucket = aws_s3_bucket.console.id
  policy = data.aws_iam_policy_document.console_bucket.json

  # A policy put before the public access block exists can be refused as public.
  depends_on = [aws_s3_bucket_public_access_block.console]
}

# ---------------------------------------------------------------------------------------------
# The files. etag (the MD5 of an SSE-S3 object) changes with the content, so a new build is
# uploaded again; files gone from the build are deleted.
# ---------------------------------------------------------------------------------------------

resource "aws_s3_object" "console_assets" {
  for_each = local.console_assets

  bucket        = aws_s3_bucket.console.id
  key           = each.key
  source        = "${local.console_dist_dir}/${each.key}"
  etag          = filemd5("${local.console_dist_dir}/${each.key}")
  content_type  = lookup(local.console_content_types, lower(reverse(split(".", each.key))[0]), "application/octet-stream")
  cache_control = startswith(each.key, "console/app-") ? local.immutable_cache_control.value : local.console_revalidate

  depends_on = [aws_s3_bucket_ownership_controls.console, aws_s3_bucket_server_side_encryption_configuration.console]
}

# After the files it names: a viewer never gets an index.html whose script is not there yet.
resource "aws_s3_object" "console_index" {
  bucket        = aws_s3_bucket.console.id
  key           = "index.html"
  source        = "${local.console_dist_dir}/index.html"
  etag          = filemd5("${local.console_dist_dir}/index.html")
  content_type  = local.console_content_types.html
  cache_control = local.console_revalidate

  depends_on = [aws_s3_object.console_assets, aws_s3_object.console_config]

  lifecycle {
    # Checked before the arguments, so this is the error a missing build gives.
    precondition {
      condition     = fileexists("${local.console_dist_dir}/index.html")
      error_message = "${local.console_dist_dir} holds no index.html: run `npm run build` (it writes the web console to dist/console/), or set console_dist_dir to where it was built."
    }
  }
}

resource "aws_s3_object" "console_config" {
  bucket        = aws_s3_bucket.console.id
  key           = "console/config.json"
  content       = jsonencode(local.console_config)
  content_type  = local.console_content_types.json
  cache_control = local.console_revalidate

  depends_on = [aws_s3_bucket_ownership_controls.console, aws_s3_bucket_server_side_encryption_configuration.console]
}

# ---------------------------------------------------------------------------------------------
# CloudFront: the origin, its cache policy, and the headers every console response gets.
# ---------------------------------------------------------------------------------------------

resource "aws_cloudfront_origin_access_control" "console" {
  name                              = "${var.name}-console-${var.region}"
  description                       = "Darkroom console: the console bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"

  lifecycle {
    create_before_destroy = true
  }
}

# No cookies, headers or query strings in the key (the sign-in's ?code=… is read by the page);
# compressed copies kept apart; each object's own Cache-Control decides how long.
data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

resource "aws_cloudfront_response_headers_policy" "console" {
  name    = "${var.name}-console-${var.region}"
  comment = "Darkroom console: Content-Security-Policy, HSTS, nosniff, no framing, no referrer"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.console_content_security_policy
      override                = true
    }

    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = false
      preload                    = false
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "no-referrer"
      override        = true
    }
  }

  lifecycle {
    create_before_destroy = true

    # CloudFront's limit for the Content-Security-Policy of a response headers policy.
    precondition {
      condition     = length(local.console_content_security_policy) <= 1783
      error_message = "The console's Content-Security-Policy is ${length(local.console_content_security_policy)} characters; CloudFront takes at most 1783."
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Cognito's hosted sign-in for the console (auth_mode = "cognito"); the app client's code grant
# is in auth.tf.
# ---------------------------------------------------------------------------------------------

resource "aws_cognito_user_pool_domain" "this" {
  count = local.cognito_enabled ? 1 : 0

  domain       = local.cognito_domain_prefix
  user_pool_id = aws_cognito_user_pool.this[0].id
  # The classic hosted UI: managed login (2) shows nothing until a branding style is made for
  # the client.
  managed_login_version = 1

  lifecycle {
    # The default prefix is built from var.name, which the variable's validation does not see.
    precondition {
      condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", local.cognito_domain_prefix)) && !can(regex("aws|amazon|cognito", local.cognito_domain_prefix))
      error_message = "The Cognito domain prefix \"${local.cognito_domain_prefix}\" must not contain \"aws\", \"amazon\" or \"cognito\" (Cognito reserves them): set cognito_domain_prefix."
    }
  }
}
