import 'reflect-metadata';
import { InvalidConfiguration, loadConfig, ownerOnlyFiles } from '@hmicfrs/config';
import { EventStoreUnavailable } from '@hmicfrs/event-store';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  // Before anything is written: the stores, the users file and any local secret are the owner's only.
  ownerOnlyFiles();
  const config = loadConfig(process.env);
  const app = await createHttpApp(config);
  await app.listen(config.PORT, config.HOST);
  console.log(`HMICFRS recommendations API on http://${config.HOST}:${config.PORT} (OpenAPI at /docs)`);
}

main().catch((error: unknown) => {
  // A refusal the operator can act on is printed as it stands; only the unforeseen gets a stack.
  const plain = error instanceof InvalidConfiguration || error instanceof EventStoreUnavailable;
  console.error(plain ? error.message : error);
  process.exit(1);
});
