import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  console.log(`sprint-ledger: GraphQL on ${await app.getUrl()}/graphql`);
}

main().catch((error: unknown) => {
  // One line an operator can act on; a stack trace here would only hide it.
  const reason = error instanceof ConfigError || error instanceof Error ? error.message : error;
  console.error(`sprint-ledger: cannot start: ${String(reason)}`);
  process.exit(1);
});
