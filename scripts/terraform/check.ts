/**
 * Offline Terraform checks (what `terraform validate`, `terraform fmt -check` and an IAM linter
 * would say), for when no terraform binary is at hand.
 *
 *   npx tsx scripts/terraform/check.ts [dir=terraform] [--fix]
 *
 * --fix rewrites files the formatter would change. Exits 1 when anything is found.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkModule } from './lib/check-all.js';
import { formatHcl } from './lib/check-format.js';
import { formatFinding, loadModule } from './lib/hcl.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'terraform');
  if (args.includes('--fix')) {
    for (const file of (await loadModule(dir)).files) {
      const text = readFileSync(file.path, 'utf8');
      const formatted = await formatHcl(text);
      if (formatted !== text) {
        writeFileSync(file.path, formatted);
        console.log(`formatted ${file.name}`);
      }
    }
  }
  const findings = await checkModule(dir);
  for (const f of findings) console.log(formatFinding(f));
  console.log(findings.length === 0 ? `${dir}: all checks pass` : `${findings.length} problem(s)`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
