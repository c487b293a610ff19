/**
 * What the adapter will and will not run with, read from the connection string's query before the
 * client sees it (@eventstore/db-client 6.x, `Client/parseConnectionString.js`: keys are matched
 * without case, `-` or `_`). The client itself only warns on the console about some of these and
 * carries on; a force's records deserve a refusal at start instead.
 */
export interface ConnectionSettingsCheck {
  /** Settings the adapter will not start with, each with its reason. */
  refusals: string[];
  /** Settings it starts with but an operator must know about (local-only, or slower). */
  warnings: string[];
}

/** The options the 6.x client understands, flat-cased as it matches them. */
const KNOWN = new Map(
  [
    'userCertFile',
    'userKeyFile',
    'maxDiscoverAttempts',
    'connectionName',
    'defaultDeadline',
    'discoveryInterval',
    'gossipTimeout',
    'nodePreference',
    'tls',
    'tlsVerifyCert',
    'tlsCAFile',
    'throwOnAppendFailure',
    'keepAliveInterval',
    'keepAliveTimeout',
  ].map((key) => [flat(key), key]),
);

export function checkConnectionSettings(connectionString: string): ConnectionSettingsCheck {
  const refusals: string[] = [];
  const warnings: string[] = [];
  const settings = querySettings(connectionString);
  for (const [raw, value] of settings) {
    const key = KNOWN.get(flat(raw));
    if (!key) {
      refusals.push(`"${raw}" is not an option @eventstore/db-client 6.x knows: it would be ignored (check the spelling)`);
      continue;
    }
    const off = value.toLowerCase() === 'false';
    if (key === 'throwOnAppendFailure' && off) {
      refusals.push(
        'throwOnAppendFailure=false is not supported: the 6.x client then reports a wrong current revision for a refused ' +
          'append, and the adapter needs the refusal as an error to re-read and retry. Remove it (true is the default)',
      );
    }
    if (key === 'tlsVerifyCert' && off) {
      refusals.push(
        'tlsVerifyCert=false has no effect in @eventstore/db-client 6.x (the certificate is verified all the same), so it ' +
          'cannot be what was meant: for a self-signed or private-CA certificate give tlsCAFile=/path/to/ca.crt ' +
          '(or NODE_EXTRA_CA_CERTS) and keep verification on',
      );
    }
    if (key === 'tls' && off) {
      warnings.push(
        'TLS is off (tls=false): the server runs insecure, with no users and no access control, and events and any ' +
          "credentials cross the network in clear. Only for a server on this machine or a throwaway test network, never a force's records",
      );
    }
    if (key === 'nodePreference' && flat(value) !== 'leader') {
      warnings.push(
        `nodePreference=${value}: reads that decide commands ask for the leader, so the client moves to it on the first ` +
          'append anyway, and until then read models may be fed from a node that lags. Prefer nodePreference=leader (the default)',
      );
    }
  }
  return { refusals, warnings };
}

/** `key=value` pairs after the `?`; a key without `=` counts with an empty value. */
function querySettings(connectionString: string): Array<[string, string]> {
  const query = connectionString.trim().split('?')[1];
  if (!query) return [];
  return query
    .split('&')
    .filter((pair) => pair.trim() !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair.trim(), ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    });
}

function flat(key: string): string {
  return key.trim().toLowerCase().replace(/[_-]/g, '');
}

/**
 * The user name in `esdb://user:password@host…`, or undefined when there are no credentials. Only the
 * name: the password never leaves this function.
 */
export function userOf(connectionString: string): string | undefined {
  const rest = connectionString.trim().replace(/^[^:]+:\/\//, '');
  const at = rest.search(/[/?]/);
  const authority = at < 0 ? rest : rest.slice(0, at);
  const credentials = authority.lastIndexOf('@');
  if (credentials < 0) return undefined;
  return decodeURIComponent(authority.slice(0, credentials).split(':')[0]);
}
