import { parseArgs } from 'node:util';
import { ROLES, isRole, issueToken, tokenSecret } from '@hmicfrs/auth';
import { loadConfig } from '@hmicfrs/config';
import { UsageError, type CliCommand } from './cli-command';

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: `token --user <id> --role <${ROLES.join('|')}> [--hours 8]: print a bearer token for local use`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { user: { type: 'string' }, role: { type: 'string' }, hours: { type: 'string', default: '8' } },
    });
    if (!values.user) throw new UsageError('token needs --user <id>');
    if (!isRole(values.role)) throw new UsageError(`token needs --role, one of ${ROLES.join(', ')}`);
    const hours = Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 720)
      throw new UsageError('--hours must be a positive number of hours, at most 720 (30 days)');
    const config = loadConfig(process.env);
    const secret = tokenSecret(config.JWT_SECRET, config.DATA_DIR, (message) => console.error(`warning: ${message}`));
    console.log(issueToken({ userId: values.user, role: values.role }, secret, Math.round(hours * 3600)));
    return 0;
  },
};
