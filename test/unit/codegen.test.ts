import { readFile } from 'node:fs/promises';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { expect, it } from 'vitest';

it('generated schema code matches src/schema/*.graphql (run `npm run codegen` if not)', async () => {
  const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
  // generate() is typed `any` for watch mode; without watch it returns the files it would write.
  const outputs = (await generate({ ...config, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];
  expect(outputs.length).toBeGreaterThan(1);
  for (const output of outputs) {
    const committed = await readFile(output.filename, 'utf8').catch(() => '(missing)');
    expect(committed, `${output.filename} is stale: run npm run codegen`).toBe(output.content);
  }
});
