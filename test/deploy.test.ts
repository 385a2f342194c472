import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { databaseName, envPrefix, loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { databaseRoles } from '../platform/database-roles';
import { PROJECT_ROOT } from '../platform/paths';
import { tracingConfig } from '../platform/tracing';
import { describeWithTool } from './support/needs';

/**
 * The Kubernetes manifests under deploy/, checked without a cluster: each overlay rendered with
 * `kubectl kustomize`, every object validated against its schema (Kubernetes' own through
 * kubernetes-models, CloudNativePG's from its vendored CRDs), and the hub's rules asserted.
 */
const KUBECTL = process.env.KUBECTL_PATH || 'kubectl';
const HAS_KUBECTL = spawnSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' }).status === 0;

function describeWithKubectl(name: string, body: () => void): void {
  describeWithTool(
    {
      available: HAS_KUBECTL,
      missing: `Kubernetes manifest tests: no ${KUBECTL}; install kubectl (https://kubernetes.io/docs/tasks/tools/) or set KUBECTL_PATH`,
    },
    name,
    body,
  );
}

/** A rendered object: untyped YAML. */
type Manifest = Record<string, any>;

const OVERLAYS = ['test', 'production'] as const;
const IMAGE_COMMAND = /^dist\/(gateway\/main|subgraphs\/([a-z-]+)\/main|scripts\/migrate)\.js$/;
const OPERATOR = { namespace: 'cnpg-system', labels: { 'app.kubernetes.io/name': 'cloudnative-pg' } };
const INGRESS_CONTROLLER = { namespace: 'ingress-nginx', labels: {} };
const PROMETHEUS = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };
const METRICS_PORT = 9464;
const COLLECTOR = {
  namespace: 'monitoring',
  labels: { 'app.kubernetes.io/name': 'opentelemetry-collector' },
};
const COLLECTOR_PORT = 4318;
const NATS_PORT = 4222;
/** Workloads of another image than the hub's. */
const THIRD_PARTY = ['redis', 'nats'];

