import { readFileSync } from 'node:fs';

const packageFile = new URL('../../../package.json', import.meta.url);

/** The service's version, as its package.json says. */
export const packageVersion = (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string })
  .version;
