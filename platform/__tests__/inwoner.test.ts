import { GraphQLError } from 'graphql';
import { inwoner, medewerker } from '../auth/inwoner';
import { beslis, type Niveau, type Toegangsregels } from '../auth/policy';
import { ALLEEN_EIGEN_INZAGE, PURPOSES, type Caller, type Resident } from '../auth/principals';

const RESIDENT: Resident = { bsn: '111222333', roles: ['INWONER'] };
const KLANTMANAGER: Caller = {
  employeeId: 'km-1',
  organisation: 'wi-bhh',
  roles: ['KLANTMANAGER'],
  gemeenten: ['GM0164'],
};

function code(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error instanceof GraphQLError ? [error.extensions.code, error.message] : error;
  }
  return undefined;
}

describe('A resident (INWONER) and the access rules', () => {
  const regels: Toegangsregels[] = [
    { subgraph: 'werk-inkomen', medewerkers: ['KLANTMANAGER'], ketenzicht: [], partnerzicht: ['signaal'] },
    {
      subgraph: 'swb',
      medewerkers: ['TRAJECTBEGELEIDER'],
      ketenzicht: ['keten', 'signaal'],
      partnerzicht: [],
    },
  ];

  it('is refused personal data at every level, for every purpose, whatever the chain relation', () => {
    for (const regel of regels) {
      for (const niveau of ['detail', 'keten', 'signaal'] as Niveau[]) {
        for (const purpose of [...PURPOSES, null]) {
          expect(beslis(RESIDENT, purpose, regel, niveau, { uitkeringsorganisatie: 'wi-bhh' })).toEqual({
            toegestaan: false,
            reden: ALLEEN_EIGEN_INZAGE,
          });
        }
      }
    }
    // The same rules still let the employee through.
    expect(beslis(KLANTMANAGER, 'uitvoering', regels[0] as Toegangsregels, 'detail').toegestaan).toBe(true);
  });

  it('never passes for an employee, and an employee never for the resident', () => {
    expect(code(() => medewerker({ caller: RESIDENT }))).toEqual(['FORBIDDEN', ALLEEN_EIGEN_INZAGE]);
    expect(medewerker({ caller: KLANTMANAGER })).toBe(KLANTMANAGER);
    expect(inwoner({ caller: RESIDENT })).toBe(RESIDENT);
    expect(code(() => inwoner({ caller: KLANTMANAGER }))).toEqual([
      'FORBIDDEN',
      expect.stringContaining('resident’s own'),
    ]);
  });
});
