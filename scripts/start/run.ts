/**
 * `npm start`: the whole stack on this machine, offline. Ctrl-C stops it cleanly; data stays in
 * DATA_DIR (default .data/) for the next start.
 */
import { ConfigError } from '../../src/config/env.js';
import { MissingJavaError } from '../../src/local/dynamodb-emulator.js';
import { startStack } from '../../src/local/stack.js';

// Keep the console readable: the handlers' JSON logs show warnings and errors only, unless asked.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

try {
  const stack = await startStack(process.env, {
    onOutcome: (outcome) => {
      if (outcome.outcome !== 'finished') return;
      const detail = outcome.error ? `: ${outcome.error}` : '';
      console.log(`${outcome.status.padEnd(9)} ${outcome.imageId}${detail}`);
    },
  });
  const graphiql = stack.graphiqlUrl
    ? `\n  GraphiQL ${stack.graphiqlUrl} (open it in a browser)`
    : '';
  console.log(`Darkroom is running (embedded default, data in ${stack.dataDir})
  Console  ${stack.consoleUrl} (open it in a browser)
  GraphQL  POST ${stack.graphqlUrl}${graphiql}
  Delivery ${stack.deliveryUrl}/i/… and /t/… (signed image URLs)
  S3       ${stack.s3Endpoint}
  DynamoDB ${stack.dynamodbEndpoint}
Try: npm run upload -- <image file>     Stop: Ctrl-C`);
  // Builds the console and the GraphiQL page now if missing or stale, so a first visit does not wait.
  void fetch(stack.consoleUrl)
    .then((response) => response.arrayBuffer())
    .catch((error: unknown) => console.error('Console:', error));
  if (stack.graphiqlUrl) {
    void fetch(stack.graphiqlUrl, { headers: { accept: 'text/html' } })
      .then((response) => response.arrayBuffer())
      .catch((error: unknown) => console.error('GraphiQL page:', error));
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log('Forced exit.');
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: finishing images in progress, then stopping… (again to force)`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopped with an error:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof MissingJavaError) {
    console.error(error.message);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const { address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
    console.error(
      `Port ${port} on ${address} is already in use. Stop whatever uses it, or choose other ports with PORT, S3_PORT and DYNAMODB_PORT.`,
    );
    process.exit(2);
  }
  throw error;
}
