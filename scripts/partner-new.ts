/**
 * `npm run partner:new -- <name> [--rol ROL] [--organisatie org]`: scaffolds a partner subgraph under
 * subgraphs/<name>/ (an entity about a resident, its migration, access rules, register of processing
 * activities and a test), registers it in `subgraphs/index.ts` and `platform/partners.ts`, writes its
 * `registry/partners/<name>/partner.yaml`, and writes it into docker-compose.yml and deploy/base/ (see
 * partner-deployment.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  composeWithPartner,
  gatewayWithPartner,
  kustomizationWithPartner,
  manifestsFrom,
  networkPoliciesWithPartner,
  type PartnerNames,
} from './partner-deployment';

export interface NieuwePartner {
  /** The subgraph's name, kebab-case: `taalhuis`, `zorg-en-welzijn`. */
  name: string;
  /** The case role of its employees; default `<NAME>_MEDEWERKER`. */
  rol?: string;
  /** The organisation (`org` claim) of its employees; default the name. */
  organisatie?: string;
  /** Migration timestamp (`YYYYMMDDhhmmss`); default now. */
  timestamp?: string;
}

export interface Scaffold {
  files: string[];
  /** What is left to do by hand. */
  nextSteps: string;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ROLE = /^[A-Z][A-Z0-9_]*$/;

const pascal = (name: string): string =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
const camel = (name: string): string => pascal(name).charAt(0).toLowerCase() + pascal(name).slice(1);
const snake = (name: string): string => name.replace(/-/g, '_');
const prefix = (name: string): string => snake(name).toUpperCase();

/** The partners `platform/partners.ts` lists: names, organisations and ports, read from its text. */
function knownPartners(source: string): { names: string[]; organisaties: string[]; ports: number[] } {
  return {
    names: [...source.matchAll(/name: '([^']+)'/g)].map((match) => match[1] as string),
    organisaties: [...source.matchAll(/organisaties: \[([^\]]*)\]/g)].flatMap((match) =>
      [...(match[1] as string).matchAll(/'([^']+)'/g)].map((org) => org[1] as string),
    ),
    ports: [...source.matchAll(/port: (\d+)/g)].map((match) => Number(match[1])),
  };
}

/** Why a name, role or organisation cannot be used, or null. */
export function validatePartner(
  partner: NieuwePartner,
  known: { names: string[]; organisaties: string[] },
): string | null {
  const { name } = partner;
  if (!KEBAB.test(name)) return `"${name}" is not a kebab-case name (a-z, 0-9, single dashes), e.g. taalhuis`;
  // Database names (keten_<name>), role names and environment variables stay well within limits.
  if (name.length > 30) return `"${name}" is longer than 30 characters`;
  if (known.names.includes(name)) return `partner ${name} exists already`;
  const organisatie = partner.organisatie ?? name;
  if (!KEBAB.test(organisatie)) return `organisation "${organisatie}" is not kebab-case`;
  if (organisatie === 'regio' || known.organisaties.includes(organisatie))
    return `organisation ${organisatie} exists already`;
  const rol = partner.rol ?? `${prefix(name)}_MEDEWERKER`;
  if (!ROLE.test(rol)) return `role "${rol}" is not UPPER_SNAKE_CASE`;
  if (['ANALIST', 'PRIVACY_OFFICER', 'INWONER'].includes(rol))
    return `${rol} is not a case role: employees with it see no resident's file`;
  return null;
}

