import { Logger } from '@nestjs/common';
import { sessionSecret, tokenSecret } from '@hmicfrs/auth';
import { InvalidConfiguration, type AppConfig } from '@hmicfrs/config';

/** The two signing secrets, read (or made, for a local run) once: bearer tokens, and the pages' session cookie. */
export interface Secrets {
  token: string;
  session: string;
}

export const SECRETS = Symbol('SECRETS');

export function secretsFor(config: AppConfig): Secrets {
  const warn = (message: string) => new Logger('Auth').warn(message);
  const secrets = {
    token: tokenSecret(config.JWT_SECRET, config.DATA_DIR, warn),
    session: sessionSecret(config.SESSION_SECRET, config.DATA_DIR, warn),
  };
  // Configured alike is refused by loadConfig; this catches one configured equal to the other's local file.
  if (secrets.token === secrets.session)
    throw new InvalidConfiguration(['The token secret and the session secret must be different secrets (they are the same)']);
  return secrets;
}
