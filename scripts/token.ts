/**
 * `npm run token -- --role KLANTMANAGER --org wi-bhh --gemeente GM0164 [--gemeente GM0147] [--sub id] [--ttl 8h]`
 * prints a bearer token of the local development issuer (key under .data/keys, made on first use).
 * `npm run token -- --role INWONER --bsn 900000016 [--ttl 8h]` prints a resident's token instead, as a
 * municipality's DigiD sign-in would give it: the BSN in the `bsn` claim, no organisation or gemeenten.
 */
import { parseArgs } from 'node:util';
import { isValidBsn } from '../platform/bsn';
import { signEmployeeToken, signResidentToken } from '../platform/auth/local-tokens';
import { isOrganisatie, isRol, ORGANISATIONS, ROLES } from '../platform/auth/principals';
import { localIssuerKey } from '../platform/auth/setup';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      gemeente: { type: 'string', multiple: true },
      sub: { type: 'string' },
      bsn: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const roles = values.role ?? [];
  if (roles.length === 0 || !roles.every(isRol)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (roles.includes('INWONER')) {
    if (roles.length > 1 || values.org || values.gemeente || values.sub) {
      throw new Error(
        '--role INWONER is a resident: give --bsn only, no other role, --org, --gemeente or --sub',
      );
    }
    if (!isValidBsn(values.bsn)) throw new Error('--bsn must be a BSN that passes the 11-proef');
    console.log(await signResidentToken(await localIssuerKey(), values.bsn, { ttl: values.ttl }));
    return;
  }
  if (values.bsn) throw new Error('--bsn belongs to a resident (--role INWONER), not to an employee');
  if (!isOrganisatie(values.org))
    throw new Error(`--org must be one of ${Object.keys(ORGANISATIONS).join(', ')}`);
  const gemeenten = values.gemeente ?? [];
  if (!gemeenten.every((code) => /^GM\d{4}$/.test(code)))
    throw new Error('--gemeente takes CBS codes such as GM0164');
  const token = await signEmployeeToken(
    await localIssuerKey(),
    { employeeId: values.sub ?? `${values.org}-medewerker`, organisation: values.org, roles, gemeenten },
    { ttl: values.ttl },
  );
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
