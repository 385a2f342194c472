import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';

const RESIDENTS_OF_GEMEENTE = /* GraphQL */ `
  query Residents($first: Int!) {
    gemeente(code: "GM0153") {
      inwoners(first: $first) {
        nodes {
          bsn
          uitkeringen {
            regeling
          }
          loonkostensubsidies {
            loonwaarde
          }
          inburgeringen {
            leerroute
          }
          trajecten {
            soort
          }
          swDienstverbanden {
            soort
          }
          plaatsingen {
            soort
            werkgever {
              naam
            }
            vacature {
              titel
            }
          }
          lopendeUitkering {
            regeling
          }
          schuldhulpstatus {
            fase
          }
          ontwikkeltrajecten {
            soort
          }
        }
      }
    }
  }
`;

describe('DataLoaders: SQL statements per request do not grow with the number of residents', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('sqlcount', (orms) => insertResidents(orms, 'GM0153', fixtureBsns(200)));
  });
  afterAll(() => hub?.close());

  it('costs each subgraph the same number of statements for 10 and for 200 residents', async () => {
    const run = async (first: number) => {
      let nodes: unknown[] = [];
      const counts = await hub.countSql(async () => {
        const response = await hub.query(RESIDENTS_OF_GEMEENTE, { first }, { as: 'klantmanagerEnschede' });
        expect(response.errors).toBeUndefined();
        nodes = response.data?.gemeente.inwoners.nodes;
      });
      expect(nodes).toHaveLength(first);
      return counts;
    };
    const ten = await run(10);
    const twoHundred = await run(200);
    expect(twoHundred).toEqual(ten);
    // Not one per resident, nor one per relation: werk-inkomen pages residents, reads their three lists
    // in one combined statement, and writes its processing log in one; swb reads its two lists together.
    expect(ten['werk-inkomen']).toBeLessThanOrEqual(3);
    expect(ten.swb).toBeLessThanOrEqual(2);
    for (const count of Object.values(ten)) expect(count).toBeGreaterThan(0);
  });
});
