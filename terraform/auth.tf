# Cognito user pool and app client behind the API's JWT authorizer (auth_mode = "cognito"); the
# hosted sign-in domain the web console uses is in console.tf.

resource "aws_cognito_user_pool" "this" {
  count = local.cognito_enabled ? 1 : 0

  name                     = "${var.name}-users"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  admin_create_user_config {
    allow_admin_create_user_only = !var.cognito_self_signup_enabled
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
}

resource "aws_cognito_user_pool_client" "this" {
  count = local.cognito_enabled ? 1 : 0

  name            = "${var.name}-client"
  user_pool_id    = aws_cognito_user_pool.this[0].id
  generate_secret = false

  # SRP for apps; USER_PASSWORD_AUTH so an operator can get a token with the AWS CLI.
  explicit_auth_flows = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]
  # The web console signs in through the hosted UI (console.tf: the domain): authorization code
  # with PKCE (a public client, no secret), back to the console's URL.
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = local.cognito_oauth_scopes
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = [local.console_url]
  logout_urls                          = [local.console_url]

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

# Members read every owner's metrics (the API compares the JWT's cognito:groups with ADMIN_GROUP).
resource "aws_cognito_user_group" "admin" {
  count = local.cognito_enabled ? 1 : 0

  name         = var.admin_group
  user_pool_id = aws_cognito_user_pool.this[0].id
  description  = "Darkroom administrators: may read every owner's metrics"
}
