# API Gateway HTTP API → the GraphQL function (payload format 2.0). POST /graphql carries
# queries and mutations; GET /graphql serves GraphiQL (and GET queries) when enabled.

locals {
  # GraphiQL is on by default everywhere but production (var.environment).
  graphiql_enabled = var.graphiql_enabled != null ? var.graphiql_enabled : var.environment != "production"

  # Route key => whether the route sits behind the JWT authorizer (when auth_mode = "cognito").
  routes = {
    for route, authorized in {
      "POST /graphql" = true
      "GET /graphql"  = !var.graphiql_public
    } : route => authorized if route != "GET /graphql" || local.graphiql_enabled
  }
}

resource "aws_apigatewayv2_api" "graphql" {
  name          = "${var.name}-api"
  description   = "Darkroom GraphQL API"
  protocol_type = "HTTP"

  # The web console's origin and cors_allowed_origins (console.tf, local.cors_origins).
  cors_configuration {
    allow_origins = local.cors_origins
    allow_methods = ["GET", "POST", "OPTIONS"]
    allow_headers = ["authorization", "content-type"]
    max_age       = 3600
  }
}

resource "aws_apigatewayv2_integration" "graphql" {
  api_id                 = aws_apigatewayv2_api.graphql.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_function.this["api"].invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  count = local.cognito_enabled ? 1 : 0

  api_id           = aws_apigatewayv2_api.graphql.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  # Accepts the pool's ID tokens (aud) and access tokens (client_id) for this app client; the
  # resolvers read the owner from the `sub` claim.
  jwt_configuration {
    audience = [aws_cognito_user_pool_client.this[0].id]
    issuer   = "https://${aws_cognito_user_pool.this[0].endpoint}"
  }
}

resource "aws_apigatewayv2_route" "graphql" {
  for_each = local.routes

  api_id             = aws_apigatewayv2_api.graphql.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.graphql.id}"
  authorization_type = local.cognito_enabled && each.value ? "JWT" : "NONE"
  authorizer_id      = local.cognito_enabled && each.value ? aws_apigatewayv2_authorizer.cognito[0].id : null
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name}-api"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.graphql.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      ip                 = "$context.identity.sourceIp"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
      sub                = "$context.authorizer.claims.sub"
    })
  }

  default_route_settings {
    throttling_burst_limit = var.api_throttling_burst_limit
    throttling_rate_limit  = var.api_throttling_rate_limit
  }
}
