/** One of `npm run cli -- <command>`'s commands; `commands.ts` lists them. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Resolves to the process's exit code. */
  run(args: string[]): Promise<number>;
}

/** The command line could not be understood; the message says how to write it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
