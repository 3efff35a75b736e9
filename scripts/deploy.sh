#!/usr/bin/env bash
# Builds the Lambda zips and applies terraform/ with them.
#
#   scripts/deploy.sh [terraform apply arguments…]      e.g. scripts/deploy.sh -auto-approve
#
# The architecture comes from LAMBDA_ARCH (arm64 | x86_64, default arm64) and is passed to both
# the build (sharp's binary) and Terraform, so the two always agree. Terraform settings come
# from terraform/terraform.tfvars (copy terraform.tfvars.example) or TF_VAR_* variables.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
arch="${LAMBDA_ARCH:-arm64}"
case "$arch" in
  arm64 | x86_64) ;;
  x64) arch=x86_64 ;;
  *)
    echo "LAMBDA_ARCH must be arm64 or x86_64 (got '$arch')" >&2
    exit 2
    ;;
esac

for tool in node npm terraform; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "deploy needs '$tool' on PATH (see terraform/README.md, Deploy to AWS)" >&2
    exit 2
  fi
done

cd "$root"
echo "==> npm run build -- --arch $arch"
npm run build -- --arch "$arch"

extra=(-var "architecture=$arch")
if [[ ! -f dist/report.zip ]]; then
  echo "==> dist/report.zip is missing (src/report/lambda.ts not written yet): deploying without the daily report"
  extra+=(-var "report_enabled=false")
fi

echo "==> terraform -chdir=terraform init"
terraform -chdir=terraform init -input=false

echo "==> terraform -chdir=terraform apply ${extra[*]} $*"
terraform -chdir=terraform apply -input=false "${extra[@]}" "$@"

terraform -chdir=terraform output
