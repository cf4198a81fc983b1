variable "invitation_subject" {
  description = "Subject of the invitation email (change it to see an in-place update)"
  type        = string
  default     = "Your Example account"
}

variable "login_domain" {
  description = "Prefix of the hosted login's domain (change it to see a replacement: Cognito cannot rename a domain)"
  type        = string
  default     = "example-users-login"
}

variable "alice_password" {
  description = "Alice's permanent password (the pool's policy: 12 characters, upper and lower case, a digit)"
  type        = string
  sensitive   = true
  default     = "Correct-Horse-42"
}

resource "aws_cognito_user_pool" "main" {
  name                     = "example-users"
  user_pool_tier           = "PLUS" # threat protection (user_pool_add_ons, risk configuration) needs Plus
  deletion_protection      = "INACTIVE"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "OPTIONAL"

  username_configuration {
    case_sensitive = false
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
    password_history_size            = 2
  }

  software_token_mfa_configuration {
    enabled = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
    invite_message_template {
      email_subject = var.invitation_subject
      email_message = "Hello {username}, your temporary password is {####}."
      sms_message   = "Hello {username}, your temporary password is {####}."
    }
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
    email_subject        = "Your Example verification code"
    email_message        = "Your verification code is {####}."
  }

  device_configuration {
    challenge_required_on_new_device      = true
    device_only_remembered_on_user_prompt = true
  }

  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }

  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
    string_attribute_constraints {
      min_length = 5
      max_length = 2048
    }
  }

  schema {
    name                = "department"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }

  schema {
    name                = "seniority"
    attribute_data_type = "Number"
    mutable             = true
    number_attribute_constraints {
      min_value = 0
      max_value = 50
    }
  }

  tags = {
    team        = "identity"
    environment = "development"
  }
}

resource "aws_cognito_user_pool_domain" "main" {
  domain       = var.login_domain
  user_pool_id = aws_cognito_user_pool.main.id
}

resource "aws_cognito_resource_server" "api" {
  user_pool_id = aws_cognito_user_pool.main.id
  identifier   = "https://api.example.com"
  name         = "Example API"

  scope {
    scope_name        = "orders.read"
    scope_description = "Read orders"
  }
  scope {
    scope_name        = "orders.write"
    scope_description = "Create and change orders"
  }
}

resource "aws_cognito_identity_provider" "google" {
  user_pool_id  = aws_cognito_user_pool.main.id
  provider_name = "Google"
  provider_type = "Google"

  # Cognito completes a Google provider's details with Google's endpoints and reports them back; listing
  # them here keeps the plan clean (as against AWS).
  provider_details = {
    client_id                     = "example-google-client-id.apps.googleusercontent.com"
    client_secret                 = "example-google-client-secret"
    authorize_scopes              = "openid email profile"
    attributes_url                = "https://people.googleapis.com/v1/people/me?personFields="
    attributes_url_add_attributes = "true"
    authorize_url                 = "https://accounts.google.com/o/oauth2/v2/auth"
    oidc_issuer                   = "https://accounts.google.com"
    token_request_method          = "POST"
    token_url                     = "https://www.googleapis.com/oauth2/v4/token"
  }

  attribute_mapping = {
    email    = "email"
    username = "sub"
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.main.id

  generate_secret                      = true
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = concat(["openid", "email", "profile"], aws_cognito_resource_server.api.scope_identifiers)
  callback_urls                        = ["https://app.example.com/callback"]
  logout_urls                          = ["https://app.example.com/signed-out"]
  default_redirect_uri                 = "https://app.example.com/callback"
  supported_identity_providers         = ["COGNITO", aws_cognito_identity_provider.google.provider_name]
  read_attributes                      = ["email", "email_verified", "custom:department"]
  write_attributes                     = ["email", "custom:department"]

  access_token_validity  = 30
  id_token_validity      = 30
  refresh_token_validity = 7
  auth_session_validity  = 5

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

# A client whose settings another configuration owns: here, the managed client resource below.
resource "aws_cognito_user_pool_client" "cli" {
  name                = "cli"
  user_pool_id        = aws_cognito_user_pool.main.id
  explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  lifecycle {
    ignore_changes = [explicit_auth_flows, refresh_token_validity]
  }
}

# A client created elsewhere (by a service, or the "cli" client above), found by its name and managed here.
resource "aws_cognito_managed_user_pool_client" "adopted" {
  name_pattern = "^${aws_cognito_user_pool_client.cli.name}$"
  user_pool_id = aws_cognito_user_pool.main.id

  explicit_auth_flows    = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  refresh_token_validity = 10
}

resource "aws_cognito_user_pool_ui_customization" "web" {
  user_pool_id = aws_cognito_user_pool_domain.main.user_pool_id
  client_id    = aws_cognito_user_pool_client.web.id
  css          = ".label-customizable { font-weight: 400; }"
  image_file   = filebase64("${path.module}/logo.png")
}

resource "aws_cognito_user_group" "admins" {
  user_pool_id = aws_cognito_user_pool.main.id
  name         = "admins"
  description  = "Administrators"
  precedence   = 1
}

resource "aws_cognito_user_group" "readers" {
  user_pool_id = aws_cognito_user_pool.main.id
  name         = "readers"
  description  = "Read-only users"
  precedence   = 10
}

resource "aws_cognito_user" "alice" {
  user_pool_id = aws_cognito_user_pool.main.id
  username     = "alice@example.com"
  password     = var.alice_password

  # Custom attributes without their "custom:" prefix: the provider adds it, and strips it when reading.
  attributes = {
    email          = "alice@example.com"
    email_verified = true
    department     = "engineering"
    seniority      = 7
  }
}

resource "aws_cognito_user_in_group" "alice_admin" {
  user_pool_id = aws_cognito_user_pool.main.id
  group_name   = aws_cognito_user_group.admins.name
  username     = aws_cognito_user.alice.username
}

resource "aws_cognito_risk_configuration" "main" {
  user_pool_id = aws_cognito_user_pool.main.id

  compromised_credentials_risk_configuration {
    event_filter = ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"]
    actions {
      event_action = "BLOCK"
    }
  }

  risk_exception_configuration {
    blocked_ip_range_list = ["192.0.2.0/24"]
  }
}
