terraform {
  # optional() object attributes with defaults and lifecycle preconditions; 1.6+ to be safe.
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # One exact version: scripts/terraform/aws-provider-schema.json was extracted from it and a
      # test keeps the two equal. Upgrade both together (see terraform/README.md).
      version = "6.66.0"
    }
  }
}
