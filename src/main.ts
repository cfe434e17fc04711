import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  console.log(`sprint-ledger: GraphQL on ${await app.getUrl()}/graphql`);
  // Graceful stop: the server stops taking requests, the relay finishes its batch, pools close.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`sprint-ledger: unclean shutdown: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  // One line an operator can act on; a stack trace here would only hide it.
  const reason = error instanceof ConfigError || error instanceof Error ? error.message : error;
  console.error(`sprint-ledger: cannot start: ${String(reason)}`);
  process.exit(1);
});
