/**
 * `terraform fmt --check` without terraform: `@cdktf/hcl-tools` wraps hclwrite's Format, the
 * function `terraform fmt` applies to every file.
 */
import { format } from '@cdktf/hcl-tools';
import type { Finding, TfModule } from './hcl.js';

export async function formatHcl(text: string): Promise<string> {
  return format(text);
}

export async function checkFormat(module: TfModule): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of module.files) {
    const formatted = await formatHcl(file.text);
    if (formatted === file.text) continue;
    const a = file.text.split('\n');
    const b = formatted.split('\n');
    let line = 0;
    while (line < a.length && a[line] === b[line]) line++;
    findings.push({
      rule: 'format',
      file: file.name,
      line: line + 1,
      message: `not formatted as terraform fmt would write it; expected ${JSON.stringify(b[line] ?? '')} (run \`npx tsx scripts/terraform/check.ts --fix\`)`,
    });
  }
  return findings;
}