function render(overlay: string): Manifest[] {
  const output = execFileSync(KUBECTL, ['kustomize', join(PROJECT_ROOT, 'deploy', 'overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(output).map((document) => document.toJS() as Manifest);
}

/** Core kinds and the kubernetes-models module with their schema. */
const CORE_KINDS: Record<string, string> = {
  'v1/Namespace': 'kubernetes-models/v1/Namespace',
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Service': 'kubernetes-models/v1/Service',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'apps/v1/StatefulSet': 'kubernetes-models/apps/v1/StatefulSet',
  'batch/v1/Job': 'kubernetes-models/batch/v1/Job',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  'networking.k8s.io/v1/NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
};

/** CloudNativePG's kinds, validated against the openAPIV3Schema of its CRDs (deploy/crds). */
const CNPG_KINDS: Record<string, string> = {
  'postgresql.cnpg.io/v1/Cluster': 'postgresql.cnpg.io_clusters.v1.json',
  'postgresql.cnpg.io/v1/Pooler': 'postgresql.cnpg.io_poolers.v1.json',
};

const typeOf = (object: Manifest): string => `${object.apiVersion}/${object.kind}`;
const named = (objects: Manifest[], kind: string, name: string): Manifest | undefined =>
  objects.find((object) => object.kind === kind && object.metadata?.name === name);
const ofKind = (objects: Manifest[], kind: string): Manifest[] =>
  objects.filter((object) => object.kind === kind);

/** What runs: the pod templates of Deployments, StatefulSets and Jobs, with the owning object. */
function workloads(objects: Manifest[]): { owner: Manifest; pod: Manifest }[] {
  return objects
    .filter((object) => ['Deployment', 'StatefulSet', 'Job'].includes(object.kind))
    .map((owner) => ({ owner, pod: owner.spec.template }));
}

/** The service a container of the hub's image runs, from its command. */
function serviceOf(container: Manifest): { kind: 'gateway' | 'subgraph' | 'migrate'; name?: SubgraphName } {
  const [node, script, argument] = container.command ?? [];
  const match = node === 'node' ? IMAGE_COMMAND.exec(script ?? '') : null;
  if (!match) return { kind: 'subgraph' as const, name: undefined };
  if (match[1] === 'gateway/main') return { kind: 'gateway' };
  if (match[1] === 'scripts/migrate') return { kind: 'migrate', name: argument as SubgraphName };
  return { kind: 'subgraph', name: match[2] as SubgraphName };
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>): boolean =>
  Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);

function selects(selector: Manifest, labels: Record<string, string>): boolean {
  if (!matches(selector.matchLabels, labels)) return false;
  return ((selector.matchExpressions ?? []) as Manifest[]).every((expression) => {
    if (expression.operator === 'Exists') return expression.key in labels;
    if (expression.operator === 'NotIn')
      return !(expression.values as string[]).includes(labels[expression.key] ?? '\0');
    if (expression.operator === 'In')
      return (expression.values as string[]).includes(labels[expression.key] ?? '');
    throw new Error(`selector operator ${expression.operator} not understood by this test`);
  });
}

interface Pod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

/** Every pod of the namespace: workloads' templates, and the instances and poolers of CloudNativePG. */
function podsOf(objects: Manifest[], namespace: string): Pod[] {
  const pods = workloads(objects).map(({ owner, pod }) => ({
    name: owner.metadata.name as string,
    namespace,
    labels: pod.metadata.labels as Record<string, string>,
  }));
  for (const cluster of ofKind(objects, 'Cluster')) {
    pods.push({
      name: cluster.metadata.name,
      namespace,
      labels: { 'cnpg.io/cluster': cluster.metadata.name, 'cnpg.io/podRole': 'instance' },
    });
  }
  for (const cluster of ofKind(objects, 'Cluster')) {
    // A job of CloudNativePG's own: a new standby copies the primary.
    pods.push({
      name: `${cluster.metadata.name}-join`,
      namespace,
      labels: { 'cnpg.io/cluster': cluster.metadata.name, 'cnpg.io/jobRole': 'join' },
    });
  }
  for (const pooler of ofKind(objects, 'Pooler')) {
    pods.push({
      name: pooler.metadata.name,
      namespace,
      labels: {
        'cnpg.io/poolerName': pooler.metadata.name,
        'cnpg.io/cluster': pooler.spec.cluster.name,
        'cnpg.io/podRole': 'pooler',
      },
    });
  }
  return pods;
}

/** Whether a peer of a policy rule admits a pod (ipBlock peers stand for addresses outside the cluster). */
function peerAdmits(peer: Manifest, pod: Pod, policyNamespace: string): boolean {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': pod.namespace })
    : pod.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector ? selects(peer.podSelector, pod.labels) : true);
}

const portAllowed = (rule: Manifest, port: number): boolean =>
  !rule.ports || (rule.ports as Manifest[]).some((allowed) => allowed.port === port);

/** NetworkPolicy semantics: a connection needs the source's egress and the target's ingress. */
function reaches(policies: Manifest[], from: Pod, to: Pod, port: number): boolean {
  const side = (pod: Pod, type: 'Ingress' | 'Egress', peer: Pod): boolean => {
    const applying = policies.filter(
      (policy) =>
        policy.metadata.namespace === pod.namespace &&
        selects(policy.spec.podSelector, pod.labels) &&
        (policy.spec.policyTypes as string[]).includes(type),
    );
    if (applying.length === 0) return true;
    const rules = type === 'Ingress' ? 'ingress' : 'egress';
    const peers = type === 'Ingress' ? 'from' : 'to';
    return applying.some((policy) =>
      ((policy.spec[rules] ?? []) as Manifest[]).some(
        (rule) =>
          portAllowed(rule, port) &&
          (!rule[peers] ||
            (rule[peers] as Manifest[]).some((p) => peerAdmits(p, peer, policy.metadata.namespace))),
      ),
    );
  };
  // Policies of this namespace bind its own pods only: a pod elsewhere is limited by its own.
  return side(from, 'Egress', to) && side(to, 'Ingress', from);
}

/** Whether a pod may open a connection to an address outside the cluster on `port`. */
function reachesOutside(policies: Manifest[], from: Pod, port: number): boolean {
  return policies.some(
    (policy) =>
      selects(policy.spec.podSelector, from.labels) &&
      ((policy.spec.egress ?? []) as Manifest[]).some(
        (rule) =>
          portAllowed(rule, port) && (rule.to as Manifest[] | undefined)?.some((peer) => peer.ipBlock),
      ),
  );
}

/** A container's environment as the kubelet makes it: references resolved, `$(VAR)` expanded. */
function environmentOf(objects: Manifest[], container: Manifest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of (container.env ?? []) as Manifest[]) {
    let value: string;
    if (variable.valueFrom?.configMapKeyRef) {
      const { name, key } = variable.valueFrom.configMapKeyRef;
      const configMap = named(objects, 'ConfigMap', name);
      if (!configMap) throw new Error(`${variable.name}: no ConfigMap ${name}`);
      if (!(key in configMap.data)) throw new Error(`${variable.name}: no key ${key} in ConfigMap ${name}`);
      value = configMap.data[key];
    } else if (variable.valueFrom?.secretKeyRef) {
      // A stand-in for the value of an externally created Secret: 64 hex characters, its own per key.
      const { name, key } = variable.valueFrom.secretKeyRef;
      value = createHash('sha256').update(`${name}/${key}`).digest('hex');
    } else {
      value = String(variable.value ?? '').replace(
        /\$\(([A-Z0-9_]+)\)/g,
        (_m, ref: string) => env[ref] ?? `$(${ref})`,
      );
    }
    env[variable.name] = value;
  }
  return env;
}

