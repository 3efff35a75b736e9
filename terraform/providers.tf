provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      Application = var.name
      ManagedBy   = "terraform"
    })
  }
}
