/**
 * `npm start`: the whole stack on this machine, offline (./start/run.ts). Node 22.1+ keeps V8's
 * compiled code of every module loaded after this line in .cache/node-compile, so later starts
 * parse the AWS SDK and the rest from the cache instead of from source.
 */
import module from 'node:module';
import { fileURLToPath } from 'node:url';

module.enableCompileCache?.(fileURLToPath(new URL('../.cache/node-compile', import.meta.url)));
await import('./start/run.js');