function timestampNow(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The partner's files, by path inside its folder. */
function partnerFiles(partner: Required<NieuwePartner>): Record<string, string> {
  const { name, rol, timestamp } = partner;
  const Naam = pascal(name);
  const veld = `${camel(name)}Dossiers`;
  const Dossier = `${Naam}Dossier`;
  const table = `${snake(name)}_dossier`;
  const migration = `Migration${timestamp}`;
  return {
    'index.ts': `import { definePartner, LOGBOEK_MIGRATIES } from '../../platform/partner';
import { onbestelbaarMigration } from '../../platform/signalen/onbestelbaar.migration';
import { signalenMigration } from '../../platform/signalen/signalen.migration';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import { ${Dossier} } from './dossier/dossier.entity';
import * as gedeeld from './gedeeld';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { ${migration} } from './migrations/${migration}';
import { ACTIVITEITEN, regels } from './toegang';

/** ${Naam}: its files about residents. */
export const ${camel(name)} = definePartner({
  name: '${name}',
  entities: [${Dossier}],
  migrations: [${migration}, LOGBOEK_MIGRATIES.logboek, LOGBOEK_MIGRATIES.rapportage, LOGBOEK_MIGRATIES.casusoverleg, signalenMigration, LOGBOEK_MIGRATIES.gebruiktBewijs, onbestelbaarMigration],
  regels,
  register: ACTIVITEITEN,
  resolvers: [InwonerResolver, CasusinzageResolver],
  gedeeld,
});
`,
    'main.ts': `import { runSubgraph } from '../../platform/run';
import { ${camel(name)} } from '.';

runSubgraph(${camel(name)});
`,
    'gedeeld.ts': `import { gedeeldeTypen } from '../../platform/partner';

/** Werk en Inkomen owns the resident and the municipality, and holds the case conference; ${Naam} adds its own fields. */
export const { Inwoner, Gemeente, Casusinzage } = gedeeldeTypen();
export type Inwoner = InstanceType<typeof Inwoner>;
export type Gemeente = InstanceType<typeof Gemeente>;
export type Casusinzage = InstanceType<typeof Casusinzage>;
`,
    'toegang.ts': `import {
  activiteitId,
  inzageLogboekActiviteit,
  type Verwerkingsactiviteit,
} from '../../platform/audit/activities';
import type { Toegangsregels } from '../../platform/auth/policy';

/** ${Naam}: its ${rol}s see its files; a KLANTMANAGER those of residents with a benefit of their organisation. */
export const regels: Toegangsregels = {
  subgraph: '${name}',
  medewerkers: ['${rol}'],
  ketenzicht: ['keten', 'signaal'],
  partnerzicht: [],
};

/** The register of processing activities of ${Naam}: complete doel, grondslag and bewaartermijn. */
export const ACTIVITEITEN = {
  dienstverlening: {
    id: activiteitId('${name}', 'dienstverlening'),
    naam: 'Dienstverlening van ${Naam} aan inwoners',
    doel: 'Uitvoeren van de dienstverlening van ${Naam} aan inwoners',
    grondslag: 'Nog vast te stellen door ${Naam}',
    bewaartermijn: '5 jaar na afsluiting van het dossier',
  },
  inzageLogboek: inzageLogboekActiviteit('${name}'),
} satisfies Record<string, Verwerkingsactiviteit>;
`,
    'dossier/dossier.entity.ts': `import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

@ObjectType('${Dossier}', { description: 'A file of ${Naam} about a resident.' })
@Entity({ tableName: '${table}' })
@Index({ properties: ['gemeente', 'startdatum'] })
export class ${Dossier} {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** CBS code of the resident's municipality: a caller sees the files of their own gemeenten only. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => String, { description: 'What the file is about.' })
  @Property({ type: 'string', columnType: 'text' })
  onderwerp!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startdatum!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Closing day; null while the file is open.' })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;
}
`,
    'dossier/dossier.loader.ts': `import { manyByKey } from '../../../platform/loaders';
import { ${Dossier} } from './dossier.entity';

export const dossiersByBsn = manyByKey(${Dossier}, 'bsn', { orderBy: { startdatum: 'desc', id: 'desc' } });
`,
    'inwoner/inwoner.resolver.ts': `import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import type { RequestContext } from '../../../platform/context';
import { ${Dossier} } from '../dossier/dossier.entity';
import { dossiersByBsn } from '../dossier/dossier.loader';
import { Inwoner } from '../gedeeld';
import { ACTIVITEITEN } from '../toegang';

@Resolver(() => Inwoner)
export class InwonerResolver {
  // The chain relation (signed by werk-inkomen) decides what a KLANTMANAGER sees: hence @requires.
  @Persoonsgegeven('keten', ACTIVITEITEN.dienstverlening)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => [${Dossier}], { nullable: true, description: 'Files at ${Naam}, newest first.' })
  ${veld}(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<${Dossier}[]> {
    return ctx.loaders.get(dossiersByBsn).load(inwoner.bsn);
  }
}
`,
    'casusinzage/casusinzage.resolver.ts': `import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Casusgegeven } from '../../../platform/auth/casusgegeven';
import type { RequestContext } from '../../../platform/context';
import { ${Dossier} } from '../dossier/dossier.entity';
import { dossiersByBsn } from '../dossier/dossier.loader';
import { Casusinzage } from '../gedeeld';
import { ACTIVITEITEN } from '../toegang';

/** ${Naam}'s detail data in a case conference, through \`casusLoaders\`: the verified grant decides whose. */
@Resolver(() => Casusinzage)
export class CasusinzageResolver {
  @Casusgegeven(ACTIVITEITEN.dienstverlening)
  @FieldResolver(() => [${Dossier}], { nullable: true, description: 'Files at ${Naam}, newest first.' })
  ${veld}(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<${Dossier}[]> {
    return ctx.casusLoaders.get(dossiersByBsn).load(inzage.grant.bsn);
  }
}
`,
    [`migrations/${migration}.ts`]: `import { Migration } from '@mikro-orm/migrations';

export class ${migration} extends Migration {
  override up(): void {
    this.addSql(
      \`create table "${table}" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "onderwerp" text not null, "startdatum" date not null, "einddatum" date null);\`,
    );
    this.addSql(\`create index "${table}_bsn_index" on "${table}" ("bsn");\`);
    this.addSql(
      \`create index "${table}_gemeente_startdatum_index" on "${table}" ("gemeente", "startdatum");\`,
    );
  }

  override down(): void {
    this.addSql(\`drop table if exists "${table}" cascade;\`);
  }
}
`,
    [`__tests__/${name}.test.ts`]: `import 'reflect-metadata';
import { beslis } from '../../../platform/auth/policy';
import type { Caller } from '../../../platform/auth/principals';
import { subgraphSdl } from '../../../platform/federation';
import { ${camel(name)} } from '..';
import { ACTIVITEITEN, regels } from '../toegang';

const medewerker: Caller = {
  employeeId: 'test-1',
  organisation: '${partner.organisatie}',
  roles: ['${rol}'],
  gemeenten: ['GM0164'],
};

describe('${name}', () => {
  it('adds its files to the resident, behind the chain relation', async () => {
    const sdl = subgraphSdl(await ${camel(name)}.buildSchema());
    expect(sdl).toContain('${veld}: [${Dossier}!] @requires(fields: "uitkeringsorganisatie")');
    expect(sdl).toContain('type Inwoner @key(fields: "bsn")');
  });

  it('lets its own employees see its files for uitvoering, and nobody without a purpose', () => {
    expect(beslis(medewerker, 'uitvoering', regels, 'detail')).toEqual({
      toegestaan: true,
    });
    expect(beslis(medewerker, null, regels, 'detail').toegestaan).toBe(false);
    expect(
      beslis({ ...medewerker, roles: ['ANALIST'] }, 'uitvoering', regels, 'keten').toegestaan,
    ).toBe(false);
  });

  it('names every activity in its own register', () => {
    for (const activiteit of Object.values(ACTIVITEITEN)) {
      expect(activiteit.id).toMatch(/^urn:twente-ketenhub:${name}:verwerkingsactiviteit:/);
    }
  });
});
`,
  };
}

/** Adds the partner to `subgraphs/index.ts`: its import and its line in `SUBGRAPHS`. */
function register(index: string, name: string): string {
  const importLine = `import { ${camel(name)} } from './${name}';\n`;
  const lastImport = index.lastIndexOf('\nimport ');
  const afterImports = index.indexOf('\n', lastImport + 1) + 1;
  const closing = index.lastIndexOf('};');
  if (lastImport < 0 || closing < afterImports) throw new Error('subgraphs/index.ts is not as expected');
  const key = KEBAB.test(name) && !name.includes('-') ? camel(name) : `'${name}': ${camel(name)}`;
  return (
    index.slice(0, afterImports) +
    importLine +
    index.slice(afterImports, closing) +
    `  ${key},\n` +
    index.slice(closing)
  );
}

/** Adds the partner to `platform/partners.ts`. */
function registerPlatform(source: string, partner: Required<NieuwePartner>, port: number): string {
  const end = source.indexOf('] as const');
  if (end < 0) throw new Error('platform/partners.ts is not as expected');
  const entry = `  { name: '${partner.name}', port: ${port}, organisaties: ['${partner.organisatie}'], casusrol: '${partner.rol}' },\n`;
  return source.slice(0, end) + entry + source.slice(end);
}

function partnerYaml(name: string): string {
  return `# Kept by hand by the partner; \`npm run registry\` adds the schema and the register of processing
# activities (from subgraphs/${name}/toegang.ts) into manifest.json beside it.
eigenaar: ${pascal(name)}
contact:
  team: ICT ${pascal(name)}
  email: ketenhub@${name}.example
omgevingen:
  acceptatie: https://${name}.acc.ketenhub.example/graphql
  productie: https://${name}.ketenhub.example/graphql
`;
}

/** What is left to do by hand once the files are written. */
function nextSteps(
  name: string,
  port: number,
  deployment: { compose: boolean; kubernetes: boolean },
): string {
  const P = prefix(name);
  return [
    `Partner ${name} is registered in subgraphs/index.ts and platform/partners.ts (port ${port}).`,
    '',
    'Next:',
    `  1. Write its data in subgraphs/${name}/ (entity, migration, resolvers) and its register in toegang.ts;`,
    `     fill in registry/partners/${name}/partner.yaml.`,
    `  2. npm run compose   (schema/${name}.graphql, the supergraph, the registry), then`,
    `     npm run jest -- subgraphs/${name} and npm run partner:check -- ${name}.`,
    ...(deployment.compose
      ? [
          `  3. docker-compose.yml has its service; put ${P}_DATABASE_PASSWORD, ${P}_PSEUDONYM_KEY and`,
          `     ${P}_PROOF_KEY in the .env beside it (README, Running as containers).`,
        ]
      : []),
    ...(deployment.kubernetes
      ? [
          `  4. deploy/base/${name}.yaml has its subgraph, database and policies; create its Secrets`,
          `     ketenhub-${name}-keys and keten-${name}-runtime (README, Run in production).`,
        ]
      : []),
  ].join('\n');
}

/** Writes the new partner into the project at `root`. */
export async function scaffoldPartner(root: string, input: NieuwePartner): Promise<Scaffold> {
  const partnersFile = join(root, 'platform', 'partners.ts');
  const indexFile = join(root, 'subgraphs', 'index.ts');
  const partnersSource = await readFile(partnersFile, 'utf8');
  const known = knownPartners(partnersSource);
  const reason =
    validatePartner(input, known) ??
    (existsSync(join(root, 'subgraphs', input.name)) ? `subgraphs/${input.name} exists already` : null);
  if (reason) throw new Error(reason);
  const partner: Required<NieuwePartner> = {
    name: input.name,
    rol: input.rol ?? `${prefix(input.name)}_MEDEWERKER`,
    organisatie: input.organisatie ?? input.name,
    timestamp: input.timestamp ?? timestampNow(),
  };
  if (!/^\d{14}$/.test(partner.timestamp)) throw new Error('timestamp is YYYYMMDDhhmmss');
  const port = Math.max(4000, ...known.ports) + 1;

  const files: string[] = [];
  const write = async (path: string, content: string): Promise<void> => {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    // Written as the project formats its code, so the new partner passes `npm run lint` as it stands.
    const formatted = path.endsWith('.ts')
      ? await format(content, { ...(await resolveConfig(file)), filepath: file })
      : content;
    await writeFile(file, formatted);
    files.push(path);
  };
  for (const [path, content] of Object.entries(partnerFiles(partner))) {
    await write(join('subgraphs', partner.name, path), content);
  }
  await write(join('registry', 'partners', partner.name, 'partner.yaml'), partnerYaml(partner.name));
  await write('subgraphs/index.ts', register(await readFile(indexFile, 'utf8'), partner.name));
  await write('platform/partners.ts', registerPlatform(partnersSource, partner, port));

  // The deployment files, where the project has them: written beside werkcentrum's lines, as it has them.
  const names = (name: string, at: number): PartnerNames => ({
    name,
    snake: snake(name),
    prefix: prefix(name),
    port: at,
  });
  const nieuw = names(partner.name, port);
  const edit = async (path: string, change: (source: string) => string): Promise<void> =>
    write(path, change(await readFile(join(root, path), 'utf8')));
  const compose = existsSync(join(root, 'docker-compose.yml'));
  if (compose) await edit('docker-compose.yml', (source) => composeWithPartner(source, nieuw));
  const template = join(root, 'deploy', 'base', 'werkcentrum.yaml');
  const kubernetes = existsSync(template);
  if (kubernetes) {
    const werkcentrum = names('werkcentrum', known.ports[known.names.indexOf('werkcentrum')] ?? 4005);
    await write(
      join('deploy', 'base', `${partner.name}.yaml`),
      manifestsFrom(await readFile(template, 'utf8'), werkcentrum, nieuw),
    );
    await edit('deploy/base/kustomization.yaml', (source) => kustomizationWithPartner(source, nieuw));
    await edit('deploy/base/gateway.yaml', (source) => gatewayWithPartner(source, nieuw));
    await edit('deploy/base/network-policies.yaml', (source) => networkPoliciesWithPartner(source, nieuw));
  }
  return { files, nextSteps: nextSteps(partner.name, port, { compose, kubernetes }) };
}

/** `<name> [--rol ROL] [--organisatie org]` */
function parseArguments(args: string[]): NieuwePartner {
  const [name, ...rest] = args;
  if (!name || name.startsWith('--'))
    throw new Error('Usage: npm run partner:new -- <name> [--rol ROL] [--organisatie org]');
  const options: NieuwePartner = { name };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (!value) throw new Error(`${flag} needs a value`);
    if (flag === '--rol') options.rol = value;
    else if (flag === '--organisatie') options.organisatie = value;
    else throw new Error(`Unknown option ${flag}`);
  }
  return options;
}

if (require.main === module) {
  const root = join(__dirname, '..', ...(__dirname.includes(join('dist', 'scripts')) ? ['..'] : []));
  Promise.resolve()
    .then(() => scaffoldPartner(root, parseArguments(process.argv.slice(2))))
    .then(
      ({ files, nextSteps: steps }) => {
        for (const file of files) console.log(`wrote ${file}`);
        console.log(`\n${steps}`);
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
}
