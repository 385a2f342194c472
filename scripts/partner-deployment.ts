/**
 * What `npm run partner:new` writes into the deployment files for a new partner: its docker-compose
 * service and the gateway's URL, proof key and dependency on it; in `deploy/base/` its own manifests
 * (made from the last partner's), its place in the kustomization, the gateway's URL and proof key, and
 * its port in the gateway's network policy. Each is written beside the last partner's lines, as that
 * partner has them, so the files keep their layout and comments.
 */

/** The names a partner goes by in the deployment files. */
export interface PartnerNames {
  /** kebab-case: the service, the Deployment, `keten-<name>` for its cluster. */
  name: string;
  /** snake_case: its database `keten_<snake>` and roles. */
  snake: string;
  /** SCREAMING_SNAKE_CASE: its variables `<PREFIX>_URL`, `<PREFIX>_PROOF_KEY`. */
  prefix: string;
  port: number;
}

/** Inserts `text` after the last line of `source` that `line` (multiline) matches. */
function afterLast(source: string, line: RegExp, text: string, file: string, what: string): string {
  const pattern = new RegExp(line.source, line.flags.includes('g') ? line.flags : `${line.flags}g`);
  let last: RegExpExecArray | null = null;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) last = match;
  if (!last) throw new Error(`${file} is not as expected: ${what} not found`);
  const end = source.indexOf('\n', last.index + last[0].length - 1);
  const at = end < 0 ? source.length : end + 1;
  return source.slice(0, at) + text + source.slice(at);
}

/** docker-compose.yml with the partner: the seed's password, its service, the gateway's URL, key and dependency. */
export function composeWithPartner(source: string, partner: PartnerNames): string {
  const { name, snake, prefix: P, port } = partner;
  const file = 'docker-compose.yml';
  if (new RegExp(`^  ${name}:$`, 'm').test(source)) throw new Error(`${file} has a service ${name} already`);
  const required = (variable: string): string => `\${${variable}:?set ${variable}}`;
  const service = `  ${name}:
    <<: *subgraph
    command: ['node', 'dist/subgraphs/${name}/main.js']
    environment:
      <<: *subgraph-environment
      ${P}_PORT: '${port}'
      ${P}_DATABASE_URL: postgres://keten_${snake}_runtime:${required(`${P}_DATABASE_PASSWORD`)}@postgres:5432/keten_${snake}
      ${P}_PSEUDONYM_KEY: ${required(`${P}_PSEUDONYM_KEY`)}
      ${P}_PROOF_KEY: ${required(`${P}_PROOF_KEY`)}
    healthcheck:
      <<: *health
      test:
        [
          'CMD',
          'node',
          '-e',
          "fetch('http://127.0.0.1:'+process.argv[1]+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",
          '${port}',
        ]

`;
  const gateway = source.search(/^ {2}gateway:$/m);
  if (gateway < 0) throw new Error(`${file} is not as expected: no service gateway`);
  let result = source.slice(0, gateway) + service + source.slice(gateway);
  result = afterLast(
    result,
    /^ {6}[A-Z0-9_]+_DATABASE_PASSWORD: \$\{[A-Z0-9_]+_DATABASE_PASSWORD:\?[^}]*\}$/m,
    `      ${P}_DATABASE_PASSWORD: ${required(`${P}_DATABASE_PASSWORD`)}\n`,
    file,
    "the seed's runtime-role passwords",
  );
  result = afterLast(
    result,
    /^ {6}[A-Z0-9_]+_URL: http:\/\/[a-z0-9-]+:\d+\/graphql$/m,
    `      ${P}_URL: http://${name}:${port}/graphql\n`,
    file,
    "the gateway's subgraph URLs",
  );
  // The gateway's keys come after every subgraph service, so the last key in the file is the gateway's.
  result = afterLast(
    result,
    /^ {6}[A-Z0-9_]+_PROOF_KEY: \$\{[A-Z0-9_]+_PROOF_KEY:\?[^}]*\}$/m,
    `      ${P}_PROOF_KEY: ${required(`${P}_PROOF_KEY`)}\n`,
    file,
    "the gateway's proof keys",
  );
  return afterLast(
    result,
    /^ {6}[a-z0-9-]+: \{ condition: service_healthy \}$/m,
    `      ${name}: { condition: service_healthy }\n`,
    file,
    "the gateway's dependencies",
  );
}

/** The partner's own manifests (subgraph, pooler, cluster, migration Job, policies), made from another's. */
export function manifestsFrom(template: string, from: PartnerNames, to: PartnerNames): string {
  return template
    .replaceAll(`keten_${from.snake}`, `keten_${to.snake}`)
    .replaceAll(from.name, to.name)
    .replaceAll(from.prefix, to.prefix)
    .replace(new RegExp(`\\b${from.port}\\b`, 'g'), String(to.port));
}

/** deploy/base/kustomization.yaml with the partner's manifests among its resources. */
export function kustomizationWithPartner(source: string, partner: PartnerNames): string {
  return afterLast(
    source,
    /^ {2}- [a-z0-9-]+\.yaml$/m,
    `  - ${partner.name}.yaml\n`,
    'deploy/base/kustomization.yaml',
    'the list of resources',
  );
}

/** deploy/base/gateway.yaml with the partner's URL and the key of its proofs. */
export function gatewayWithPartner(source: string, partner: PartnerNames): string {
  const { name, prefix: P, port } = partner;
  const file = 'deploy/base/gateway.yaml';
  const url = /^( +)- name: [A-Z0-9_]+_URL\n\1 {2}value: http:\/\/[a-z0-9-]+:\d+\/graphql$/m.exec(source);
  const indent = url?.[1] ?? '            ';
  let result = afterLast(
    source,
    /^ +- name: [A-Z0-9_]+_URL\n +value: http:\/\/[a-z0-9-]+:\d+\/graphql$/m,
    `${indent}- name: ${P}_URL\n${indent}  value: http://${name}:${port}/graphql\n`,
    file,
    'the subgraph URLs',
  );
  result = afterLast(
    result,
    /^ +secretKeyRef: \{ name: ketenhub-[a-z0-9-]+-keys, key: proof-key \}$/m,
    `${indent}- name: ${P}_PROOF_KEY\n${indent}  valueFrom:\n${indent}    secretKeyRef: { name: ketenhub-${name}-keys, key: proof-key }\n`,
    file,
    'the proof keys',
  );
  return result;
}

/** deploy/base/network-policies.yaml with the gateway allowed to the partner's port. */
export function networkPoliciesWithPartner(source: string, partner: PartnerNames): string {
  return afterLast(
    source,
    /^ {8}- port: 40\d\d$/m,
    `        - port: ${partner.port}\n`,
    'deploy/base/network-policies.yaml',
    "the gateway's ports to the subgraphs",
  );
}