/** Secrets a pod uses, by name. */
function secretsOf(pod: Manifest): string[] {
  const names = new Set<string>();
  for (const container of pod.spec.containers as Manifest[]) {
    for (const variable of (container.env ?? []) as Manifest[]) {
      const name = variable.valueFrom?.secretKeyRef?.name;
      if (name) names.add(name);
    }
  }
  for (const volume of (pod.spec.volumes ?? []) as Manifest[])
    if (volume.secret) names.add(volume.secret.secretName);
  return [...names];
}

const clusterOf = (name: SubgraphName): string => `keten-${name}`;

/**
 * The API server drops fields a structural schema does not name, and `kubectl apply` refuses them: so
 * a misspelt field fails here too (objects that keep unknown fields, or are maps, aside).
 */
function refuseUnknownFields(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(refuseUnknownFields);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, refuseUnknownFields(value)]),
  );
  if (
    copy.type === 'object' &&
    copy.properties &&
    copy.additionalProperties === undefined &&
    !copy['x-kubernetes-preserve-unknown-fields']
  ) {
    copy.additionalProperties = false;
  }
  return copy;
}

describeWithKubectl('Kubernetes manifests (deploy/)', () => {
  const rendered: Record<string, Manifest[]> = {};
  let supergraph: string;
  let readme: string;
  const crdValidators: Record<string, ValidateFunction> = {};
  const models: Record<string, new (data: Manifest) => { validate(): void }> = {};

  beforeAll(async () => {
    for (const overlay of OVERLAYS) rendered[overlay] = render(overlay);
    supergraph = await readFile(join(PROJECT_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8');
    // Kubernetes' extensions (x-kubernetes-*) are annotations here; CEL rules are the API server's.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    for (const [type, file] of Object.entries(CNPG_KINDS)) {
      const crd = JSON.parse(await readFile(join(PROJECT_ROOT, 'deploy', 'crds', file), 'utf8')) as {
        schema: Manifest;
      };
      crdValidators[type] = ajv.compile(refuseUnknownFields(crd.schema) as object);
    }
    for (const [type, module] of Object.entries(CORE_KINDS)) {
      // kubernetes-models is an ES module; its validators are compiled in, so this is offline.
      const loaded = (await import(module)) as Record<string, new (data: Manifest) => { validate(): void }>;
      const kind = type.split('/').pop() as string;
      models[type] = loaded[kind] as new (data: Manifest) => { validate(): void };
    }
  });

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    const objects = (): Manifest[] => rendered[overlay] as Manifest[];
    const namespace = overlay === 'production' ? 'ketenhub' : 'ketenhub-test';
    const deployments = (): Manifest[] => ofKind(objects(), 'Deployment');

    it('renders only kinds whose schema this test knows, each valid against it, all in one namespace', () => {
      for (const object of objects()) {
        const type = typeOf(object);
        const where = `${type} ${object.metadata?.name}`;
        if (type === 'v1/Namespace') expect(object.metadata.name).toBe(namespace);
        else expect({ where, namespace: object.metadata.namespace }).toEqual({ where, namespace });
        const Model = models[type];
        const validate = crdValidators[type];
        if (Model) {
          expect(() => new Model(object).validate()).not.toThrow();
        } else if (validate) {
          const valid = validate(object);
          expect({ where, errors: valid ? null : validate.errors }).toEqual({ where, errors: null });
          expect(object.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        } else {
          throw new Error(`${where}: no schema in this test`);
        }
      }
    });

    it('commits no Secret and no value of one: every Secret is referenced by name and documented', () => {
      expect(ofKind(objects(), 'Secret')).toEqual([]);
      const section = readme.slice(readme.indexOf('## Run in production'));
      const documented = section.slice(0, section.indexOf('\n## ', 1));
      expect(documented.length).toBeGreaterThan(100);
      const generated = new Set(SUBGRAPH_NAMES.map((name) => `${clusterOf(name)}-app`));
      const ingressTls = ofKind(objects(), 'Ingress').flatMap((ingress) =>
        ((ingress.spec.tls ?? []) as Manifest[]).map((tls) => tls.secretName as string),
      );
      const external = [
        ...workloads(objects()).flatMap(({ pod }) => secretsOf(pod)),
        ...ofKind(objects(), 'Cluster').flatMap((cluster) =>
          ((cluster.spec.managed?.roles ?? []) as Manifest[]).map(
            (role) => role.passwordSecret?.name as string,
          ),
        ),
        ...ingressTls,
      ].filter((name) => !generated.has(name));
      expect(external.length).toBeGreaterThan(10);
      // The README creates the partners' Secrets in a loop over $partner.
      const asDocumented = (name: string): string =>
        SUBGRAPH_NAMES.reduce((text, partner) => text.replace(`-${partner}-`, '-$partner-'), `${name}-`);
      for (const name of new Set(external)) {
        const found = documented.includes(name) || documented.includes(asDocumented(name).slice(0, -1));
        expect({ name, found }).toEqual({ name, found: true });
      }
    });

    it('runs one image, pinned, for every service of the hub, chosen by its command; no :latest anywhere', () => {
      const images = new Set<string>();
      const all: string[] = [];
      for (const { owner, pod } of workloads(objects())) {
        for (const container of pod.spec.containers as Manifest[]) {
          all.push(container.image);
          if (!THIRD_PARTY.includes(owner.metadata.name)) {
            images.add(container.image);
            expect({ name: owner.metadata.name, command: container.command }).toEqual({
              name: owner.metadata.name,
              command: expect.arrayContaining(['node']),
            });
            expect(container.command[1]).toMatch(IMAGE_COMMAND);
          }
        }
      }
      for (const cluster of ofKind(objects(), 'Cluster')) all.push(cluster.spec.imageName);
      expect(images.size).toBe(1);
      for (const image of all) {
        expect(image).toMatch(/^[^:@]+(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/);
        expect(image).not.toMatch(/:latest$/);
      }
    });

    it('gives every workload probes, requests, a non-root user and a read-only root with /tmp beside it', () => {
      for (const { owner, pod } of workloads(objects())) {
        const name = `${owner.kind} ${owner.metadata.name}`;
        expect({ name, automount: pod.spec.automountServiceAccountToken }).toEqual({
          name,
          automount: false,
        });
        for (const container of pod.spec.containers as Manifest[]) {
          const security = { ...pod.spec.securityContext, ...container.securityContext };
          expect({ name, runAsNonRoot: security.runAsNonRoot, uid: security.runAsUser > 0 }).toEqual({
            name,
            runAsNonRoot: true,
            uid: true,
          });
          expect({
            name,
            readOnly: security.readOnlyRootFilesystem,
            escalation: security.allowPrivilegeEscalation,
          }).toEqual({
            name,
            readOnly: true,
            escalation: false,
          });
          expect(security.capabilities?.drop).toEqual(['ALL']);
          expect({ name, requests: Object.keys(container.resources?.requests ?? {}).sort() }).toEqual({
            name,
            requests: ['cpu', 'memory'],
          });
          expect({ name, memoryLimit: Boolean(container.resources?.limits?.memory) }).toEqual({
            name,
            memoryLimit: true,
          });
          for (const volume of ((pod.spec.volumes ?? []) as Manifest[]).filter((v) => v.secret)) {
            // A mounted Secret's files belong to root: the pod's group must own them and read them.
            expect({ name, fsGroup: pod.spec.securityContext?.fsGroup }).toEqual({
              name,
              fsGroup: security.runAsGroup,
            });
            expect(volume.secret.defaultMode & 0o040).toBe(0o040);
          }
          const tmp = ((container.volumeMounts ?? []) as Manifest[]).find(
            (mount) => mount.mountPath === '/tmp',
          );
          const volume = ((pod.spec.volumes ?? []) as Manifest[]).find((v) => v.name === tmp?.name);
          expect({ name, tmp: Boolean(volume?.emptyDir) }).toEqual({ name, tmp: true });
          if (owner.kind === 'Job') continue;
          expect({
            name,
            liveness: Boolean(container.livenessProbe),
            readiness: Boolean(container.readinessProbe),
          }).toEqual({
            name,
            liveness: true,
            readiness: true,
          });
          if (!THIRD_PARTY.includes(owner.metadata.name)) {
            expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
            expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
          }
        }
      }
    });

    it('runs the gateway and every subgraph on two replicas or more, rolling with none unavailable', () => {
      const hpas = ofKind(objects(), 'HorizontalPodAutoscaler');
      const names = ['gateway', ...SUBGRAPH_NAMES];
      for (const name of names) {
        const deployment = named(objects(), 'Deployment', name);
        expect(deployment).toBeDefined();
        const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === name);
        const replicas = hpa ? hpa.spec.minReplicas : deployment?.spec.replicas;
        expect({ name, replicas: replicas >= 2 }).toEqual({ name, replicas: true });
        expect(deployment?.spec.strategy).toEqual({
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        });
        const pdb = ofKind(objects(), 'PodDisruptionBudget').find((p) =>
          selects(p.spec.selector, deployment?.spec.template.metadata.labels),
        );
        expect({ name, pdb: Boolean(pdb) }).toEqual({ name, pdb: true });
      }
    });

    it('points every PodDisruptionBudget and HorizontalPodAutoscaler at an existing Deployment', () => {
      for (const pdb of ofKind(objects(), 'PodDisruptionBudget')) {
        const targets = deployments().filter((d) =>
          selects(pdb.spec.selector, d.spec.template.metadata.labels),
        );
        expect({ pdb: pdb.metadata.name, targets: targets.length }).toEqual({
          pdb: pdb.metadata.name,
          targets: 1,
        });
        const replicas =
          ofKind(objects(), 'HorizontalPodAutoscaler').find(
            (h) => h.spec.scaleTargetRef.name === targets[0]?.metadata.name,
          )?.spec.minReplicas ?? targets[0]?.spec.replicas;
        // A budget that allows no disruption at all would block every node drain.
        expect(replicas).toBeGreaterThan(pdb.spec.minAvailable);
      }
      for (const hpa of ofKind(objects(), 'HorizontalPodAutoscaler')) {
        const { kind, name } = hpa.spec.scaleTargetRef;
        expect({ hpa: hpa.metadata.name, target: Boolean(named(objects(), kind, name)) }).toEqual({
          hpa: hpa.metadata.name,
          target: true,
        });
      }
    });

    it('mounts the current schema/supergraph.graphql as the gateway schema, under a name made from its content', () => {
      const gateway = named(objects(), 'Deployment', 'gateway') as Manifest;
      const volume = (gateway.spec.template.spec.volumes as Manifest[]).find((v) => v.name === 'supergraph');
      const configMap = named(objects(), 'ConfigMap', volume?.configMap.name) as Manifest;
      expect(configMap.metadata.name).toMatch(/^supergraph-[a-z0-9]{10}$/);
      expect(configMap.data['supergraph.graphql']).toBe(supergraph);
      const mount = (gateway.spec.template.spec.containers[0].volumeMounts as Manifest[]).find(
        (m) => m.name === 'supergraph',
      );
      // The gateway reads <project>/schema/supergraph.graphql; the image's project is /app.
      expect(mount?.mountPath).toBe('/app/schema');
    });

    it('sets every variable a service needs in production, as the configuration reads it', () => {
      const containers = workloads(objects()).flatMap(({ owner, pod }) =>
        (pod.spec.containers as Manifest[]).map((container) => ({ owner, pod, container })),
      );
      const services = ofKind(objects(), 'Service');
      for (const { owner, pod, container } of containers) {
        if (THIRD_PARTY.includes(owner.metadata.name)) continue;
        const env = environmentOf(objects(), container);
        const config = loadConfig(env);
        const service = serviceOf(container);
        expect({ owner: owner.metadata.name, production: config.auth.production }).toEqual({
          owner: owner.metadata.name,
          production: true,
        });
        if (service.kind !== 'migrate') {
          // /metrics on a port of its own, announced to Prometheus and published by no Service.
          const metricsPort = ((container.ports ?? []) as Manifest[]).find(
            (p) => p.name === 'metrics',
          )?.containerPort;
          expect({ owner: owner.metadata.name, metricsPort: config.metricsPort }).toEqual({
            owner: owner.metadata.name,
            metricsPort,
          });
          expect(pod.metadata.annotations).toEqual({
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(metricsPort),
            'prometheus.io/path': '/metrics',
          });
          for (const published of services)
            for (const servicePort of published.spec.ports as Manifest[])
              expect(servicePort.targetPort).not.toBe('metrics');
          // Traces go where the ConfigMap says; its key is empty by default, which leaves them off.
          expect((container.env as Manifest[]).find((v) => v.name === 'OTEL_EXPORTER_OTLP_ENDPOINT')).toEqual(
            {
              name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
              valueFrom: {
                configMapKeyRef: {
                  name: expect.stringMatching(/^ketenhub-config-[a-z0-9]{10}$/),
                  key: 'OTEL_EXPORTER_OTLP_ENDPOINT',
                },
              },
            },
          );
          expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('');
          expect(tracingConfig(env)).toBeNull();
          const collector = 'http://opentelemetry-collector.monitoring:4318';
          expect(tracingConfig({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: collector })).not.toBeNull();
          // The signals travel on NATS, which only the subgraphs use.
          expect({ owner: owner.metadata.name, nats: config.signalen.natsUrl }).toEqual({
            owner: owner.metadata.name,
            nats: service.kind === 'subgraph' ? `nats://nats:${NATS_PORT}` : null,
          });
        } else {
          expect(config.signalen.natsUrl).toBeNull();
        }
        if (service.kind === 'gateway') {
          expect(config.auth.jwksUrl).toMatch(/^https:\/\//);
          expect(config.auth.issuer).toMatch(/^https:\/\//);
          expect(Object.keys(config.auth.proofKeys).sort()).toEqual([...SUBGRAPH_NAMES].sort());
          expect(env.REDIS_URL).toMatch(/^redis:\/\/:[0-9a-f]{64}@redis:6379$/);
          expect(named(objects(), 'Service', 'redis')).toBeDefined();
          for (const name of SUBGRAPH_NAMES) {
            // Each subgraph URL names that subgraph's Service and the port its container listens on.
            const url = new URL(config.subgraphs[name].url);
            const target = services.find((s) => s.metadata.name === url.hostname);
            expect(target?.spec.ports[0].port).toBe(Number(url.port));
            const subgraph = named(objects(), 'Deployment', name) as Manifest;
            const port = loadConfig(environmentOf(objects(), subgraph.spec.template.spec.containers[0]))
              .subgraphs[name].port;
            expect({ name, port: Number(url.port) }).toEqual({ name, port });
            expect(subgraph.spec.template.spec.containers[0].ports[0].containerPort).toBe(port);
          }
          continue;
        }
        const name = service.name as SubgraphName;
        expect(SUBGRAPH_NAMES).toContain(name);
        const roles = databaseRoles(databaseName(name, 'keten_'));
        const own = config.subgraphs[name];
        const cluster = named(objects(), 'Cluster', clusterOf(name)) as Manifest;
        expect(cluster.spec.bootstrap.initdb).toEqual({
          database: databaseName(name, 'keten_'),
          owner: roles.owner,
        });
        expect(cluster.spec.managed.roles).toEqual([
          expect.objectContaining({ name: roles.runtime, login: true, inherit: false, superuser: false }),
        ]);
        const databaseUrl = new URL(own.databaseUrl ?? '');
        expect(decodeURIComponent(databaseUrl.username)).toBe(roles.runtime);
        expect(databaseUrl.pathname).toBe(`/${databaseName(name, 'keten_')}`);
        if (service.kind === 'migrate') {
          // As the owner, from CloudNativePG's generated secret, straight to the primary.
          expect(
            (container.env as Manifest[]).find((v) => v.name === `${envPrefix(name)}_MIGRATION_DATABASE_URL`),
          ).toEqual({
            name: `${envPrefix(name)}_MIGRATION_DATABASE_URL`,
            valueFrom: { secretKeyRef: { name: `${clusterOf(name)}-app`, key: 'uri' } },
          });
          // It runs before the rest is applied: nothing but its database's own secret.
          expect(JSON.stringify(container.env)).not.toContain('configMapKeyRef');
          expect(secretsOf(pod)).toEqual([`${clusterOf(name)}-app`]);
          expect(databaseUrl.hostname).toBe(`${clusterOf(name)}-rw`);
          expect(databaseUrl.password).toBe('');
          continue;
        }
        // The subgraph: runtime role through its own pooler, never the owner.
        expect(own.migrationDatabaseUrl).toBeNull();
        expect(secretsOf(pod)).not.toContain(`${clusterOf(name)}-app`);
        const pooler = named(objects(), 'Pooler', databaseUrl.hostname) as Manifest;
        expect(pooler.spec).toEqual(
          expect.objectContaining({ cluster: { name: clusterOf(name) }, type: 'rw' }),
        );
        expect(databaseUrl.password).toMatch(/^[0-9a-f]{64}$/);
        // Its session (the signals' leader lock) as the same role, straight to the primary: a session
        // lock through PgBouncer's transaction mode would stay on a server connection others share.
        expect(pooler.spec.pgbouncer.poolMode).toBe('transaction');
        // The loaders' prepared statements pass the transaction pooler only when it tracks them.
        expect(Number(pooler.spec.pgbouncer.parameters.max_prepared_statements)).toBeGreaterThan(0);
        const sessionUrl = new URL(own.sessionDatabaseUrl ?? '');
        expect(sessionUrl.hostname).toBe(`${clusterOf(name)}-rw`);
        expect(decodeURIComponent(sessionUrl.username)).toBe(roles.runtime);
        expect(sessionUrl.password).toBe(databaseUrl.password);
        expect(sessionUrl.pathname).toBe(databaseUrl.pathname);
        expect(Object.keys(config.auth.proofKeys)).toEqual([name]);
        expect(Object.keys(config.auth.pseudonymKeys)).toEqual([name]);
        if (name === 'werk-inkomen') {
          const file = config.auth.signingKeyFiles['werk-inkomen'] as string;
          const mount = (container.volumeMounts as Manifest[]).find((m) =>
            file.startsWith(`${m.mountPath}/`),
          );
          const volume = (pod.spec.volumes as Manifest[]).find((v) => v.name === mount?.name);
          expect(volume?.secret?.secretName).toBe('ketenhub-werk-inkomen-signing-key');
        } else {
          expect(config.auth.toegangJwksUrl).toMatch(/^https:\/\//);
        }
      }
      // Every subgraph has its migration Job.
      for (const name of SUBGRAPH_NAMES) {
        const job = named(objects(), 'Job', `migrate-${name}`) as Manifest;
        expect(job.spec.template.spec.containers[0].command).toEqual([
          'node',
          'dist/scripts/migrate.js',
          name,
        ]);
      }
    });

    it('lets only the gateway reach the subgraphs, and each subgraph only its own database and pooler', () => {
      const policies = ofKind(objects(), 'NetworkPolicy');
      const denyAll = policies.filter(
        (p) =>
          Object.keys(p.spec.podSelector).length === 0 &&
          p.spec.policyTypes.length === 2 &&
          !p.spec.ingress &&
          !p.spec.egress,
      );
      expect(denyAll).toHaveLength(1);
      const pods = podsOf(objects(), namespace);
      const pod = (name: string): Pod => pods.find((p) => p.name === name) as Pod;
      const operator: Pod = { name: 'operator', ...OPERATOR };
      const ingress: Pod = { name: 'ingress', ...INGRESS_CONTROLLER };
      const outsider: Pod = { name: 'other', namespace: 'elsewhere', labels: {} };
      const port = (name: SubgraphName): number => 4001 + SUBGRAPH_NAMES.indexOf(name);

      expect(reaches(policies, ingress, pod('gateway'), 4000)).toBe(true);
      // Prometheus scrapes the gateway and every subgraph on their metrics port, and only there.
      const prometheus: Pod = { name: 'prometheus', ...PROMETHEUS };
      for (const name of ['gateway', ...SUBGRAPH_NAMES]) {
        const own = name === 'gateway' ? 4000 : port(name as SubgraphName);
        expect({ name, scraped: reaches(policies, prometheus, pod(name), METRICS_PORT) }).toEqual({
          name,
          scraped: true,
        });
        expect(reaches(policies, prometheus, pod(name), own)).toBe(false);
        expect(reaches(policies, ingress, pod(name), METRICS_PORT)).toBe(false);
        expect(reaches(policies, outsider, pod(name), METRICS_PORT)).toBe(false);
      }
      for (const name of SUBGRAPH_NAMES) {
        expect(reaches(policies, prometheus, pod(clusterOf(name)), METRICS_PORT)).toBe(false);
      }
      expect(reaches(policies, outsider, pod('gateway'), 4000)).toBe(false);
      expect(reaches(policies, pod('gateway'), pod('redis'), 6379)).toBe(true);
      // Only the subgraphs reach NATS, and only on its client port.
      for (const from of [...pods, operator, ingress, outsider, prometheus]) {
        const subgraph = (SUBGRAPH_NAMES as readonly string[]).includes(from.name);
        expect({ from: from.name, nats: reaches(policies, from, pod('nats'), NATS_PORT) }).toEqual({
          from: from.name,
          nats: subgraph && from.namespace === namespace,
        });
        expect(reaches(policies, from, pod('nats'), 8222)).toBe(false);
      }
      expect(reachesOutside(policies, pod('nats'), 443)).toBe(false);
      // The gateway and the subgraphs reach the OpenTelemetry collector, and only its OTLP/HTTP port.
      const collector: Pod = { name: 'collector', ...COLLECTOR };
      for (const from of pods) {
        const traced = ['gateway', ...SUBGRAPH_NAMES].includes(from.name);
        expect({ from: from.name, traces: reaches(policies, from, collector, COLLECTOR_PORT) }).toEqual({
          from: from.name,
          traces: traced,
        });
        expect(reaches(policies, from, collector, 4317)).toBe(false);
      }
      expect(reaches(policies, pod('gateway'), { ...collector, labels: {} }, COLLECTOR_PORT)).toBe(false);
      for (const name of SUBGRAPH_NAMES) {
        const cluster = clusterOf(name);
        expect(reaches(policies, pod('gateway'), pod(name), port(name))).toBe(true);
        expect(reaches(policies, pod('gateway'), pod(`${cluster}-pooler`), 5432)).toBe(false);
        expect(reaches(policies, pod(name), pod(`${cluster}-pooler`), 5432)).toBe(true);
        // The one session of the signals' leader lock goes to the primary itself.
        expect(reaches(policies, pod(name), pod(cluster), 5432)).toBe(true);
        expect(reaches(policies, pod('gateway'), pod(cluster), 5432)).toBe(false);
        expect(reaches(policies, pod(`${cluster}-pooler`), pod(cluster), 5432)).toBe(true);
        expect(reaches(policies, pod(`migrate-${name}`), pod(cluster), 5432)).toBe(true);
        expect(reaches(policies, operator, pod(cluster), 8000)).toBe(true);
        expect(reaches(policies, pod(cluster), pod(cluster), 5432)).toBe(true);
        expect(reaches(policies, pod(`${cluster}-join`), pod(cluster), 5432)).toBe(true);
        expect(reaches(policies, outsider, pod(cluster), 5432)).toBe(false);
        expect(reaches(policies, pod(name), pod('redis'), 6379)).toBe(false);
        // Only werk-inkomen is published, for its key set (Ingress werk-inkomen-jwks).
        expect(reaches(policies, ingress, pod(name), port(name))).toBe(name === 'werk-inkomen');
        for (const other of pods) {
          if (other.name === 'gateway') continue;
          expect({
            from: other.name,
            to: name,
            reaches: reaches(policies, other, pod(name), port(name)),
          }).toEqual({
            from: other.name,
            to: name,
            reaches: false,
          });
        }
        for (const other of SUBGRAPH_NAMES.filter((o) => o !== name)) {
          for (const target of [clusterOf(other), `${clusterOf(other)}-pooler`]) {
            for (const from of [name, `migrate-${name}`]) {
              expect({ from, target, reaches: reaches(policies, pod(from), pod(target), 5432) }).toEqual({
                from,
                target,
                reaches: false,
              });
            }
          }
        }
        // Partners fetch werk-inkomen's key set over HTTPS; no subgraph goes anywhere else outside.
        expect(reachesOutside(policies, pod(name), 443)).toBe(name !== 'werk-inkomen');
        expect(reachesOutside(policies, pod(name), 5432)).toBe(false);
        expect(reachesOutside(policies, pod(`migrate-${name}`), 443)).toBe(false);
      }
      const jwks = named(objects(), 'Ingress', 'werk-inkomen-jwks') as Manifest;
      expect(jwks.spec.rules[0].http.paths).toEqual([
        expect.objectContaining({ path: '/.well-known/jwks.json', pathType: 'Exact' }),
      ]);
    });

    it('runs NATS JetStream on a pinned image with its file store on a volume claim', () => {
      const nats = named(objects(), 'StatefulSet', 'nats') as Manifest;
      expect(nats.spec.replicas).toBe(1);
      const [container, ...others] = nats.spec.template.spec.containers as Manifest[];
      expect(others).toEqual([]);
      // The official image on a full version tag: never a moving one such as :latest or :2.11.
      expect(container?.image).toMatch(/^(docker\.io\/(library\/)?)?nats:\d+\.\d+\.\d+(-alpine)?$/);
      const args = container?.args as string[];
      expect(args).toContain('--jetstream');
      const storeDir = args[args.indexOf('--store_dir') + 1];
      const mount = (container?.volumeMounts as Manifest[]).find((m) => m.mountPath === storeDir);
      expect(
        (nats.spec.volumeClaimTemplates as Manifest[]).map((claim) => claim.metadata.name as string),
      ).toEqual([mount?.name]);
      expect(args[args.indexOf('--http_port') + 1]).toBe('8222');
      for (const probe of [container?.livenessProbe, container?.readinessProbe]) {
        expect(probe.httpGet.path).toMatch(/^\/healthz/);
        expect(probe.httpGet.port).toBe('monitoring');
      }
      expect((container?.ports as Manifest[]).find((p) => p.name === 'monitoring')?.containerPort).toBe(8222);
      // The Service publishes the client port only.
      const service = named(objects(), 'Service', 'nats') as Manifest;
      expect(service.spec.ports).toEqual([{ name: 'client', port: NATS_PORT, targetPort: 'client' }]);
      expect(selects({ matchLabels: service.spec.selector }, nats.spec.template.metadata.labels)).toBe(true);
    });

    it('gives every partner its own PostgreSQL with a pooler: one instance in test, several in production', () => {
      const clusters = ofKind(objects(), 'Cluster');
      expect(clusters.map((c) => c.metadata.name as string).sort()).toEqual(
        SUBGRAPH_NAMES.map(clusterOf).sort(),
      );
      for (const cluster of clusters) {
        if (overlay === 'production') expect(cluster.spec.instances).toBeGreaterThanOrEqual(2);
        else expect(cluster.spec.instances).toBe(1);
        expect(cluster.spec.enableSuperuserAccess).toBe(false);
        const poolers = ofKind(objects(), 'Pooler').filter(
          (p) => p.spec.cluster.name === cluster.metadata.name,
        );
        expect(poolers).toHaveLength(1);
      }
    });
  });
});
