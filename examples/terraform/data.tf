data "aws_cognito_user_pool" "main" {
  user_pool_id = aws_cognito_user_pool.main.id
}

data "aws_cognito_user_pools" "by_name" {
  name       = aws_cognito_user_pool.main.name
  depends_on = [aws_cognito_user_pool.main]
}

data "aws_cognito_user_pool_client" "web" {
  user_pool_id = aws_cognito_user_pool.main.id
  client_id    = aws_cognito_user_pool_client.web.id
}

data "aws_cognito_user_pool_clients" "all" {
  user_pool_id = aws_cognito_user_pool.main.id
  depends_on   = [aws_cognito_user_pool_client.web, aws_cognito_managed_user_pool_client.adopted]
}

data "aws_cognito_user_group" "admins" {
  user_pool_id = aws_cognito_user_pool.main.id
  name         = aws_cognito_user_group.admins.name
}

data "aws_cognito_user_groups" "all" {
  user_pool_id = aws_cognito_user_pool.main.id
  depends_on   = [aws_cognito_user_group.admins, aws_cognito_user_group.readers]
}

data "aws_cognito_user_pool_signing_certificate" "saml" {
  user_pool_id = aws_cognito_user_pool.main.id
}

output "user_pool_id" {
  value = data.aws_cognito_user_pool.main.id
}

output "user_pool_arns" {
  value = data.aws_cognito_user_pools.by_name.arns
}

output "client_names" {
  value = sort(data.aws_cognito_user_pool_clients.all.client_names)
}

output "group_names" {
  value = sort([for group in data.aws_cognito_user_groups.all.groups : group.group_name])
}

output "web_client_scopes" {
  value = sort(data.aws_cognito_user_pool_client.web.allowed_oauth_scopes)
}

output "signing_certificate_present" {
  value = length(data.aws_cognito_user_pool_signing_certificate.saml.certificate) > 0
}

output "admins_precedence" {
  value = data.aws_cognito_user_group.admins.precedence
}
