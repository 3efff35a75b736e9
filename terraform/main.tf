data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  # amazonaws.com, or amazonaws.com.cn in the China regions: the end of service endpoints.
  dns_suffix = data.aws_partition.current.dns_suffix

  # Where `npm run build` writes the Lambda zips (dist/<fn>.zip) and its manifest.
  dist_dir = coalesce(var.lambda_dist_dir, "${path.module}/../dist")

  # What `npm run build` wrote; the processor's precondition compares its architecture.
  build_manifest = try(jsondecode(file("${local.dist_dir}/manifest.json")), {})

  cognito_enabled = var.auth_mode == "cognito"

  # The object key layout of src/model/keys.ts: the API signs uploads for `uploads/<id>` only, the
  # processor writes `variants/<id>/<name>.<ext>` and the delivery function stores the on-demand
  # renders under `renders/<id>/<generation>/`. Variants of an image held for review are written
  # under `held/` first (`held/variants/<id>/...`, HELD_PREFIX): no delivery URL maps there and
  # the distribution may not read it; approveImage copies them to their `variants/` keys.
  # Contract tests keep these equal.
  originals_prefix = "uploads/"
  variants_prefix  = "variants/"
  renders_prefix   = "renders/"
  held_prefix      = "held/"

  # Every function this stack deploys: short name => function name. Log groups, alarms and the
  # functions themselves are named from this, so no resource has to wait for another's name.
  # (A for-filter rather than `cond ? {…} : {}`, whose object types Terraform cannot unify.)
  functions = {
    for short, name in {
      api       = "${var.name}-api"
      processor = "${var.name}-processor"
      report    = "${var.name}-report"
      events    = "${var.name}-events"
      delivery  = "${var.name}-delivery"
    } : short => name if short != "report" || var.report_enabled
  }
}
