import { readSupergraph } from '../supergraph';
import { planInChildProcess, trialOperations, trialPlan } from '../supergraph-trial';

const GRONDSLAGEN = 'grondslagen: [WettelijkeGrondslag!]! @join__field(graph: WERK_INKOMEN)';

describe('Supergraph trial: the Rust planner plans every root field, in a process of its own', () => {
  let supergraph: string;

  beforeAll(async () => {
    supergraph = await readSupergraph();
  });

  it('asks for every root field a client can reach, with its required arguments as variables', () => {
    const operations = trialOperations(supergraph);
    expect(operations).toContainEqual(
      expect.stringMatching(/^query Proef\(\$bsn: BSN!\) \{ inwoner\(bsn: \$bsn\) \{/),
    );
    expect(operations).toContainEqual(expect.stringMatching(/^mutation Proef\(/));
    // What clients never see is never asked: an @inaccessible key stays out of every operation.
    expect(operations.join('\n')).not.toMatch(/\b(toegang|uitkeringsorganisatie)\b/);
  });

  it('passes the composed supergraph', async () => {
    await expect(trialPlan(supergraph)).resolves.toBeUndefined();
  });

  it("fails on a field no subgraph serves, with the planner's reason", async () => {
    const unroutable = supergraph.replace(GRONDSLAGEN, GRONDSLAGEN.replace('WERK_INKOMEN', 'NERGENS'));
    await expect(trialPlan(unroutable)).rejects.toThrow(/query planner refused it: .*grondslagen/);
  });

  it('fails on a supergraph the planner cannot be built from', async () => {
    await expect(planInChildProcess('type Query { a: Int }', ['{ a }'])).rejects.toThrow(
      /query planner refused it/,
    );
  });
});
