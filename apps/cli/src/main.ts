import 'reflect-metadata';
import { InvalidConfiguration, ownerOnlyFiles } from '@hmicfrs/config';
import { EventStoreUnavailable } from '@hmicfrs/event-store';
import { UsageError } from './cli-command';
import { COMMANDS, usage } from './commands';

/** `npm run cli -- <command> [options]`: the operations side of the product. */
async function main(argv: string[]): Promise<number> {
  // Whatever a command writes under DATA_DIR (a store, a local secret) is the owner's only.
  ownerOnlyFiles();
  const [name, ...rest] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(name ? `Unknown command ${JSON.stringify(name)}.\n\n${usage()}` : usage());
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const plain = error instanceof UsageError || error instanceof InvalidConfiguration || error instanceof EventStoreUnavailable;
    console.error(plain ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
