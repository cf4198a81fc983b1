# The hashicorp/aws provider pointed at Cognate. Only the Cognito user-pools endpoint is overridden; the
# skip flags stop the provider from calling STS, IAM and the EC2 metadata service, which Cognate does not serve.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "cognate_endpoint" {
  description = "Cognate's URL, e.g. http://127.0.0.1:9229"
  type        = string
  default     = "http://127.0.0.1:9229"
}

provider "aws" {
  region = "us-east-1"
  # Dev mode accepts any key. In secure mode (--credentials), use a key from Cognate's credentials file:
  # the provider signs every request with SigV4 and Cognate verifies it.
  access_key = "local"
  secret_key = "local"

  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    cognitoidp = var.cognate_endpoint
  }
}
